#!/usr/bin/env bash
# CI: builds every image of docker/ from its Dockerfile as written, on the base images .ci/base-images.sh made (run by
# .ci/containers.sh, DOCKER_HOST set), every build with --network none; then checks that each image's USER is
# numeric, 10001:10001, and that a container of it runs as uid 10001.
set -euo pipefail
cd "$(dirname "$0")/.."
kafka_version=${KAFKA_VERSION:?run by .ci/containers.sh, which sets it}
for image in streams-app sender-worker ingress cli devstack connect; do
  echo "== docker/$image.Dockerfile"
  docker build -q --network none -f "docker/$image.Dockerfile" \
    --build-arg BUILD_IMAGE=localhost/build-base --build-arg RUNTIME_IMAGE=localhost/jdk17-maven \
    --build-arg KAFKA_IMAGE="localhost/kafka:$kafka_version" -t "chat-signals/$image" . >/dev/null
  user=$(docker image inspect -f '{{.Config.User}}' "chat-signals/$image")
  [ "$user" = "10001:10001" ] || { echo "chat-signals/$image runs as '$user', not 10001:10001" >&2; exit 1; }
  uid=$(docker run --rm --network none --entrypoint id "chat-signals/$image" -u)
  [ "$uid" = "10001" ] || { echo "a chat-signals/$image container runs as uid $uid" >&2; exit 1; }
  echo "chat-signals/$image: built, runs as 10001:10001"
done
echo "images: all built, all numeric non-root"

#!/usr/bin/env bash
# CI: builds every image of docker/ from its Dockerfile as written, on base images made here (no container registry
# serves the public ones: a Debian root file system from debootstrap with the JDK and Maven, the project's local Maven
# repository for the build stage, a Connect runtime from the project's Kafka jars), every build with --network none;
# then checks that each image's USER is numeric, 10001:10001, and that a container of it runs as uid 10001.
# Starts its own Docker engine (Debian's docker.io) in a temporary directory and stops it by its pid at the end,
# restoring the firewall rules it changed. Needs root and the build done (mvn install or verify).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/chat-signals-images.XXXXXX)
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v iptables-save >/dev/null 2>&1 || need+=(iptables)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

iptables-save >"$work/iptables.v4" 2>/dev/null || true
ip6tables-save >"$work/iptables.v6" 2>/dev/null || true
dockerd --data-root "$work/data" --exec-root "$work/exec" -H "unix://$work/docker.sock" \
  --pidfile "$work/dockerd.pid" >"$work/dockerd.log" 2>&1 &
stop_engine() {
  local pid
  pid=$(cat "$work/dockerd.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  [ -s "$work/iptables.v4" ] && iptables-restore <"$work/iptables.v4" || true
  [ -s "$work/iptables.v6" ] && ip6tables-restore <"$work/iptables.v6" || true
  ip link delete docker0 2>/dev/null || true
  # the engine's namespace mounts, if a stop left any, before the directory goes
  grep -o " $work[^ ]*" /proc/mounts | sort -r | while read -r m; do umount "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_engine EXIT
export DOCKER_HOST="unix://$work/docker.sock"
for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
docker info >/dev/null 2>&1 || { cat "$work/dockerd.log" >&2; echo "the Docker engine did not start" >&2; exit 1; }

echo "== base images"
debootstrap --variant=minbase --include=openjdk-17-jdk-headless,maven bookworm "$work/rootfs" \
  http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$work/rootfs/var/lib/apt/lists/"*
tar -C "$work/rootfs" -c . | docker import - localhost/jdk17-maven >/dev/null
rm -rf "$work/rootfs"
mkdir -p "$work/build-base" "$work/kafka"
cp -a ~/.m2/repository "$work/build-base/repository"
docker build -q --network none -t localhost/build-base -f .ci/images/build-base.Dockerfile "$work/build-base" >/dev/null
rm -rf "$work/build-base"
mvn -B -q -pl devstack/connect dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/kafka/libs"
docker build -q --network none -t localhost/kafka-connect-runtime -f .ci/images/kafka.Dockerfile "$work/kafka" >/dev/null

for image in streams-app sender-worker cli devstack connect; do
  echo "== docker/$image.Dockerfile"
  docker build -q --network none -f "docker/$image.Dockerfile" \
    --build-arg BUILD_IMAGE=localhost/build-base --build-arg RUNTIME_IMAGE=localhost/jdk17-maven \
    --build-arg KAFKA_IMAGE=localhost/kafka-connect-runtime -t "chat-signals/$image" . >/dev/null
  user=$(docker image inspect -f '{{.Config.User}}' "chat-signals/$image")
  [ "$user" = "10001:10001" ] || { echo "chat-signals/$image runs as '$user', not 10001:10001" >&2; exit 1; }
  uid=$(docker run --rm --network none --entrypoint id "chat-signals/$image" -u)
  [ "$uid" = "10001" ] || { echo "a chat-signals/$image container runs as uid $uid" >&2; exit 1; }
  echo "chat-signals/$image: built, runs as 10001:10001"
done
echo "images: all built, all numeric non-root"

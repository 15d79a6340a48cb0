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
# the rules as saved before the engine started; none saved means there were none: every table emptied again
restore_rules() {
  local tool=$1 saved=$2 table
  if [ -s "$saved" ]; then
    "$tool-restore" <"$saved"
  else
    for table in filter nat mangle raw; do
      "$tool" -t "$table" -F 2>/dev/null
      "$tool" -t "$table" -X 2>/dev/null
    done
    for chain in INPUT FORWARD OUTPUT; do "$tool" -P "$chain" ACCEPT 2>/dev/null; done
  fi
}
stop_engine() {
  local status=$? pid
  set +e
  pid=$(cat "$work/dockerd.pid" 2>/dev/null)
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  restore_rules iptables "$work/iptables.v4"
  restore_rules ip6tables "$work/iptables.v6"
  ip link delete docker0 2>/dev/null
  # the engine's namespace mounts, if its stop left any, before the directory goes
  grep -o " $work[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$work" || echo "warning: could not remove $work" >&2
  exit "$status"
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
# first, so that the dependency plugin the Dockerfiles use is in the local repository too
mvn -B -q -pl devstack/connect dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/kafka/libs"
# third-party artifacts only: the images build the project's own modules from the sources, as a user's build does
cp -a ~/.m2/repository "$work/build-base/repository"
rm -rf "$work/build-base/repository/io/chatsignals"
docker build -q --network none -t localhost/build-base -f .ci/images/build-base.Dockerfile "$work/build-base" >/dev/null
rm -rf "$work/build-base"
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

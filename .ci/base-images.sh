#!/usr/bin/env bash
# CI: the images no registry here can serve, made locally (run by .ci/containers.sh, DOCKER_HOST set):
#   localhost/jdk17-maven     Debian bookworm from debootstrap with the JDK, Maven, curl, nginx and Prometheus
#   localhost/build-base      that with the project's local Maven repository (third-party artifacts only), so that
#                             the Dockerfiles' build stages run with --network none
#   localhost/kafka:4.3.1     apache/kafka's stand-in from Kafka's own jars (.ci/images/kafka.Dockerfile)
#   localhost/schema-registry the registry runner (Apicurio) behind Confluent's paths (.ci/images/registry.Dockerfile)
#   localhost/prometheus      Debian's Prometheus, started as prom/prometheus is (.ci/images/prometheus.Dockerfile)
#   localhost/jaeger          an OTLP/HTTP receiver answering Jaeger's /api/services (.ci/images/jaeger.Dockerfile)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/chat-signals-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
kafka_version=${KAFKA_VERSION:?run by .ci/containers.sh, which sets it}

echo "== base images"
debootstrap --variant=minbase --include=openjdk-17-jdk-headless,maven,curl,nginx-light,prometheus bookworm \
  "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$work/rootfs/var/lib/apt/lists/"*
tar -C "$work/rootfs" -c . | docker import - localhost/jdk17-maven >/dev/null
rm -rf "$work/rootfs"

# first, so that the dependency plugin the Dockerfiles use is in the local repository too
mkdir -p "$work/kafka"
cp -a .ci/images/kafka/. "$work/kafka/"
mvn -B -q -f .ci/images/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$work/kafka/libs"
docker build -q --network none -t "localhost/kafka:$kafka_version" -f .ci/images/kafka.Dockerfile "$work/kafka" >/dev/null

mkdir -p "$work/registry"
cp -a devstack/registry-runner/target/apicurio-registry-runner.jar devstack/registry-runner/target/lib \
  .ci/images/registry/. "$work/registry/"
docker build -q --network none -t localhost/schema-registry -f .ci/images/registry.Dockerfile "$work/registry" >/dev/null

docker build -q --network none -t localhost/prometheus -f .ci/images/prometheus.Dockerfile .ci/images >/dev/null
docker build -q --network none -t localhost/jaeger -f .ci/images/jaeger.Dockerfile .ci/images >/dev/null

# third-party artifacts only: the images build the project's own modules from the sources, as a user's build does
mkdir -p "$work/build-base"
cp -a ~/.m2/repository "$work/build-base/repository"
rm -rf "$work/build-base/repository/io/chatsignals"
docker build -q --network none -t localhost/build-base -f .ci/images/build-base.Dockerfile "$work/build-base" >/dev/null
echo "base images: $(docker images --format '{{.Repository}}:{{.Tag}}' | grep '^localhost/' | sort | tr '\n' ' ')"

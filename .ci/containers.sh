#!/usr/bin/env bash
# CI: everything that needs a container engine, on one of its own (started here, stopped by its pid at the end with
# the firewall rules it changed restored): the base images made locally (.ci/base-images.sh), every image of docker/
# built and checked (.ci/images.sh), the Compose demo up and driven from the host (.ci/compose-demo.sh), the broker
# tests on the Testcontainers backend (.ci/testcontainers.sh). Needs root; installs the reactor itself.
set -euo pipefail
cd "$(dirname "$0")/.."
# the steps below run single modules (mvn -pl), which resolve their sibling modules from the local repository: a
# fresh machine has them only once the reactor is installed (mvn verify installs nothing)
mvn -B -q install -DskipTests
. .ci/lib/apt.sh
install_missing dockerd=docker.io docker-compose=docker-compose debootstrap=debootstrap iptables-save=iptables curl=curl
. .ci/lib/engine.sh
# the Kafka of the build (the root pom's kafka.version): the stand-in image's tag and what the scripts below expect
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml)
export KAFKA_VERSION
finish() {
  local status=$?
  set +e
  engine_stop
  exit "$status"
}
ENGINE_DIR=$(mktemp -d /tmp/chat-signals-engine.XXXXXX)
trap finish EXIT
engine_start "$ENGINE_DIR"
.ci/base-images.sh
.ci/images.sh
.ci/compose-demo.sh
.ci/testcontainers.sh

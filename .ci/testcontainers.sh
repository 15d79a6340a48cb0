#!/usr/bin/env bash
# CI: the broker tests once on the Testcontainers backend (run by .ci/containers.sh, DOCKER_HOST set, the base images
# made): every module whose tests start the shared broker, against a container of localhost/kafka (apache/kafka's
# stand-in made from Kafka's own jars) instead of the embedded broker. Testcontainers' settings for this engine: no
# Ryuk (its image cannot be pulled; every container here is stopped by the tests and the engine goes at the end) and
# the host's loopback for the mapped ports (the machine has a /.dockerenv, which would send it to the bridge gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
kafka_version=${KAFKA_VERSION:?run by .ci/containers.sh, which sets it}
modules=schemas,cli,connect/huawei-case,devstack/embedded,streams-app,sender-worker
TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost \
  mvn -B test -pl "$modules" \
  -Dchatsignals.kafka.backend=testcontainers -Dchatsignals.kafka.image="localhost/kafka:$kafka_version"
# a backend that cannot run skips its tests with the reason: here that is a failure, not a pass
reports=$(for m in ${modules//,/ }; do echo "$m/target/surefire-reports/"*.xml; done)
# shellcheck disable=SC2086
if grep -l "needs a Docker engine" $reports; then
  echo "the broker tests above were skipped: the Testcontainers backend found no Docker engine" >&2
  exit 1
fi
echo "testcontainers backend: the broker tests passed on localhost/kafka:$kafka_version"

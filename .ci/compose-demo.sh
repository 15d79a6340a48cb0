#!/usr/bin/env bash
# CI: the Compose demo profile up (docker/compose.yaml as written, with .ci/compose.ci.yaml swapping only the
# third-party images) and driven from the host, as a user would (run by .ci/containers.sh, DOCKER_HOST set, the
# images built): /health/ready 200 on both apps, webhooks published to the host listener and every command one
# status (DemoCheck), Prometheus scraping both apps, a signed webhook through ingress and the three apps' spans in
# Jaeger. Then down -v, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
compose=(docker-compose -p chat-signals -f docker/compose.yaml -f .ci/compose.ci.yaml --profile demo)
step="up"
check_log=$(mktemp)
down() {
  local status=$?
  set +e
  if [ "$status" -ne 0 ]; then
    "${compose[@]}" logs --no-color --tail 60 >&2
    [ -s "$check_log" ] && { echo "-- DemoCheck's last lines:"; tail -n 20 "$check_log"; } >&2
    # last, so that a tail of this output still names what failed
    echo "compose demo FAILED at step '$step' (exit $status); the services' last log lines are above" >&2
  fi
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1
  rm -f "$check_log"
  exit "$status"
}
trap down EXIT
# every image is here already: nothing builds and nothing is pulled
"${compose[@]}" up -d --no-build

# polls until "$@" succeeds, for at most $1 seconds
within() {
  local seconds=$1
  shift
  for _ in $(seq 1 "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "not within ${seconds}s: $*" >&2
  return 1
}
healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$(${compose[@]} ps -q "$1")")" = healthy ]; }
step="/health/ready"
echo "== $step"
within 180 curl -fsS http://localhost:8080/health/ready
within 180 healthy streams-app
within 180 healthy sender-worker
# the worker has no host port: asked from a container of its own on the project's network
docker run --rm --network chat-signals_default --entrypoint curl localhost/jdk17-maven \
  -fsS -o /dev/null -w 'sender-worker /health/ready: %{http_code}\n' http://sender-worker:8081/health/ready
curl -fsS -o /dev/null -w 'streams-app /health/ready: %{http_code}\n' http://localhost:8080/health/ready

step="webhooks in, statuses out (DemoCheck, from the host listener)"
echo "== $step"
BOOTSTRAP_SERVERS=localhost:9092 SCHEMA_REGISTRY_URL=http://localhost:8081 \
  mvn -B -q -pl devstack/local-run exec:java -Dexec.mainClass=io.chatsignals.devstack.run.check.DemoCheck \
  -Dexec.args="--duration 30s --rate 10 --accounts 3 --customers 20" 2>&1 | tee "$check_log"

step="Prometheus scrapes both apps"
echo "== $step"
# up{job} is 1 for both jobs (the worker's replicas found through Docker's DNS)
scraped() {
  local job
  for job in streams-app sender-worker; do
    curl -fsS "http://localhost:9090/api/v1/query" --data-urlencode "query=up{job=\"$job\"}" \
      | grep -q '"value":\[[0-9.]*,"1"\]' || return 1
  done
}
within 90 scraped
echo "prometheus: up{job=\"streams-app\"} and up{job=\"sender-worker\"} are 1"

step="a signed webhook through ingress"
echo "== $step"
within 60 curl -fsS -H 'Content-Type: application/json' \
  -H "Authorization: $(sed -n 's/^WEBHOOKS_8X8_AUTHORIZATION=//p' docker/demo.env)" \
  --data @providers/src/main/resources/webhooks/8x8-inbound-whatsapp-text.json http://localhost:8088/webhooks/8x8
echo "ingress: POST /webhooks/8x8 answered 2xx"

step="traces reach Jaeger from the three apps"
echo "== $step"
traced() {
  local services app
  services=$(curl -fsS http://localhost:16686/api/services)
  for app in ingress streams-app sender-worker; do
    grep -q "\"$app\"" <<<"$services" || return 1
  done
}
within 90 traced
echo "jaeger: spans from ingress, streams-app and sender-worker"
echo "compose demo: up, healthy, every command one status, both apps scraped, all three traced"

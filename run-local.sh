#!/usr/bin/env bash
# The main job, locally, on a fresh machine: builds everything (tests skipped), then runs the whole system on this
# machine — embedded broker, registry, provider simulator, streams-app, sender-worker replicas — with webhook traffic.
# Usage: ./run-local.sh [--duration 60s] [--rate 20] [--workers 2] [--no-traffic] … (./run-local.sh --help lists all)
set -euo pipefail
cd "$(dirname "$0")"
for arg in "$@"; do
  case "$arg" in
    # answered without building: the options of LocalRun (held equal to its own usage by LocalRunHelpTest)
    -h|--help) cat devstack/local-run/run-local-help.txt; exit 0 ;;
  esac
done
.ci/install-toolchain
mvn -B -q install -DskipTests
args="$*"
exec mvn -B -q -pl devstack/local-run exec:java -Dexec.args="$args"

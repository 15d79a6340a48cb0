#!/usr/bin/env bash
# The main job, locally, on a fresh machine: builds everything (tests skipped), then runs the whole system on this
# machine — embedded broker, registry, provider simulator, streams-app, sender-worker replicas — with webhook traffic.
# Usage: ./run-local.sh [--duration 60s] [--rate 20] [--workers 2] [--no-traffic] … (./run-local.sh --help lists all)
set -euo pipefail
cd "$(dirname "$0")"
build=true
for arg in "$@"; do
  case "$arg" in
    # answered without building: the options of LocalRun (held equal to its own usage by LocalRunHelpTest)
    -h|--help) cat devstack/local-run/run-local-help.txt; exit 0 ;;
    # the last build is of this tree: start at once (LocalRun accepts the option and ignores it)
    --no-build) build=false ;;
  esac
done
# needs only a JDK 17+ and Maven 3.8+ (no root, no Docker); says what is missing instead of installing it
missing=()
if ! command -v javac >/dev/null 2>&1; then
  missing+=("a JDK 17 or newer (javac not found)")
elif ! javac -version 2>&1 | awk '{split($2, v, "."); exit !(v[1] >= 17)}'; then
  missing+=("a JDK 17 or newer ($(javac -version 2>&1) found)")
fi
command -v mvn >/dev/null 2>&1 || missing+=("Apache Maven 3.8 or newer (mvn not found)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'run-local.sh needs %s.\n' "${missing[@]}" >&2
  echo "On Debian or Ubuntu: sudo apt-get install openjdk-17-jdk-headless maven (or run .ci/install-toolchain as root)." >&2
  exit 1
fi
if [ "$build" = true ]; then
  mvn -B -q install -DskipTests
fi
args="$*"
exec mvn -B -q -pl devstack/local-run exec:java -Dexec.args="$args"

#!/usr/bin/env bash
# The main job, locally, on a fresh machine: builds everything (tests skipped), then starts the embedded stack.
# Usage: ./run-local.sh [--duration 60s] [--data-dir DIR] [--partitions 3] [--registry-mode child-process|in-process]
set -euo pipefail
cd "$(dirname "$0")"
.ci/install-toolchain
mvn -B -q install -DskipTests
args="$*"
exec mvn -B -q -pl devstack/embedded exec:java -Dexec.args="$args"

#!/usr/bin/env bash
# CI smoke run: every benchmark command once with --smoke on one broker (scripts/bench/run.sh all --smoke; reports
# under /tmp/chainpulse-bench/smoke-reports). Fails when any event was lost or repeated, a step did not keep pace, a
# figure could not be measured, or a command failed; it asserts nothing about speed. `mvnw verify` runs the same
# through bench's BenchSmokeIT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/scripts/bench/run.sh" all --smoke "$@"

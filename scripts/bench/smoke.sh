#!/usr/bin/env bash
# CI smoke run: every benchmark command once with --smoke (tiny N, a few seconds each, reports under
# /tmp/chainpulse-bench/smoke-reports). Fails only when a command fails; it asserts nothing about time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
for benchmark in connections fanout reconnect latency throughput backfill; do
  echo "bench smoke: $benchmark" >&2
  "$ROOT/scripts/bench/run.sh" "$benchmark" --smoke "$@"
done

#!/usr/bin/env bash
# Runs a benchmark from a frozen copy of the bench classpath, so rebuilding bench/ during a long run cannot change
# the classes the run (and the service JVMs it starts) load: scripts/bench/snapshot-run.sh <benchmark> [options]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SNAP="$(mktemp -d /tmp/chainpulse-bench-snapshot-XXXXXX)"
cp -r "$ROOT/bench/target/classes" "$ROOT/bench/target/lib" "$SNAP/"
cp "$ROOT/scripts/bench/loadgen.mjs" "$SNAP/loadgen.mjs"
cd "$ROOT"
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$SNAP/classes:$SNAP/lib/*" \
  -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -Dchainpulse.bench.loadgen="$SNAP/loadgen.mjs" -Dchainpulse.repo.root="$ROOT" io.chainpulse.bench.BenchMain "$@"

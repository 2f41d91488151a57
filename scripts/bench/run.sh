#!/usr/bin/env bash
# Runs a ChainPulse benchmark (bench module): scripts/bench/run.sh <benchmark> [options]; scripts/bench/run.sh --help;
# scripts/bench/run.sh all --smoke is the CI run (exits 1 on a lost or repeated event, a slow step, a missing figure)
# Builds the bench module when it is missing (upstream modules must be installed: ./mvnw -B -q install -DskipTests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/jcmd" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/jcmd" ]] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' \
      && { export JAVA_HOME="$candidate"; break; }
  done
fi
if [[ ! -d bench/target/lib || -n "$(find bench/src bench/pom.xml -newer bench/target/lib -type f -print -quit)" ]]; then
  ./mvnw -B -q -o -f bench/pom.xml install >&2
  touch bench/target/lib
fi
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -cp "bench/target/classes:bench/target/lib/*" \
  -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -Dchainpulse.repo.root="$ROOT" io.chainpulse.bench.BenchMain "$@"

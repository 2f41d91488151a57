#!/usr/bin/env bash
# Runs the official socket.io-protocol test suite (in SUITE_DIR, e.g. ../shared/conformance/socket.io-protocol/test-suite)
# against the socketio module's conformance server on :3000, configured like the suite's reference server.
# Exits with mocha's status. Needs the suite's npm dependencies (npm ci in SUITE_DIR).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/test-suite.js" ]; then
  echo "usage: $0 SUITE_DIR (the directory of test-suite.js)" >&2
  exit 2
fi
suite=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ ! -d "$suite/node_modules" ]; then
  echo "the suite's dependencies are missing: run npm ci in $suite" >&2
  exit 2
fi

./mvnw -B -q -pl socketio -am install -DskipTests
./mvnw -B -q -pl socketio test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/conformance.classpath
classpath="socketio/target/test-classes:socketio/target/classes:$(cat socketio/target/conformance.classpath)"

# the JDK Maven built with (JAVA_HOME), not whatever `java` the PATH finds first: the classes are Java 21
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -cp "$classpath" io.chainpulse.socketio.ConformanceServer 3000 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

up=false
for _ in $(seq 1 100); do
  if curl -fs "http://localhost:3000/socket.io/?EIO=4&transport=polling" >/dev/null 2>&1; then
    up=true
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
if [ "$up" != true ]; then
  echo "the conformance server did not start on :3000 (see its output above); the suite was not run" >&2
  exit 1
fi

status=0
(cd "$suite" && npx mocha test-suite.js) || status=$?
exit "$status"

#!/usr/bin/env bash
# Fault-injection run (issue 10): starts the platform on free ports, drives 10,000 listing commands
# through the gateway from 8 clients while it kills Kafka, the listings and projections services,
# restarts PostgreSQL and stops Redis, then checks every acknowledged command against the event store,
# the topic and the read model. Writes build/chaos/chaos-<time>.md and exits non-zero on any lost or
# duplicated event. Options: scripts/chaos.sh --help   (e.g. --commands 2000 --clients 4)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  echo "chaos: no 'java' on PATH; install a JDK 17 or newer." >&2
  exit 1
fi
launcher_jar() { ls launcher/target/launcher-*-exec.jar 2>/dev/null | head -n 1; }
needs_build() {
  local jar
  jar=$(launcher_jar)
  [ -z "$jar" ] && return 0
  [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}
if needs_build; then
  echo "Building MSMEAtlas (skipping tests)..."
  ./mvnw -B -q -DskipTests package
fi
exec java -Xmx512m -jar "$(launcher_jar)" chaos --project-root . "$@"

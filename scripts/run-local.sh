#!/usr/bin/env bash
# Starts the whole MSMEAtlas platform on this machine with only a JDK (17+):
# embedded Kafka (KRaft), PostgreSQL and Redis, and every service in its own JVM.
# Builds what is missing or stale first. Options: scripts/run-local.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  echo "run-local: no 'java' on PATH. Install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk) and retry." >&2
  exit 1
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ -z "$java_major" ] || [ "${java_major%%.*}" -lt 17 ]; then
  echo "run-local: Java 17 or newer is needed; 'java' is version ${java_major:-unknown}." >&2
  exit 1
fi

launcher_jar() { ls launcher/target/launcher-*-exec.jar 2>/dev/null | head -n 1; }

needs_build() {
  local jar
  jar=$(launcher_jar)
  [ -z "$jar" ] && return 0
  for module in auth listings projections valuation matching notifications lag-exporter command-gateway; do
    ls "$module"/target/*-exec.jar >/dev/null 2>&1 || return 0
  done
  # Any source or build file newer than the launcher jar means a rebuild.
  [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

if needs_build; then
  echo "Building MSMEAtlas (skipping tests; ./mvnw -B verify runs them)..."
  ./mvnw -B -q -DskipTests package
fi

exec java -Xmx512m -jar "$(launcher_jar)" "$@"

#!/usr/bin/env bash
# Benchmarks MSMEAtlas (issue 9): starts the platform on free ports (or targets one with --url), runs
# P1-P5 and S1 against baselines measured in the same run, writes bench/results/<time>.md|json and
# latest.md|json, and stops everything it started. Options: scripts/bench.sh --help   (quick: --quick)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  echo "bench: no 'java' on PATH; install a JDK 17 or newer." >&2
  exit 1
fi
if ! command -v ab >/dev/null 2>&1; then
  echo "bench: no 'ab' on PATH, so S1 will be reported as not run (Debian: apt-get install -y apache2-utils)." >&2
fi

jar_of() { ls "$1"/target/"$1"-*-exec.jar 2>/dev/null | head -n 1; }

needs_build() {
  local jar
  jar=$(jar_of bench)
  [ -z "$jar" ] && return 0
  for module in auth listings projections valuation matching notifications lag-exporter command-gateway launcher; do
    [ -n "$(jar_of "$module")" ] || return 0
  done
  # Any source or build file newer than the bench jar means a rebuild.
  [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

if needs_build; then
  echo "Building MSMEAtlas and the benchmark (skipping tests)..."
  ./mvnw -B -q -DskipTests install
fi

# The load generator, the rebuild's Kafka Streams instance and the baselines share this JVM.
exec java -Xmx1g -jar "$(jar_of bench)" --project-root . "$@"

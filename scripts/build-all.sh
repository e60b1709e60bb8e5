#!/usr/bin/env bash
# Builds everything and runs every test, then builds the service images with Jib as tar files
# (<module>/target/jib-image.tar), without a Docker daemon or a registry.
#
#   scripts/build-all.sh                 # ./mvnw -B verify, then the images
#   scripts/build-all.sh --skip-verify   # images only (from what the last build compiled)
#
# Image names are msmeatlas/<module>:<version>, set in the modules' Jib configuration.
# -Djib.from.image=scratch: base images cannot be pulled here, so the tars carry only the
# application layers (enough to check the layering); on a machine that reaches a registry, drop it
# (JIB_FROM_IMAGE= scripts/build-all.sh) so the configured JRE base images are used, or use
# `./mvnw jib:build` to push. valuation's base (the JRE plus libgomp1 for XGBoost) is then built
# first with Docker from infra/images/jre-libgomp.
set -euo pipefail
cd "$(dirname "$0")/.."

services=(command-gateway auth listings projections valuation matching notifications lag-exporter)
skip_verify=0
for arg in "$@"; do
  case "$arg" in
    --skip-verify) skip_verify=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-all: unknown option '$arg'" >&2; exit 2 ;;
  esac
done
from_image=${JIB_FROM_IMAGE-scratch}

# Fail before the long build if an image module does not configure Jib: the plugin must be declared
# in its pom.xml (the parent only manages its version).
missing=()
for module in "${services[@]}"; do
  [ -f "$module/pom.xml" ] || { missing+=("$module (no pom.xml)"); continue; }
  grep -q '<artifactId>jib-maven-plugin</artifactId>' "$module/pom.xml" || missing+=("$module")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-all: the Jib plugin (com.google.cloud.tools:jib-maven-plugin) is not configured in: ${missing[*]}." >&2
  echo "build-all: add it to each service module's <build><plugins> with <to><image>msmeatlas/<module></image></to>, then run this again." >&2
  exit 1
fi

if [ -z "$from_image" ]; then
  # Real base images: valuation's is built locally (Jib reads it from the Docker daemon).
  command -v docker >/dev/null 2>&1 || { echo "build-all: building with real base images needs docker for valuation's base (infra/images/jre-libgomp)" >&2; exit 1; }
  echo "==> docker build -t msmeatlas/jre-libgomp:17 infra/images/jre-libgomp"
  docker build -t msmeatlas/jre-libgomp:17 infra/images/jre-libgomp
fi

if [ "$skip_verify" = 0 ]; then
  echo "==> ./mvnw -B verify"
  ./mvnw -B verify
fi

echo "==> ./mvnw -B -DskipTests jib:buildTar${from_image:+ -Djib.from.image=$from_image}"
log=$(mktemp /tmp/build-all-jib.XXXXXX.log)
trap 'rm -f "$log"' EXIT
set +e
./mvnw -B -DskipTests jib:buildTar ${from_image:+-Djib.from.image="$from_image"} 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" != 0 ]; then
  if grep -q "No plugin found for prefix 'jib'" "$log"; then
    echo "build-all: Maven cannot resolve the 'jib' prefix: declare com.google.cloud.tools:jib-maven-plugin in the service modules' poms." >&2
  fi
  echo "build-all: building the images failed (exit $rc); see the output above." >&2
  exit "$rc"
fi

echo "==> images"
status=0
for module in "${services[@]}"; do
  if [ -f "$module/target/jib-image.tar" ]; then
    printf '  %-16s %s (%s)\n' "$module" "$module/target/jib-image.tar" "$(du -h "$module/target/jib-image.tar" | cut -f1)"
  else
    echo "  $module: no $module/target/jib-image.tar was produced" >&2
    status=1
  fi
done
[ "$status" = 0 ] && echo "Load one into Docker with: docker load --input <module>/target/jib-image.tar"
exit "$status"

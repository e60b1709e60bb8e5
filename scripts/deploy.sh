#!/usr/bin/env bash
# Deploys MSMEAtlas to Kubernetes with one of the overlays in infra/k8s/overlays.
#
#   scripts/deploy.sh staging --dry-run                 # print the manifests, apply nothing
#   scripts/deploy.sh production --tag 0.2.0 --registry registry.example.com
#
# The overlay is rendered once (kubectl kustomize, i.e. what `kubectl apply -k` applies), the image
# names are adjusted if --registry/--tag are given, and exactly that output is applied, so a dry
# run shows what a real run applies. The Secret msmeatlas-secrets is created from the overlay's
# git-ignored secrets.env if present (see infra/k8s/secrets.env.example), otherwise it must exist.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh <staging|production|aws|gcp|azure> [options]

  --dry-run          print the rendered manifests on stdout; if a cluster is reachable, also run
                     kubectl apply --dry-run=client (its summary on stderr). Changes nothing.
  --registry HOST    prefix the images with a registry (msmeatlas/x -> HOST/msmeatlas/x)
                     (default: env MSMEATLAS_REGISTRY, else none)
  --tag TAG          image tag (default: env MSMEATLAS_VERSION, else the tag in the manifests)
  --context NAME     kubectl context to use (default: the current one)
  --timeout DURATION how long to wait for the rollout (default 5m)
  -h, --help         this text
EOF
}

die() { echo "deploy: $*" >&2; exit 1; }

overlay=""
dry_run=0
registry=${MSMEATLAS_REGISTRY:-}
tag=${MSMEATLAS_VERSION:-}
context=""
timeout=5m
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=1; shift ;;
    --registry) registry=${2:?--registry needs a value}; shift 2 ;;
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --context) context=${2:?--context needs a value}; shift 2 ;;
    --timeout) timeout=${2:?--timeout needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "deploy: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *) [ -z "$overlay" ] || die "one overlay only (got '$overlay' and '$1')"; overlay=$1; shift ;;
  esac
done
case "$overlay" in
  staging|production|aws|gcp|azure) ;;
  "") usage >&2; exit 2 ;;
  *) die "unknown overlay '$overlay' (staging, production, aws, gcp or azure)" ;;
esac

command -v kubectl >/dev/null 2>&1 || die "'kubectl' is not installed"
kc=(kubectl)
[ -n "$context" ] && kc+=(--context "$context")

dir=infra/k8s/overlays/$overlay
rendered=$(mktemp /tmp/msmeatlas-deploy.XXXXXX.yaml)
trap 'rm -f "$rendered"' EXIT

kubectl kustomize "$dir" > "$rendered" || die "kubectl kustomize $dir failed"
if [ -n "$registry" ] || [ -n "$tag" ]; then
  # image: msmeatlas/<module>:<tag>  ->  image: [<registry>/]msmeatlas/<module>:<new tag>
  sed -E -i "s#^([[:space:]]*image: )msmeatlas/([a-z0-9-]+):([^[:space:]]+)#\1${registry:+$registry/}msmeatlas/\2:${tag:-\3}#" "$rendered"
fi
namespace=$(awk '/^kind: Namespace/ {ns = 1} ns && /^  name: / {print $2; exit}' "$rendered")
[ -n "$namespace" ] || die "the rendered $overlay overlay has no Namespace object"

if [ "$dry_run" = 1 ]; then
  cat "$rendered"
  if "${kc[@]}" version --request-timeout=5s >/dev/null 2>&1; then
    echo "--- kubectl apply --dry-run=client ($overlay, namespace $namespace)" >&2
    "${kc[@]}" apply --dry-run=client -f "$rendered" >&2
  else
    echo "--- no cluster reachable: rendered only, nothing validated against an API server" >&2
  fi
  exit 0
fi

"${kc[@]}" version --request-timeout=10s >/dev/null 2>&1 \
  || die "no cluster reachable with the current kubectl context${context:+ ($context)}"
echo "Deploying overlay '$overlay' to namespace '$namespace' (context: $("${kc[@]}" config current-context 2>/dev/null || echo "?"))"

# The namespace first, so the Secret can be created in it.
"${kc[@]}" create namespace "$namespace" --dry-run=client -o yaml | "${kc[@]}" apply -f - >/dev/null

if [ -f "$dir/secrets.env" ]; then
  secret_args=(--from-env-file="$dir/secrets.env")
  [ -f "$dir/auth-signing-key.pem" ] && secret_args+=(--from-file=auth-signing-key-pem="$dir/auth-signing-key.pem")
  "${kc[@]}" -n "$namespace" create secret generic msmeatlas-secrets "${secret_args[@]}" \
    --dry-run=client -o yaml | "${kc[@]}" apply -f -
elif ! "${kc[@]}" -n "$namespace" get secret msmeatlas-secrets >/dev/null 2>&1; then
  die "Secret msmeatlas-secrets is missing in namespace $namespace. Create it (keys: see infra/k8s/secrets.env.example), e.g. cp infra/k8s/secrets.env.example $dir/secrets.env, edit, and run this again."
fi

"${kc[@]}" apply -f "$rendered"

echo "Waiting for the rollout (up to $timeout)..."
for workload in deployment/command-gateway deployment/auth deployment/listings statefulset/projections \
    deployment/valuation deployment/matching deployment/notifications deployment/lag-exporter; do
  "${kc[@]}" -n "$namespace" rollout status "$workload" --timeout="$timeout"
done
echo "Deployed $overlay."

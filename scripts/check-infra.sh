#!/usr/bin/env bash
# Static checks of the deployment and monitoring configuration (no Docker engine, no cluster, no
# network needed):
#   - Kubernetes: every overlay of infra/k8s renders with kustomize, renders no Secret (values are
#     never committed), every workload has probes, limits, a non-root security context and a
#     disruption budget, and every in-cluster service URL of the ConfigMap names a Service port
#   - nginx: infra/nginx/nginx.conf passes `nginx -t`
#   - Compose: docker-compose.yml passes `docker-compose config` (the Compose specification, as the
#     Debian package implements it); the seed's service names exist, each Java service has a health
#     check, a 128 MiB heap, a memory limit, healthy-only dependencies and a Prometheus scrape job
#   - Prometheus: `promtool check config` for both configurations, `promtool check rules` and the
#     alert unit tests (`promtool test rules`)
#   - Grafana: every dashboard and provisioning file parses, and every panel query names the
#     provisioned datasource
#
#   scripts/check-infra.sh             # a missing tool fails its checks, naming the package
#   scripts/check-infra.sh --install   # apt-get installs missing Debian packages first (root)
set -euo pipefail
cd "$(dirname "$0")/.."

install=0
for arg in "$@"; do
  case "$arg" in
    --install) install=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-infra: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

overlays=(staging production aws gcp azure)
passed=0
failed=0
failures=()
work=$(mktemp -d /tmp/check-infra.XXXXXX)
trap 'rm -rf "$work"' EXIT

pass() { passed=$((passed + 1)); echo "PASS  $1"; }
fail() {
  failed=$((failed + 1)); failures+=("$1"); echo "FAIL  $1"
  [ -z "${2:-}" ] || sed 's/^/      /' <<<"$2"
}
# run NAME COMMAND...: passes if the command exits 0; shows its output if not.
run() {
  local name=$1; shift
  local out
  if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# ------------------------------------------------------------------ tools
# A Python 3 that has PyYAML and jsonschema (Debian: python3-yaml, python3-jsonschema, which
# docker-compose depends on anyway); the one on PATH may be another installation.
find_python() {
  local candidate
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml, jsonschema' >/dev/null 2>&1; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}
compose_cmd() {
  if command -v docker-compose >/dev/null 2>&1; then echo docker-compose
  elif docker compose version >/dev/null 2>&1; then echo "docker compose"
  else return 1; fi
}
# kubectl's built-in kustomize must understand `labels` and `patches` (kustomize v4.1+; kubectl 1.21+).
kustomize_ok() {
  command -v kubectl >/dev/null 2>&1 || return 1
  local version
  version=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')
  [ -n "$version" ] && [ "$version" -ge 5 ]
}

missing_packages=()
have_python=1; find_python >/dev/null || { have_python=0; missing_packages+=(python3 python3-yaml python3-jsonschema); }
have_nginx=1; command -v nginx >/dev/null 2>&1 || { have_nginx=0; missing_packages+=(nginx); }
have_promtool=1; command -v promtool >/dev/null 2>&1 || { have_promtool=0; missing_packages+=(prometheus); }
have_compose=1; compose_cmd >/dev/null || { have_compose=0; missing_packages+=(docker-compose); }
have_kustomize=1; kustomize_ok || have_kustomize=0

if [ "$install" = 1 ] && { [ ${#missing_packages[@]} -gt 0 ] || [ "$have_kustomize" = 0 ]; }; then
  [ "$(id -u)" = 0 ] || { echo "check-infra: --install needs root (apt-get)" >&2; exit 1; }
  if [ "$have_kustomize" = 0 ] && ! command -v kubectl >/dev/null 2>&1; then
    # Debian 12 has no recent kubectl package; use one from the configured sources if there is one.
    apt-get update -q >/dev/null
    if apt-cache show kubectl >/dev/null 2>&1; then missing_packages+=(kubectl); fi
  fi
  if [ ${#missing_packages[@]} -gt 0 ]; then
    echo "Installing: ${missing_packages[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_packages[@]}" >/dev/null
  fi
  have_python=1; find_python >/dev/null || have_python=0
  have_nginx=1; command -v nginx >/dev/null 2>&1 || have_nginx=0
  have_promtool=1; command -v promtool >/dev/null 2>&1 || have_promtool=0
  have_compose=1; compose_cmd >/dev/null || have_compose=0
  have_kustomize=1; kustomize_ok || have_kustomize=0
fi
missing() { fail "$1" "missing tool: $2 (Debian package: $3). Run scripts/check-infra.sh --install, or install it."; }
python=$(find_python || true)

# ------------------------------------------------------------------ Kubernetes
if [ "$have_kustomize" = 1 ]; then
  for overlay in "${overlays[@]}"; do
    rendered="$work/k8s-$overlay.yaml"
    if out=$(kubectl kustomize "infra/k8s/overlays/$overlay" 2>&1 >"$rendered"); then
      pass "k8s: kubectl kustomize infra/k8s/overlays/$overlay"
      if [ "$have_python" = 1 ]; then
        # Invariants every overlay must keep.
        run "k8s: $overlay: no Secret values; probes, limits, non-root and a disruption budget on every workload; service URLs resolve" "$python" - "$rendered" <<'EOF'
import sys, yaml
problems = []
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
for d in docs:
    kind, name = d["kind"], d["metadata"]["name"]
    if kind == "Secret":
        problems.append("Secret %s is rendered: secret values must not be in git" % name)
    if kind in ("Deployment", "StatefulSet"):
        pod = d["spec"]["template"]["spec"]
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            problems.append("%s %s: runAsNonRoot is not set" % (kind, name))
        for c in pod["containers"]:
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                if probe not in c:
                    problems.append("%s %s/%s: no %s" % (kind, name, c["name"], probe))
            if "memory" not in c.get("resources", {}).get("limits", {}):
                problems.append("%s %s/%s: no memory limit" % (kind, name, c["name"]))
            if c.get("securityContext", {}).get("allowPrivilegeEscalation") is not False:
                problems.append("%s %s/%s: allowPrivilegeEscalation is not false" % (kind, name, c["name"]))
if not any(d["kind"] == "Namespace" for d in docs):
    problems.append("no Namespace object")
# Every workload has a disruption budget, and every in-cluster URL in the ConfigMap names a Service port.
budgets = [d["spec"]["selector"]["matchLabels"] for d in docs if d["kind"] == "PodDisruptionBudget"]
for d in docs:
    if d["kind"] in ("Deployment", "StatefulSet"):
        labels = d["spec"]["template"]["metadata"]["labels"]
        if not any(all(labels.get(k) == v for k, v in b.items()) for b in budgets):
            problems.append("%s %s: no PodDisruptionBudget" % (d["kind"], d["metadata"]["name"]))
services = {(d["metadata"]["name"], p["port"]) for d in docs if d["kind"] == "Service" for p in d["spec"]["ports"]}
for d in docs:
    if d["kind"] == "ConfigMap":
        for key, value in d.get("data", {}).items():
            if key.endswith("_URL") and value.startswith("http://") and "." not in value.split("//")[1].split(":")[0]:
                host, port = value.split("//")[1].rstrip("/").split(":")
                if (host, int(port)) not in services:
                    problems.append("ConfigMap %s: %s=%s names no Service port" % (d["metadata"]["name"], key, value))
print("\n".join(problems))
sys.exit(1 if problems else 0)
EOF
      fi
    else
      fail "k8s: kubectl kustomize infra/k8s/overlays/$overlay" "$out"
    fi
  done
else
  missing "k8s: kustomize render of ${overlays[*]}" "kubectl with kustomize v5 (kubectl 1.27+)" \
    "kubectl from the Kubernetes apt repository; Debian 12's kubernetes-client is too old"
fi

# ------------------------------------------------------------------ nginx
# nginx -t resolves every upstream host name, and `gateway` exists only on the Compose network, so
# the test runs on a copy whose upstream is 127.0.0.1 (nothing needs to listen there). An nginx
# older than 1.27.3 does not know the upstream `resolve` parameter (the image runs 1.28), so the
# copy drops it for such an nginx; everything else is tested as written.
if [ "$have_nginx" = 1 ]; then
  nginx_version=$(nginx -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')
  sed -e 's/server gateway:3000/server 127.0.0.1:3000/' infra/nginx/nginx.conf > "$work/nginx.conf"
  note=""
  if [ "$(printf '%s\n1.27.3\n' "$nginx_version" | sort -V | head -n 1)" != "1.27.3" ]; then
    sed -i -e 's/\(server 127\.0\.0\.1:3000\) resolve /\1 /' "$work/nginx.conf"
    note=" (nginx $nginx_version: tested without 'resolve')"
  fi
  mkdir -p "$work/nginx-prefix/logs"
  run "nginx: nginx -t infra/nginx/nginx.conf$note" nginx -t -q -p "$work/nginx-prefix" -c "$work/nginx.conf"
else
  missing "nginx: nginx -t infra/nginx/nginx.conf" nginx nginx
fi

# ------------------------------------------------------------------ Compose
if [ "$have_compose" = 1 ]; then
  # With the example .env, so the check needs no real secrets (a real .env is not read).
  read -r -a compose <<<"$(compose_cmd)"
  run "compose: ${compose[*]} config (docker-compose.yml, infra/compose/.env.example)" \
    "${compose[@]}" --env-file infra/compose/.env.example -f docker-compose.yml config -q
  if [ "$have_python" = 1 ] && "${compose[@]}" --env-file infra/compose/.env.example -f docker-compose.yml config \
      > "$work/compose.yaml" 2>/dev/null; then
    # The seed's service names, and what every Java service must have; each is scraped by Prometheus.
    run "compose: the seed's service names; health checks, 128 MiB heaps and memory limits; every service scraped" \
      "$python" - "$work/compose.yaml" infra/prometheus/prometheus.yml <<'EOF'
import sys, yaml
compose = yaml.safe_load(open(sys.argv[1]))["services"]
scraped = {name for job in yaml.safe_load(open(sys.argv[2]))["scrape_configs"]
           for sd in job.get("dns_sd_configs", []) for name in sd["names"]}
problems = []
java = ["gateway", "auth-service", "msme-service", "projections", "valuation-service", "matchmaking-service",
        "notification-service", "lag-exporter"]
for name in java:
    service = compose.get(name)
    if service is None:
        problems.append("no compose service %r" % name); continue
    env = service.get("environment", {})
    if "-Xmx128m" not in str(env.get("JAVA_TOOL_OPTIONS", "")):
        problems.append("%s: heap not capped at 128 MiB (JAVA_TOOL_OPTIONS)" % name)
    if not service.get("mem_limit"):
        problems.append("%s: no mem_limit" % name)
    if "healthcheck" not in service:
        problems.append("%s: no healthcheck" % name)
    for dependency, condition in (service.get("depends_on") or {}).items():
        if condition.get("condition") != "service_healthy":
            problems.append("%s: depends on %s without condition service_healthy" % (name, dependency))
    if name not in scraped:
        problems.append("%s: not scraped by infra/prometheus/prometheus.yml" % name)
print("\n".join(problems))
sys.exit(1 if problems else 0)
EOF
  fi
else
  missing "compose: docker-compose config" "docker-compose (or the docker compose plugin)" docker-compose
fi

# ------------------------------------------------------------------ Prometheus
if [ "$have_promtool" = 1 ]; then
  run "prometheus: promtool check config infra/prometheus/prometheus.yml" promtool check config infra/prometheus/prometheus.yml
  run "prometheus: promtool check config infra/prometheus/prometheus-local.yml" promtool check config infra/prometheus/prometheus-local.yml
  run "prometheus: promtool check rules infra/prometheus/alerts.yml" promtool check rules infra/prometheus/alerts.yml
  run "prometheus: promtool test rules infra/prometheus/alerts.test.yml" promtool test rules infra/prometheus/alerts.test.yml
else
  missing "prometheus: promtool checks" promtool prometheus
fi

# ------------------------------------------------------------------ Grafana
if [ "$have_python" = 1 ]; then
  run "grafana: dashboards and provisioning parse, panels use the provisioned datasource" "$python" - <<'EOF'
import glob, json, sys, yaml
problems, uids = [], {}
for path in sorted(glob.glob("infra/grafana/provisioning/*/*.yml")):
    try:
        yaml.safe_load(open(path))
    except Exception as e:
        problems.append("%s: %s" % (path, e))
dashboards = sorted(glob.glob("infra/grafana/dashboards/*.json"))
if not dashboards:
    problems.append("no dashboards in infra/grafana/dashboards")
for path in dashboards:
    try:
        board = json.load(open(path))
    except Exception as e:
        problems.append("%s: %s" % (path, e)); continue
    uid = board.get("uid")
    if not uid or uid in uids:
        problems.append("%s: missing or duplicate uid %r" % (path, uid))
    uids[uid] = path
    panels = [p for top in board.get("panels", []) for p in [top] + top.get("panels", [])]
    for panel in panels:
        if panel.get("type") == "row":
            continue
        targets = panel.get("targets", [])
        if not targets:
            problems.append("%s: panel %r has no query" % (path, panel.get("title")))
        for t in targets:
            if not t.get("expr"):
                problems.append("%s: panel %r query %s is empty" % (path, panel.get("title"), t.get("refId")))
            if (t.get("datasource") or panel.get("datasource") or {}).get("uid") != "prometheus":
                problems.append("%s: panel %r does not use datasource uid 'prometheus'" % (path, panel.get("title")))
print("\n".join(problems) or "%d dashboards" % len(dashboards))
sys.exit(1 if problems else 0)
EOF
else
  missing "grafana: dashboard JSON" "python3 with PyYAML" "python3-yaml"
fi

# ------------------------------------------------------------------ scripts
run "scripts: bash -n on the operations scripts" bash -c \
  'for f in scripts/check-infra.sh scripts/check-dashboards.sh scripts/build-all.sh scripts/deploy.sh; do bash -n "$f" || exit 1; done'

echo
echo "$passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  printf '  failed: %s\n' "${failures[@]}"
  exit 1
fi

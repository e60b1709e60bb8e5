#!/usr/bin/env bash
# Checks the Grafana dashboards against real metrics: with the local platform running
# (scripts/run-local.sh), starts a throw-away Prometheus that scrapes it, puts some load on the
# platform through the gateway, then runs every panel query of every dashboard in
# infra/grafana/dashboards through Prometheus' HTTP API and lists the ones that return no data.
# Exit status 1 if any does.
#
#   scripts/check-dashboards.sh                        # platform on the default ports
#   scripts/check-dashboards.sh --gateway-port 13000 --auth-port 13001 ...   # as run-local was started
#
# The load is a marketplace at work: a seller drafts, updates and submits listings (valued by the
# valuation service), the admin approves them (password from the data directory; or run the platform
# with --auto-approve), a buyer's profile gets matches, expresses interest, the seller accepts, both
# read their notifications (one over a live SSE stream), plus reads, searches, what-if estimates and
# deliberate 404s and 422s. About 8 requests a second: start the platform with
# --rate-limit-exempt 127.0.0.1/32, or some requests are answered 429 (which still shows on dashboards).
#
# Needs: prometheus (Debian package `prometheus`), curl, python3 (standard library only).
# Leaves nothing behind: Prometheus runs on a free loopback port with its data in a temporary
# directory, and both are removed at the end (--keep keeps the directory for a look).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
Usage: scripts/check-dashboards.sh [options]

  --gateway-port N        command-gateway port (default 3000, env GATEWAY_PORT)
  --auth-port N           auth port (default 3001, env AUTH_PORT)
  --listings-port N       listings port (default 3002, env LISTINGS_PORT)
  --valuation-port N      valuation port (default 3003, env VALUATION_PORT)
  --matching-port N       matching port (default 3004, env MATCHING_PORT)
  --notifications-port N  notifications port (default 3005, env NOTIFICATIONS_PORT)
  --projections-port N    projections port (default 3006, env PROJECTIONS_PORT)
  --lag-exporter-port N   lag exporter port (default 3007, env LAG_EXPORTER_PORT)
  --data-dir DIR          the platform's data directory, for the admin password (default
                          .atlas-data, env ATLAS_DATA_DIR); without it listings are approved only
                          if the platform runs with --auto-approve
  --prometheus-port N     port for the temporary Prometheus (default: a free one)
  --load-seconds N        how long to generate load before querying (default 60)
  --rounds N              query rounds: queries without data are asked again after another
                          load period, for a platform started moments ago (default 3)
  --keep                  keep the temporary directory (Prometheus config, data, load log)
  -h, --help              this text
EOF
}

gateway_port=${GATEWAY_PORT:-3000}
auth_port=${AUTH_PORT:-3001}
listings_port=${LISTINGS_PORT:-3002}
valuation_port=${VALUATION_PORT:-3003}
matching_port=${MATCHING_PORT:-3004}
notifications_port=${NOTIFICATIONS_PORT:-3005}
projections_port=${PROJECTIONS_PORT:-3006}
lag_exporter_port=${LAG_EXPORTER_PORT:-3007}
data_dir=${ATLAS_DATA_DIR:-.atlas-data}
prometheus_port=""
load_seconds=60
rounds=3
keep=0

while [ $# -gt 0 ]; do
  case "$1" in
    --gateway-port) gateway_port=$2; shift 2 ;;
    --auth-port) auth_port=$2; shift 2 ;;
    --listings-port) listings_port=$2; shift 2 ;;
    --valuation-port) valuation_port=$2; shift 2 ;;
    --matching-port) matching_port=$2; shift 2 ;;
    --notifications-port) notifications_port=$2; shift 2 ;;
    --projections-port) projections_port=$2; shift 2 ;;
    --lag-exporter-port) lag_exporter_port=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --prometheus-port) prometheus_port=$2; shift 2 ;;
    --load-seconds) load_seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "check-dashboards: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

die() { echo "check-dashboards: $*" >&2; exit 1; }

for tool in prometheus curl python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case "$tool" in
      prometheus) die "'prometheus' is not installed (Debian: apt-get install -y prometheus, or scripts/check-infra.sh --install)" ;;
      *) die "'$tool' is not installed" ;;
    esac
  fi
done

healthy() { curl -fsS -m 3 -o /dev/null "http://localhost:$1/actuator/health" 2>/dev/null; }

services=("command-gateway:$gateway_port" "auth:$auth_port" "listings:$listings_port" "valuation:$valuation_port"
  "matching:$matching_port" "notifications:$notifications_port" "projections:$projections_port"
  "lag-exporter:$lag_exporter_port")
for service in "${services[@]}"; do
  healthy "${service#*:}" || die "${service%%:*} is not healthy on localhost:${service#*:}. Start the platform first (scripts/run-local.sh, with the same ports)."
done

work=$(mktemp -d /tmp/check-dashboards.XXXXXX)
prometheus_pid=""
load_pid=""
cleanup() {
  # Only the processes this script started, by their id.
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  [ -f "$work/stream.pid" ] && kill "$(cat "$work/stream.pid")" 2>/dev/null || true
  if [ -n "$prometheus_pid" ]; then
    kill "$prometheus_pid" 2>/dev/null || true
    wait "$prometheus_pid" 2>/dev/null || true
  fi
  if [ "$keep" = 1 ]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ Prometheus
if [ -z "$prometheus_port" ]; then
  prometheus_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
fi
# The local config with the ports this platform really uses (one pass, so ports cannot chain).
python3 - "$work/prometheus.yml" "${services[@]}" <<'EOF'
import re, sys
out, services = sys.argv[1], dict(s.split(":") for s in sys.argv[2:])
defaults = {"3000": "command-gateway", "3001": "auth", "3002": "listings", "3003": "valuation", "3004": "matching",
            "3005": "notifications", "3006": "projections", "3007": "lag-exporter"}
text = open("infra/prometheus/prometheus-local.yml").read()
text = re.sub(r"\[localhost:(300[0-7])\]", lambda m: "[localhost:%s]" % services[defaults[m.group(1)]], text)
open(out, "w").write(text)
EOF
cp infra/prometheus/alerts.yml "$work/alerts.yml"

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn > "$work/prometheus.log" 2>&1 &
prometheus_pid=$!
prom="http://127.0.0.1:$prometheus_port"
for _ in $(seq 1 60); do
  curl -fsS -m 2 -o /dev/null "$prom/-/ready" 2>/dev/null && break
  kill -0 "$prometheus_pid" 2>/dev/null || { cat "$work/prometheus.log" >&2; die "Prometheus exited while starting"; }
  sleep 0.5
done
curl -fsS -m 2 -o /dev/null "$prom/-/ready" || die "Prometheus did not become ready on $prom"
echo "Prometheus on $prom scraping: ${services[*]}"

# ------------------------------------------------------------------ load
gw="http://localhost:$gateway_port"
# A field of the JSON on stdin (empty if absent or not JSON); items.0.matchId style paths.
json_field() {
  python3 -c 'import json, sys
try:
    value = json.load(sys.stdin)
    for key in sys.argv[1].split("."):
        value = value[int(key)] if isinstance(value, list) else value[key]
    print(value)
except Exception:
    print("")' "$1"
}
sign_in() {  # email password -> access token
  curl -s -m 10 "$gw/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | json_field accessToken
}
sign_up() {  # email password role -> access token
  curl -s -m 10 -o /dev/null "$gw/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\",\"displayName\":\"Dashboard check\",\"role\":\"$3\"}" || true
  sign_in "$1" "$2"
}
load() {
  local end=$((SECONDS + load_seconds * (rounds + 1) + 30))
  local rnd password seller buyer admin="" i=0 id match
  rnd=$(python3 -c 'import secrets; print(secrets.token_hex(6))')
  password="Dash-Check-$rnd-42"
  seller=$(sign_up "dash-seller-$rnd@example.com" "$password" SELLER)
  buyer=$(sign_up "dash-buyer-$rnd@example.com" "$password" BUYER)
  [ -n "$seller" ] && [ -n "$buyer" ] || { echo "load: could not sign up a seller and a buyer through $gw"; return 1; }
  if [ -r "$data_dir/admin-password" ]; then
    admin=$(sign_in admin@msmeatlas.local "$(cat "$data_dir/admin-password")")
  fi
  echo "load: seller and buyer signed in; listings $([ -n "$admin" ] && echo "approved by the admin" || echo "approved only with --auto-approve (no admin password in $data_dir)")"
  local S=(-H "Authorization: Bearer $seller") B=(-H "Authorization: Bearer $buyer") A=(-H "Authorization: Bearer $admin")
  local json=(-H 'Content-Type: application/json')
  # What the buyer looks for is what the seller lists, so every approved listing is a match.
  curl -s -m 10 -o /dev/null "$gw/api/matchmaking/profiles" "${B[@]}" "${json[@]}" -d '{"name":"Dashboard check","criteria":{"sectors":["25"],"states":["Maharashtra"],"budgetMin":"1000000","budgetMax":"10000000","dealTypes":["FULL_SALE"],"buyerType":"STRATEGIC"},"contact":{"name":"Check Buyer","email":"buyer@example.in"}}' || true
  # The buyer listens for notifications as the web app would, for the whole load.
  curl -s -N -m $((end - SECONDS)) -o /dev/null "$gw/api/notification/stream" "${B[@]}" &
  echo $! > "$work/stream.pid"
  while [ $SECONDS -lt $end ]; do
    i=$((i + 1))
    id=$(curl -s -m 5 "$gw/api/msme/listings" "${S[@]}" "${json[@]}" -H "Idempotency-Key: dash-$rnd-$i" \
      -d '{"title":"Dashboard check shop","legalName":"Check Shop LLP","contact":{"name":"Check","email":"check@example.in"},"sectorCode":"25","state":"Maharashtra","city":"Pune","plantAndMachineryInvestment":"2000000","financials":[{"fiscalYear":2025,"revenue":"9000000","ebitda":"1200000"}],"askingPrice":"6500000.00","currency":"INR","dealType":"FULL_SALE"}' \
      | json_field id) || true
    if [ -n "$id" ]; then
      curl -s -m 5 -o /dev/null -X PATCH "$gw/api/msme/listings/$id" "${S[@]}" "${json[@]}" -d '{"askingPrice":"6000000"}' || true
      curl -s -m 5 -o /dev/null -X POST "$gw/api/msme/listings/$id/submit" "${S[@]}" || true
      [ -n "$admin" ] && curl -s -m 5 -o /dev/null -X POST "$gw/api/msme/listings/$id/approve" "${A[@]}" || true
      curl -s -m 5 -o /dev/null "$gw/api/msme/listings/$id" "${B[@]}" || true
      [ $((i % 2)) = 0 ] && curl -s -m 5 -o /dev/null "$gw/api/valuation/listings/$id" "${S[@]}" || true
      [ $((i % 7)) = 0 ] && curl -s -m 5 -o /dev/null -X POST "$gw/api/msme/listings/$id/withdraw" "${S[@]}" "${json[@]}" -d '{"reason":"check"}' || true
    fi
    if [ $((i % 3)) = 0 ]; then
      # The deal flow: the buyer takes up a fresh match, the seller accepts, both read their inbox.
      match=$(curl -s -m 5 "$gw/api/matchmaking/matches/mine?interest=NONE&limit=1" "${B[@]}" | json_field items.0.matchId) || true
      if [ -n "$match" ]; then
        curl -s -m 5 -o /dev/null -X POST "$gw/api/matchmaking/matches/$match/interest" "${B[@]}" "${json[@]}" -d '{"message":"check"}' || true
        curl -s -m 5 -o /dev/null -X POST "$gw/api/matchmaking/matches/$match/accept" "${S[@]}" || true
      fi
      curl -s -m 5 -o /dev/null "$gw/api/notification/inbox?limit=5" "${S[@]}" || true
      curl -s -m 5 -o /dev/null "$gw/api/notification/unread-count" "${B[@]}" || true
    fi
    [ $((i % 10)) = 1 ] && curl -s -m 10 -o /dev/null "$gw/api/valuation/estimate" "${B[@]}" "${json[@]}" \
      -d '{"sectorCode":"25","state":"Maharashtra","city":"Pune","plantAndMachineryInvestment":"20000000","financials":[{"fiscalYear":2025,"revenue":"90000000","ebitda":"9000000"}]}' || true
    curl -s -m 5 -o /dev/null "$gw/api/msme/listings?status=PUBLISHED&limit=5" "${B[@]}" || true
    # Deliberate client errors: an unknown listing (404) and an invalid command (422).
    curl -s -m 5 -o /dev/null "$gw/api/msme/listings/00000000-0000-0000-0000-000000000000" "${S[@]}" || true
    curl -s -m 5 -o /dev/null "$gw/api/msme/listings" "${S[@]}" "${json[@]}" -d '{"title":""}' || true
    curl -s -m 5 -o /dev/null "$gw/health/all" || true
    sleep 1
  done
}
load > "$work/load.log" 2>&1 &
load_pid=$!

echo "Generating load for ${load_seconds}s (log: $work/load.log)..."
sleep "$load_seconds"
sed 's/^/  /' "$work/load.log"

# ------------------------------------------------------------------ panel queries
# Grafana's macros get the values a dashboard would use at this scrape interval; each query runs
# over the last 3 minutes (instant for table panels) and counts as having data if any sample is a
# number (NaN = "no recent value", e.g. an idle latency gauge, counts as no data).
# Some series appear only a while after a service started (Micrometer binds Kafka's per-partition
# and per-task metrics on its periodic refresh, about a minute), so queries without data are asked
# again after another load period, up to --rounds times in all.
set +e
python3 - "$prom" infra/grafana/dashboards "$rounds" "$load_seconds" <<'EOF'
import glob, json, math, os, sys, time, urllib.parse, urllib.request

prom, folder, rounds, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
MACROS = {"$__rate_interval": "1m", "${__rate_interval}": "1m", "$__interval": "5s",
          "${__interval}": "5s", "$__range": "10m", "${__range}": "10m"}

def api(path, params):
    url = prom + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)

def has_number(value):
    try:
        return not math.isnan(float(value))
    except (TypeError, ValueError):
        return False

queries = []
for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
    board = json.load(open(path))
    panels = []
    for panel in board.get("panels", []):
        panels.append(panel)
        panels.extend(panel.get("panels", []))  # panels inside collapsed rows
    for panel in panels:
        for target in panel.get("targets", []):
            expr = target.get("expr", "")
            if not expr:
                continue
            for macro, value in MACROS.items():
                expr = expr.replace(macro, value)
            queries.append({"board": os.path.basename(path), "title": panel.get("title", "?"),
                            "ref": target.get("refId", "?"), "expr": expr,
                            "instant": bool(target.get("instant")), "status": None})

def evaluate(q):
    now = time.time()
    try:
        if q["instant"]:
            data = api("/api/v1/query", {"query": q["expr"], "time": now})["data"]["result"]
            numbers = sum(1 for s in data if has_number(s["value"][1]))
        else:
            data = api("/api/v1/query_range", {"query": q["expr"], "start": now - 180, "end": now, "step": "5"})["data"]["result"]
            numbers = sum(1 for s in data if any(has_number(v[1]) for v in s["values"]))
        if numbers:
            return "data (%d series)" % numbers
        return "NO DATA (only NaN)" if data else "NO DATA"
    except Exception as e:  # a query Prometheus rejects is a failure too
        detail = getattr(e, "read", lambda: b"")().decode(errors="replace") or str(e)
        return "ERROR " + detail.strip()[:300]

for round_number in range(1, rounds + 1):
    pending = [q for q in queries if not (q["status"] or "").startswith("data")]
    for q in pending:
        q["status"] = evaluate(q)
    missing = [q for q in queries if not q["status"].startswith("data")]
    if not missing or round_number == rounds:
        break
    print("round %d: %d of %d queries without data yet; asking them again in %d s" % (
        round_number, len(missing), len(queries), pause), flush=True)
    time.sleep(pause)

results = [(q["board"], q["title"], q["ref"], q["status"], q["expr"]) for q in queries]
failures = sum(1 for r in results if not r[3].startswith("data"))
width = max(len("%s / %s [%s]" % r[:3]) for r in results)
for board, title, ref, status, expr in results:
    print("%-*s  %s" % (width, "%s / %s [%s]" % (board, title, ref), status))
    if not status.startswith("data"):
        print("%-*s  query: %s" % (width, "", expr))
print()
print("%d queries, %d with data, %d without" % (len(results), len(results) - failures, failures))
sys.exit(1 if failures else 0)
EOF
rc=$?
set -e
exit $rc

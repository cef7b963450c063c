#!/usr/bin/env bash
# Board benchmark: GET /api/board on a desk holding N open queries (10,000 by default) on SQLite. Measures the first
# GET (the node builds its counts: one read of the open queries), the catch-up the node repeats every
# Board:ResyncInterval (from the desk's own log line), and warm GETs (served from the counts) with wrk.
# Writes its section of docs/benchmarks.md. Knobs (env): OPEN (10000), SECONDS_EACH (10), DESK_PORT (5295).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
open=${OPEN:-10000}
seconds=${SECONDS_EACH:-10}
port=${DESK_PORT:-5295}
base="http://127.0.0.1:$port"
commit=$(git describe --always --dirty)
work=$(mktemp -d /tmp/desk-bench-board.XXXXXX)
report="$work/report.md"
desk_pid=""
stop_all() {
  [ -z "$desk_pid" ] || { kill "$desk_pid" 2>/dev/null || true; wait "$desk_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM
say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
need() { command -v "$1" >/dev/null && return; say "installing $2"
  { apt-get update -qq && apt-get install -y -qq "$2"; } >/dev/null 2>&1 || { echo "cannot install $2 (apt-get as root needed)" >&2; exit 1; }; }
need wrk wrk
need curl curl
need python3 python3
if curl -s -o /dev/null "$base/"; then echo "port $port is in use; set DESK_PORT" >&2; exit 1; fi

load=$(cut -d' ' -f1-3 /proc/loadavg)
say "building Release"
dotnet build -c Release Desk.Api -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$work/data"
# The catch-up every 5 s (default 30 s), so that the warm runs below pay for several of them.
(cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=false \
  Database__ConnectionString="Data Source=$work/data/desk.db;Default Timeout=30" \
  Classifier__ModelPath="$work/data/classifier/default.model" \
  Logging__LogLevel__Default=Warning Logging__LogLevel__Desk.Api.Board=Debug Identity__BootstrapAdminPassword="$admin_password" \
  Identity__ApiKeyPermits=1000000 Identity__ApiKeyBurst=1000000 Board__ResyncInterval=00:00:05 \
  dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
    --urls "$base" >"$work/desk.log" 2>&1) &
desk_pid=$!
for _ in $(seq 1 120); do curl -s -o /dev/null "$base/health" && break; sleep 0.5; done

say "signing in as admin, issuing an intake key"
jar="$work/cookies"
curl -sf -c "$jar" -H 'content-type: application/json' -H 'X-Desk-Client: bench' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$base/api/auth/sign-in" >/dev/null
key=$(curl -sf -b "$jar" -H 'content-type: application/json' -H 'X-Desk-Client: bench' \
  -d '{"name":"board bench","scopes":["intake"]}' "$base/api/admin/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
cookie=$(awk '$6 == "desk.session" { print "desk.session=" $7 }' "$jar")

say "submitting $open queries through the API"
started=$(date +%s)
python3 bench/board/seed.py "$base" "$key" "$open" >"$work/seed.txt"
seed_seconds=$(( $(date +%s) - started ))

say "first GET (the node builds its counts)"
first=$(curl -s -o "$work/board.json" -w '%{time_total}' -b "$jar" "$base/api/board")
bytes=$(wc -c <"$work/board.json")
summary=$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
q = b["queues"]
opened, risk, breached = (sum(r[k] for r in q) for k in ("open", "atRisk", "breached"))
feed = len(b["feed"])
print(f"{opened} open, {risk} at risk, {breached} breached in {len(q)} queues; {feed} feed lines")
' "$work/board.json")

say "warm GETs with wrk, 1 and 8 connections, $seconds s each"
wrk -t1 -c1 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base/api/board" >"$work/wrk1.txt"
wrk -t2 -c8 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base/api/board" >"$work/wrk8.txt"
row() { # row <label> <wrk output>
  awk -v label="$1" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "| %s | %s | %s | %s | %s |\n", label, rps, p50, p99, bad + 0 }' "$2"
}
catchups=$(grep -o 'took in [0-9]* changed queries in [0-9.]* ms' "$work/desk.log" || true)
catchup_ms=$(printf '%s\n' "$catchups" | awk '{print $(NF-1)}' | sort -n | awk '{a[NR]=$1} END { if (NR) printf "%s ms median, %s ms max over %d catch-ups", a[int((NR+1)/2)], a[NR], NR }')

cat >"$report" <<MD
# Board benchmark: GET /api/board with $open open queries

Written by \`bash bench/board/run.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC (commit $commit). Knobs: OPEN=$open SECONDS_EACH=$seconds.
Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET $(dotnet --version); wrk and the desk share the cores.
Load average before the run: $load (other work on the machine shows up in every figure below).

Desk: Release, Production, demo off, fresh SQLite (WAL), $open queries submitted through \`POST /api/queries\` first
($(cat "$work/seed.txt") in ${seed_seconds} s; classified, routed and timed as any other), signed in as admin.
Board:ResyncInterval 5 s (default 30 s), so the warm runs below include the node's periodic catch-ups.
The snapshot: $summary; $bytes bytes of JSON.

| what | time |
|---|---:|
| first GET: the node reads the open queries and builds its counts, then answers | $(awk -v t="$first" 'BEGIN { printf "%.1f ms", t * 1000 }') |
| a catch-up alone (queries changed since the last read, their warnings, staff, today's attainment), from the desk's log | ${catchup_ms:-none logged} |

Warm GETs (served from the node's counts, plus the feed's read of the latest timeline lines), wrk 4.1, $seconds s:

| connections | GETs/s | p50 | p99 | non-2xx |
|---|---:|---:|---:|---:|
$(row 1 "$work/wrk1.txt")
$(row 8 "$work/wrk8.txt")

A pushed change costs no count of the open queries: it moves one query in the node's counts (a dictionary, a heap
per queue for the oldest waiting, a heap of the moments queries turn at risk) and pushes the rows it changed. The
catch-up every Board:ResyncInterval reads what changed since the last read (the \`updated_at\` index) and today's
attainment (partial indexes on \`first_responded_at\` and \`resolved_at\`). What grows with the open queries is the
first read and the full re-read every Board:ReloadInterval (1 h) and each new day, whether 1 or 100 boards watch.
MD
bash bench/splice.sh board "$report"
cat "$report"
# Headline figures for the regression guard (bench/history.py).
{
  awk -v t="$first" -v open="$open" 'BEGIN { printf "first GET, %d open\t%.1f\tms\tlower\n", open, t * 1000 }'
  awk '/Requests\/sec/ { printf "warm GETs, 8 connections\t%s\tGETs/s\thigher\n", $2 }' "$work/wrk8.txt"
} | python3 bench/history.py record board

#!/usr/bin/env bash
# Memory benchmark (issue 13, point 3): the desk's resident memory (VmRSS) idle after start-up on a fresh database
# (demo seeding and the first training included), idle after a restart on that database, and over a long run of
# intake at a constant rate, sampled every SAMPLE_EVERY seconds. Writes its section of docs/benchmarks.md.
# Knobs (env): MINUTES (30), RATE (queries/s, 1000), SAMPLE_EVERY (30 s), SETTLE (20 s idle before an idle sample),
# TELEMETRY (0; 1 turns the Prometheus exporter on, which keeps the board's counts of every open query warm as an open
# console does, and samples the GC heap from /metrics; written to its own section, memory-telemetry).
# SLA_FIRST_S / SLA_RESOLVE_S (unset): every SLA policy's first-response / resolution target in seconds (next response
# 120 s), set in the database before the restart, so that every query passes its warnings and breaches during the run:
# a storm of deadlines beside intake (the timer pass and intake share the node's one writer); written to its own
# section, memory-sla-storm.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
minutes=${MINUTES:-30}
rate=${RATE:-1000}
sample_every=${SAMPLE_EVERY:-30}
settle=${SETTLE:-20}
telemetry=${TELEMETRY:-0}
sla_first=${SLA_FIRST_S:-}
sla_resolve=${SLA_RESOLVE_S:-}
section=memory; [ "$telemetry" = 1 ] && section=memory-telemetry
[ -n "$sla_first" ] && section=memory-sla-storm
port=${DESK_PORT:-5295}
commit=$(git describe --always --dirty)
work=$(mktemp -d /tmp/desk-bench-memory.XXXXXX)
report=$work/report.md
pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# Where the resident set is: anonymous (GC heap, native heaps such as SQLite's page caches), file (mapped assemblies and
# libraries), shared memory (the JIT's double-mapped code, W^X).
rss_parts() { awk '/^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } /^RssShmem/ { s = $2 } END { printf "%.0f/%.0f/%.0f", a / 1024, f / 1024, s / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

say "building Release: desk, load generator"
for project in Desk.Api bench/api/LoadGen; do
  dotnet build -c Release "$project" -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
loadgen=bench/api/LoadGen/bin/Release/net10.0/LoadGen
admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$work/data"
desk=http://127.0.0.1:$port

start_desk() { # start_desk <log>; sets desk_pid. Production settings, demo on (its seeding is part of start-up).
  (cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true Telemetry__Prometheus="$([ "$telemetry" = 1 ] && echo true || echo false)" \
    Database__ConnectionString="Data Source=$work/data/desk.db;Default Timeout=30" \
    Classifier__ModelPath="$work/data/classifier/default.model" \
    Logging__LogLevel__Default=Warning Identity__BootstrapAdminPassword="$admin_password" \
    Identity__ApiKeyPermits=1000000 Identity__ApiKeyBurst=1000000 \
    dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
      --urls "$desk" >"$work/$1" 2>&1) &
  desk_pid=$!; pids+=("$desk_pid")
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "$desk/health" && return
    kill -0 "$desk_pid" 2>/dev/null || { cat "$work/$1" >&2; exit 1; }
    sleep 0.5
  done
  echo "desk not healthy after 120 s" >&2; exit 1
}

say "fresh database: start (migrations, demo seeding, first training), then $settle s idle"
start_desk first.log
sleep "$settle"
fresh_rss=$(rss_mb "$desk_pid"); fresh_hwm=$(hwm_mb "$desk_pid")
kill "$desk_pid"; wait "$desk_pid" 2>/dev/null || true

if [ -n "$sla_first" ]; then
  sqlite3 "$work/data/desk.db" "update sla_policies set first_response_seconds = $sla_first, next_response_seconds = 120, resolution_seconds = ${sla_resolve:-$((sla_first * 3))}"
fi
say "restart on that database, then $settle s idle"
start_desk second.log
sleep "$settle"
restart_rss=$(rss_mb "$desk_pid")

say "intake at $rate/s for $minutes min, RSS every $sample_every s"
# With the demo on, the demo's admin (its password is in Desk.Api/Demo/DemoSeeder.cs) is the first admin.
curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' -H 'X-Desk-Client: bench' \
  -d '{"username":"admin","password":"admin-pass-1"}' "$desk/api/auth/sign-in" >/dev/null
api_key=$(curl -fsS -b "$work/cookies" -H 'Content-Type: application/json' -H 'X-Desk-Client: bench' \
  -d '{"name":"bench","scopes":["intake"]}' "$desk/api/admin/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
[ -n "$api_key" ] || { echo "no API key issued" >&2; exit 1; }
"$loadgen" bodies bench/api/texts.csv 2000 "$work/bodies.tsv"
"$loadgen" open "$desk" "$api_key" "$work/bodies.tsv" "$rate" $((minutes * 60)) 256 "memory-$(date +%s)" >"$work/load.json" &
load_pid=$!; pids+=("$load_pid")
: >"$work/samples.tsv"
started=$(date +%s)
while kill -0 "$load_pid" 2>/dev/null; do
  sleep "$sample_every"
  kill -0 "$load_pid" 2>/dev/null || break
  heap=""
  if [ "$telemetry" = 1 ]; then
    heap=$(curl -fsS -b "$work/cookies" -H 'X-Desk-Client: bench' "$desk/metrics" |
      awk '/^dotnet_gc_last_collection_heap_size_bytes/ { s += $2 } END { printf "%.1f", s / 1048576 }')
  fi
  # Queries stored so far and SLA events recorded so far (the highest ids, read without counting the tables), so a long
  # run shows whether intake and the timers keep up.
  stored_now=$(sqlite3 "file:$work/data/desk.db?mode=ro" \
    "select coalesce(max(id), 0) || '/' || (select coalesce(max(id), 0) from sla_events) from queries" 2>/dev/null || echo "?")
  printf '%d\t%s\t%s\t%s\t%s\n' $(( $(date +%s) - started )) "$(rss_mb "$desk_pid")" "$(rss_parts "$desk_pid")" "$stored_now" "$heap" >>"$work/samples.tsv"
done
wait "$load_pid" || { echo "load generator failed" >&2; exit 1; }
end_hwm=$(hwm_mb "$desk_pid")
stored=$(sqlite3 "file:$work/data/desk.db?mode=ro" "select count(*) from queries" 2>/dev/null || echo "?")

python3 - "$work/samples.tsv" "$work/load.json" >"$work/figures.txt" <<'PY'
import json, sys
samples = [(int(t), float(m)) for t, m, *_ in (line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip())]
load = json.load(open(sys.argv[2]))
# The first minute warms the JIT and the pools; flatness is judged from there on.
settled = [m for t, m in samples if t >= 60] or [m for _, m in samples]
first, last, peak = settled[0], settled[-1], max(settled)
print(f"first={first} last={last} peak={peak} drift_pct={(last - first) / first * 100:.1f} spread_pct={(peak - min(settled)) / first * 100:.1f}")
print(f"ok_per_s={load['okPerSecond']} p99_ms={load['p99Ms']} failures={load['failures']} non2xx={load['non2xx']}")
PY
fig() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" "$work/figures.txt" | head -1; }

cat >"$report" <<MD
# Memory: the desk's resident set idle and over a long run

Written by \`bash bench/memory/run.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC (commit $commit). Knobs: MINUTES=$minutes RATE=$rate SAMPLE_EVERY=$sample_every SETTLE=$settle SLA_FIRST_S=$sla_first SLA_RESOLVE_S=$sla_resolve.
Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET $(dotnet --version); the load generator shares the cores.
Desk: Release, Production, demo on (seeded and trained at first start), fresh SQLite (WAL), logging at Warning. VmRSS from /proc.

| what | MB | target |
|---|---:|---|
| idle $settle s after the first start on a fresh database (peak during that start) | $fresh_rss ($fresh_hwm) | ≤ 200 |
| idle $settle s after a restart on that database | $restart_rss | ≤ 200 |
| during $minutes min of intake at $rate/s: first sample after 1 min / last / peak | $(fig first) / $(fig last) / $(fig peak) | flat within 10% |
| last − first after 1 min | $(fig drift_pct)% | |
| VmHWM at the end | $end_hwm | |

Intake during the run: $(fig ok_per_s) answered/s, p99 $(fig p99_ms) ms, $(fig failures) failures, $(fig non2xx) non-2xx; $stored queries stored.
$(if [ "$telemetry" = 1 ]; then echo "Prometheus exporter on: the board's counts of every open query are kept warm (as when a console lists its queues)."; else echo "No console was connected and no exporter on: the board's per-query counts stay cold, as on a node nobody watches."; fi)

$(if [ -n "$sla_first" ]; then echo "SLA storm: every policy's first response $sla_first s, next response 120 s, resolution ${sla_resolve:-$((sla_first * 3))} s, so each query passes up to six SLA moments (warnings at 75% and 90%, the breach) during the run; $(sqlite3 "file:$work/data/desk.db?mode=ro" "select count(*) from sla_events") SLA events recorded by the end."; fi)

Samples (seconds since the load began: RSS MB, then anonymous/file/shared-memory MB, then queries stored / SLA events recorded so far, then the GC heap after the last collection in MB when TELEMETRY=1): $(tr '\t\n' ': ' <"$work/samples.tsv")
MD
bash bench/splice.sh "$section" "$report"
cat "$report"
{
  printf 'RSS idle after first start\t%s\tMB\tlower\n' "$fresh_rss"
  printf 'RSS idle after restart\t%s\tMB\tlower\n' "$restart_rss"
  printf 'RSS drift over %s min at %s/s\t%s\t%%\tlower\n' "$minutes" "$rate" "$(fig drift_pct)"
  if [ -n "$sla_first" ]; then
    printf 'intake answered in an SLA storm at %s/s\t%s\tqueries/s\thigher\n' "$rate" "$(fig ok_per_s)"
    printf 'intake p99 in an SLA storm at %s/s\t%s\tms\tlower\n' "$rate" "$(fig p99_ms)"
  fi
} | python3 bench/history.py record "$section"

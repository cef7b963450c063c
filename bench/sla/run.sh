#!/usr/bin/env bash
# SLA timer benchmark (issue 9, point 9): the cost of one timer pass at 10,000 and 1,000,000 open queries, and how late
# a running desk sees breaches. Writes its section of docs/benchmarks.md.
# Knobs (env): SIZES ("10000 1000000" open queries), DUE (100: queries due in a busy pass), BREACHES (200 deadlines),
# LEAD (10 s before the first), SPREAD (50 s over which they fall), INTERVAL (Sla:SweepInterval, 00:00:01),
# EXTRA_INTERVAL (00:00:00.5: the lateness run again at the largest size with this interval; empty: none), DESK_PORT (5293).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
read -r -a sizes <<<"${SIZES:-10000 1000000}"
due=${DUE:-100}
breaches=${BREACHES:-200}
lead=${LEAD:-10}
spread=${SPREAD:-50}
port=${DESK_PORT:-5293}
interval=${INTERVAL:-00:00:01}
extra_interval=${EXTRA_INTERVAL-00:00:00.5}
commit=$(git describe --always --dirty)  # before this run rewrites the doc
work=$(mktemp -d /tmp/desk-bench-sla.XXXXXX)
doc=$(mktemp /tmp/desk-bench-sla-report.XXXXXX)
desk_pid=""

stop_desk() {
  [ -n "$desk_pid" ] || return 0
  kill "$desk_pid" 2>/dev/null || true
  wait "$desk_pid" 2>/dev/null || true
  desk_pid=""
}
cleanup() { stop_desk; rm -rf "$work" "$doc"; }
trap cleanup EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap stops the desk

say() { printf '[bench sla %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is already in use (another benchmark?); set DESK_PORT" >&2; exit 1
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6}' /proc/stat; }  # busy, idle (+iowait)
read -r busy_before idle_before < <(machine_ticks)

say "building Release: desk and bench/sla/SlaBench"
dotnet build -c Release bench/sla/SlaBench -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
bench=bench/sla/SlaBench/bin/Release/net10.0/SlaBench

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
cores() { awk -v t="$1" -v s="$2" 'BEGIN{printf "%.3f", t/100/s}'; }

lateness_run() { # lateness_run <folder> <size> <sweep interval> <file suffix>
  local folder=$1 size=$2 every=$3 suffix=$4 before started
  say "$size open queries: the desk running (Release, Production, sweep every $every), $breaches deadlines over ${spread} s"
  (cd "$folder" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=false Sla__SweepInterval="$every" \
    Database__ConnectionString="Data Source=$folder/desk.db;Default Timeout=30" \
    Classifier__ModelPath="$folder/classifier/default.model" Identity__BootstrapAdminPassword=bench-admin-password \
    Logging__LogLevel__Default=Warning \
    dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
      --urls "http://127.0.0.1:$port" >"$folder/desk$suffix.log" 2>&1) &
  desk_pid=$!
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "http://127.0.0.1:$port/health" && break
    kill -0 "$desk_pid" 2>/dev/null || { cat "$folder/desk$suffix.log" >&2; echo "desk exited" >&2; exit 1; }
    sleep 0.5
  done
  sleep 5  # past start-up: JIT, Hangfire's first poll
  before=$(cpu_ticks "$desk_pid"); started=$(date +%s.%N)
  sleep 10
  cores "$(( $(cpu_ticks "$desk_pid") - before ))" "$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN{print e-s}')" >"$folder/idle-cores$suffix"
  before=$(cpu_ticks "$desk_pid"); started=$(date +%s.%N)
  "$bench" lateness "$folder/desk.db" "$breaches" "$lead" "$spread" "$every" >"$folder/lateness$suffix.json"
  cores "$(( $(cpu_ticks "$desk_pid") - before ))" "$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN{print e-s}')" >"$folder/busy-cores$suffix"
  stop_desk
  grep -cE '"LogLevel":"(Warning|Error|Critical)"' "$folder/desk$suffix.log" >"$folder/warnings$suffix" || true
}

for size in "${sizes[@]}"; do
  folder=$work/$size
  mkdir -p "$folder"
  say "$size open queries: migrate, seed, time passes (nothing due, $due due) and the scorecard, in-process"
  "$bench" passes "$folder/desk.db" "$size" "$due" >"$folder/passes.json"

  lateness_run "$folder" "$size" "$interval" ""
done
if [ -n "$extra_interval" ]; then
  lateness_run "$work/${sizes[-1]}" "${sizes[-1]}" "$extra_interval" "-extra"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
read -r busy_after idle_after < <(machine_ticks)
machine_busy=$(awk -v b=$((busy_after - busy_before)) -v i=$((idle_after - idle_before)) -v n="$(nproc)" 'BEGIN{printf "%.2f", n*b/(b+i)}')

{
  echo "# SLA timers: the cost of a timer pass and how late breaches are seen"
  echo
  echo "Written by \`bash bench/sla/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit)."
  echo "Knobs: SIZES=\"${sizes[*]}\" DUE=$due BREACHES=$breaches LEAD=$lead SPREAD=$spread INTERVAL=$interval EXTRA_INTERVAL=$extra_interval."
  echo
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory,"
  echo "$(uname -sr), .NET $(dotnet --version), SQLite file on $(df -T "$work" | awk 'NR==2{print $2}'). Load average (1/5/15 min): $load_before at the start,"
  echo "$load_after at the end; on average $machine_busy of the $(nproc) cores were busy over the run (this benchmark and whatever else ran:"
  echo "the machine is shared with other work, builds and tests, and these figures include that)."
  echo
  echo "Set-up, per size: a fresh SQLite file migrated by the desk itself, then filled in one transaction with prepared"
  echo "statements (bench/sla/SlaBench/Rows.cs): open P4 incidents, answered, whose next SLA moment (75% of the 5-day resolution)"
  echo "is spread evenly from 1 h to 3.5 days ahead, each with its timeline; 1 contact per 10 queries (at most 10,000). Among"
  echo "them, spread through the table, a pool of unanswered P4 queries whose 75% first-response warning is 30 min overdue, kept"
  echo "out of the timer's index until a run puts $due of them in (an update of \`sla_next_due\`, not timed)."
  echo
  echo "- **Pass cost**: \`SlaTimers.RunDueAsync\`, the desk's own code and connection pool, in this process (the desk hosted by"
  echo "  WebApplicationFactory, Production, its own sweeps off), timed with a stopwatch around one call. Nothing due: 500 passes"
  echo "  after 50 uncounted. $due due: 20 passes after 3 uncounted, each recording one warning per query (claim, replay,"
  echo "  event, timeline entry, update, commit, push to no one). \"Select alone\": the pass's select prepared once on a bare"
  echo "  connection, 2,000 runs. Scorecard: \`SlaScorecard.ComputeAsync\` for the last 30 days, once, over the same file (every"
  echo "  seeded query was answered within them, so every one is judged)."
  echo "- **Lateness**: the desk started as deployed (\`dotnet Desk.Api.dll\`, Release, Production, \`Sla:SweepInterval\` $interval, Hangfire"
  echo "  with 2 workers; again at $extra_interval on the largest file) on that file; $breaches P1 queries written into it while it runs, their first-response deadlines at"
  echo "  random (seeded) instants within ${spread} s from ${lead} s on (75% and 90% warnings already recorded, so the breach is what is left)."
  echo "  \"recorded − due\": \`sla_events.recorded_at − due_at\`; the pass stamps an event with the instant it began looking."
  echo "  \"committed − due\": when the bench first read the committed event, polling every 10 ms: what a console can see at"
  echo "  the earliest (the push follows the commit)."
  echo
  "$bench" table "$work" "${sizes[@]}"
  echo
  echo "Desk CPU (cores) while running on each file: idle 10 s (sweeping, nothing due) / during the lateness run:"
  for size in "${sizes[@]}"; do
    for suffix in "" -extra; do
      [ -f "$work/$size/lateness$suffix.json" ] || continue
      echo "$size open, sweeping every $([ -z "$suffix" ] && echo "$interval" || echo "$extra_interval"): $(cat "$work/$size/idle-cores$suffix") / $(cat "$work/$size/busy-cores$suffix");" \
        "desk log lines at warning or above: $(cat "$work/$size/warnings$suffix")."
    done
  done
  echo
  echo "Raw outputs of this run:"
  echo
  echo '```'
  for size in "${sizes[@]}"; do
    echo "passes $size: $(cat "$work/$size/passes.json")"
    for file in "$work/$size"/lateness*.json; do echo "$(basename "$file" .json) $size: $(cat "$file")"; done
  done
  echo '```'
  if [ -f bench/sla/findings.md ]; then echo; cat bench/sla/findings.md; fi
} >"$doc"
bench/splice.sh sla "$doc"
say "wrote the sla section of docs/benchmarks.md"
# Headline figures for the regression guard (bench/history.py).
python3 - "$work" "${sizes[@]}" <<'EOF' | python3 bench/history.py record sla
import json, os, sys
work, sizes = sys.argv[1], sys.argv[2:]
for size in sizes:
    passes = json.load(open(os.path.join(work, size, "passes.json")))
    print(f"timer pass p50, nothing due, {int(size):,} open\t{passes['idle']['p50']}\tms\tlower")
    lateness = os.path.join(work, size, "lateness.json")
    if os.path.exists(lateness):
        print(f"breach committed − due, max, {int(size):,} open\t{json.load(open(lateness))['committedMs']['max']}\tms\tlower")
EOF
cat "$doc"

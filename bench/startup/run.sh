#!/usr/bin/env bash
# Start-up benchmark (issue 13, point 5: from process start to healthy in ≤ 2 s on an existing database). Publishes
# Desk.Api (Release) as a plain framework-dependent build and with ReadyToRun, creates a database once with a first
# start (migrations, the admin, training the shipped classifier model), then starts each variant RUNS times on a copy
# of that database and times launch → first 200 from GET /health (bench/startup/starts.py).
# Writes its section of docs/benchmarks.md and prints one RESULT line per variant.
# Knobs (env): RUNS (10), DESK_PORT (5299).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runs=${RUNS:-10}
port=${DESK_PORT:-5299}
commit=$(git describe --always --dirty)
work=$(mktemp -d /tmp/desk-bench-startup.XXXXXX)
report="$work/report.md"
trap 'rm -rf "$work"' EXIT
say() { printf '[bench startup %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use; set DESK_PORT" >&2; exit 1; fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

say "publishing Release, framework-dependent (JIT only)"
dotnet publish Desk.Api -c Release -o "$work/jit" -nologo -v q >"$work/publish-jit.log" 2>&1 || { cat "$work/publish-jit.log" >&2; exit 1; }
say "publishing Release, linux-x64, ReadyToRun"
dotnet publish Desk.Api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -nologo -v q \
  >"$work/publish-r2r.log" 2>&1 || { cat "$work/publish-r2r.log" >&2; exit 1; }
# The RID-specific publish rewrote obj/project.assets.json; put back the plain restore that builds and tests use.
dotnet restore ServiceDesk.sln -nologo -v q >/dev/null
size() { du -sm "$1" | cut -f1; }

say "first start on a new database (migrations, admin, training the classifier)"
mkdir -p "$work/first"
STARTS_TIMEOUT=900 python3 bench/startup/starts.py "$work/jit" "$work/first" "$port" 1 >"$work/first.json"

# The variants take turns, one start each per round, so that the machine's other work falls on all of them alike.
variants=("jit|$work/jit|" "r2r|$work/r2r|" "r2r-tieredpgo-off|$work/r2r|DOTNET_TieredPGO=0" "r2r-tc-off|$work/r2r|DOTNET_TieredCompilation=0")
for v in "${variants[@]}"; do IFS='|' read -r name _ _ <<<"$v"; cp -r "$work/first" "$work/data-$name"; done
for round in $(seq 1 "$runs"); do
  say "round $round of $runs: one start of each variant"
  for v in "${variants[@]}"; do
    IFS='|' read -r name folder setting <<<"$v"
    python3 bench/startup/starts.py "$folder" "$work/data-$name" "$port" 1 $setting >>"$work/$name.jsonl"
  done
done
summary() { python3 - "$@" <<'PY'
import json, statistics, sys
name, path, what = sys.argv[1], sys.argv[2], sys.argv[3]
runs = [json.loads(l) for l in open(path)]
def f(k):
    v = sorted(r[k] for r in runs if k in r)
    return (statistics.median(v), v[-1]) if v else None
if what == "result":
    m, x = f("healthy_ms")
    print(f"RESULT startup variant={name} runs={len(runs)} healthy_median_ms={m:.0f} healthy_max_ms={x:.0f}")
else:
    cell = lambda k: f"{f(k)[0]:.0f} / {f(k)[1]:.0f}" if f(k) else "–"
    cols = ["first_line", "model_loaded", "startup_done", "listening", "jobs_announced"]
    print(f"| {name} | {what} | " + " | ".join(cell(k) for k in cols) + f" | **{cell('healthy_ms')}** | " + " ".join(f"{r['healthy_ms']:.0f}" for r in runs) + " |")
PY
}
for v in "${variants[@]}"; do IFS='|' read -r name _ _ <<<"$v"; summary "$name" "$work/$name.jsonl" result | tee -a "$work/results.txt"; done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cat >"$report" <<MD
# Start-up: process launch to healthy on an existing database

Written by \`bash bench/startup/run.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC (commit $commit). Knobs: RUNS=$runs.
Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET $(dotnet --version).
Load average (1/5/15 min): $load_before at the start, $load_after at the end (the machine is shared with other work, and
these figures include it).

Desk.Api published Release (\`jit\`: framework-dependent, $(size "$work/jit") MB; \`r2r\`: \`-r linux-x64 --self-contained false
-p:PublishReadyToRun=true\`, $(size "$work/r2r") MB), Production, demo off, SQLite. A first start made the database (and
trained the classifier model to its file) in $(python3 -c 'import json,sys; print(round(json.loads(open(sys.argv[1]).readline())["healthy_ms"]/1000, 1))' "$work/first.json") s; each
variant then starts $runs times on its own copy of that database, the variants taking turns. Times are from launching \`dotnet Desk.Api.dll\` to
the desk's first log line (runtime up, configuration read, services built, migrations being checked), the classifier
model loaded from its file, the desk's "Start-up done" line (migrations checked, accounts, model versions restored,
garbage collected), Kestrel's "Now listening on", this node's Hangfire server announced, and the first 200 from
\`GET /health\` (database and job server both healthy), polled every 10 ms. Milliseconds, median / max (from the
desk's UTC log timestamps, so within a few ms).

| variant | settings | first log line | model loaded | start-up done | listening | job server announced | healthy | each run (healthy) |
|---|---|---:|---:|---:|---:|---:|---:|---|
$(summary jit "$work/jit.jsonl" "plain publish, JIT")
$(summary r2r "$work/r2r.jsonl" "ReadyToRun (app and NuGet assemblies)")
$(summary r2r-tieredpgo-off "$work/r2r-tieredpgo-off.jsonl" "ReadyToRun, \`DOTNET_TieredPGO=0\`")
$(summary r2r-tc-off "$work/r2r-tc-off.jsonl" "ReadyToRun, \`DOTNET_TieredCompilation=0\`")

Target (issue 13, point 5): healthy in ≤ 2,000 ms.

\`\`\`
$(cat "$work/results.txt")
\`\`\`
MD
if [ -f bench/startup/findings.md ]; then { echo; cat bench/startup/findings.md; } >>"$report"; fi
bash bench/splice.sh startup "$report"
cat "$report"
# Headline figures for the regression guard (bench/history.py).
sed -n 's/^RESULT startup variant=\(jit\|r2r\) .*healthy_median_ms=\([0-9.]*\) healthy_max_ms=\([0-9.]*\).*/\1 \2 \3/p' "$work/results.txt" |
  awk '{ printf "healthy after start, %s, median\t%s\tms\tlower\n", $1, $2; printf "healthy after start, %s, max\t%s\tms\tlower\n", $1, $3 }' |
  python3 bench/history.py record startup

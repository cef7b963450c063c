#!/usr/bin/env bash
# Retraining at the cap: how long one run takes, and how much memory the desk holds, when an admin has imported as much
# as a run will learn from (ClassifierTraining:MaxExamplesPerType, 5,000 of each of the nine types) on top of the seed
# corpus. Starts Desk.Api (Release) on a new SQLite database, imports PER_TYPE × 9 generated rows (seeded, all distinct)
# through POST /api/classifier/examples/import, then times POST /api/classifier/retrain while sampling VmRSS.
# Writes its section of docs/benchmarks.md, records its figures in bench/history.tsv, and prints one RESULT line.
# Knobs (env): PER_TYPE (5000), DESK_PORT (5298).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
per_type=${PER_TYPE:-5000}
port=${DESK_PORT:-5298}
base="http://127.0.0.1:$port"
commit=$(git describe --always --dirty)
work=$(mktemp -d /tmp/desk-bench-retrain.XXXXXX)
desk_pid=
trap '[ -n "$desk_pid" ] && kill "$desk_pid" 2>/dev/null; rm -rf "$work"' EXIT
say() { printf '[bench retrain %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
if curl -s -o /dev/null "$base/"; then echo "port $port is in use; set DESK_PORT" >&2; exit 1; fi

say "building Release"
dotnet build Desk.Api -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

say "generating $per_type rows of each type"
python3 - "$per_type" "$work/history.csv" <<'PY'
import csv, random, sys
per_type, path = int(sys.argv[1]), sys.argv[2]
random.seed(1)
types = ["incident", "disaster", "service_request", "change_request", "complaint", "compliment",
         "improvement_suggestion", "security_event", "consultation"]
things = ("printer vpn laptop email outlook teams wifi password account screen keyboard server backup invoice report "
          "access badge phone monitor network drive folder share calendar meeting license update patch firewall login portal").split()
verbs = "fails breaks needs requests wants reports asks loses shows blocks slows crashes hangs".split()
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["text", "type"])
    for t in types:
        for i in range(per_type):
            w.writerow([f"{t.replace('_', ' ')} {random.choice(things)} {random.choice(verbs)} {random.choice(things)} "
                        f"ticket {i} {random.randint(0, 10**9)}", t])
PY

say "starting the desk on a new database"
(cd Desk.Api && ASPNETCORE_URLS=$base ASPNETCORE_ENVIRONMENT=Development Demo__Queries=0 \
  Database__ConnectionString="Data Source=$work/desk.db" Classifier__ModelPath="$work/default.model" \
  exec dotnet bin/Release/net10.0/Desk.Api.dll >"$work/desk.log" 2>&1) &
desk_pid=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "$base/health" && break; sleep 0.5; done
curl -sf -o /dev/null "$base/health" || { tail -20 "$work/desk.log" >&2; exit 1; }
pid=$(pgrep -f "$work/desk.db" | head -1 || true)
[ -n "$pid" ] || pid=$(pgrep -n -f "bin/Release/net10.0/Desk.Api.dll")

client=(-s -b "$work/jar" -c "$work/jar" -H 'X-Desk-Client: console')
curl "${client[@]}" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"supervisor","password":"supervisor-pass-1"}' "$base/api/auth/sign-in"
start=$(date +%s.%N)
curl "${client[@]}" -F "file=@$work/history.csv" "$base/api/classifier/examples/import" >"$work/import.json"
import_s=$(echo "$(date +%s.%N) - $start" | bc)
rss_before=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")

say "retraining"
(while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; sleep 0.5; done) >"$work/rss" &
sampler=$!
start=$(date +%s.%N)
curl "${client[@]}" -X POST "$base/api/classifier/retrain" >"$work/retrain.json"
retrain_s=$(echo "$(date +%s.%N) - $start" | bc)
kill "$sampler" 2>/dev/null || true
peak=$(sort -n "$work/rss" | tail -1)

read -r outcome examples left_out held_back f1 < <(python3 - "$work/retrain.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r.get("candidate") or {}
print(r["outcome"], c.get("exampleCount", 0), r.get("leftOut", 0), r.get("heldBack", 0), round(c.get("macroF1") or 0, 3))
PY
)
imported=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["imported"])' "$work/import.json")
printf 'RESULT retrain per_type=%s imported=%s outcome=%s trained_on=%s retrain_s=%.1f peak_rss_mb=%s\n' \
  "$per_type" "$imported" "$outcome" "$examples" "$retrain_s" "$peak"

cat >"$work/report.md" <<EOF
# Retraining at the cap: one run on $imported imported examples

Command: \`bench/retrain/run.sh\` (PER_TYPE=$per_type), commit $commit, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores,
load average before $(cut -d' ' -f1-3 /proc/loadavg). Desk.Api Release on a new SQLite database; $per_type generated rows
of each of the nine types (distinct, and easy to tell apart: real history may need more L-BFGS iterations), imported in
one file, then one \`POST /api/classifier/retrain\`.

| figure | value |
|---|---:|
| import ($imported rows, one request) | $(printf '%.1f' "$import_s") s |
| retrain: train (calibration fit + final fit), judge, store | **$(printf '%.1f' "$retrain_s") s** |
| examples trained on (seed corpus + labelled, less the held-back slice) | $examples |
| held back / left out (older than the newest MaxExamplesPerType of a type) | $held_back / $left_out |
| outcome, candidate macro-F1 on the held-back slice | $outcome, $f1 |
| desk resident set before the run / peak during it | $rss_before MB / **$peak MB** |

Before the cap (2026-12-01, an outside probe): 400,000 near-identical rows of one type made a run take over 28 minutes
at 3.2 GB. The cap bounds a run at nine times MaxExamplesPerType plus the seed corpus, whatever was imported.
EOF
bench/splice.sh retrain "$work/report.md"
printf 'retrain at the cap\t%.1f\ts\tlower\nretrain peak RSS\t%s\tMB\tlower\n' "$retrain_s" "$peak" | python3 bench/history.py record retrain
say "done: docs/benchmarks.md (retrain section) and bench/history.tsv"

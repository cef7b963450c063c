#!/usr/bin/env bash
# Intake benchmark: POST /api/queries on the desk (Release, Production, fresh SQLite) against a bare Kestrel
# ceiling, same bodies, same connections, same machine, same run. Writes its section of docs/benchmarks.md.
# Knobs (env): CONNECTIONS (16), SECONDS_EACH (20), RATE (2500 queries/s, the goal's rate), LOW_RATE (100 queries/s,
# a rate today's desk sustains), BODIES (2000).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
connections=${CONNECTIONS:-16}
seconds=${SECONDS_EACH:-20}
rate=${RATE:-2500}
low_rate=${LOW_RATE:-100}
body_count=${BODIES:-2000}
desk_port=${DESK_PORT:-5291}
ceiling_port=${CEILING_PORT:-5292}
doc=$(mktemp /tmp/desk-bench-api-report.XXXXXX)
run_id=bench-$(date -u +%Y%m%dT%H%M%S)
commit=$(git describe --always --dirty)  # before this run rewrites the doc
work=$(mktemp -d /tmp/desk-bench.XXXXXX)
pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap stops the servers

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

need() { # need <command> <debian package>
  command -v "$1" >/dev/null && return
  say "installing $2"
  { apt-get update -qq && apt-get install -y -qq "$2"; } >/dev/null 2>&1 || { echo "cannot install $2 (apt-get as root needed)" >&2; exit 1; }
}
need wrk wrk
need sqlite3 sqlite3
need curl curl
for port in "$desk_port" "$ceiling_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already in use (another benchmark?); set DESK_PORT / CEILING_PORT" >&2; exit 1
  fi
done

say "building Release: desk, ceiling, load generator"
for project in Desk.Api bench/api/Ceiling bench/api/LoadGen; do
  dotnet build -c Release "$project" -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
loadgen=bench/api/LoadGen/bin/Release/net10.0/LoadGen

wait_ready() { # wait_ready <url> <pid>
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "$1" && return  # any answer will do: the ceiling has no GET
    kill -0 "$2" 2>/dev/null || { echo "server exited; see $work/*.log" >&2; cat "$work"/*.log >&2; exit 1; }
    sleep 0.5
  done
  echo "server at $1 not ready after 60 s" >&2; exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$work/data"
(cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=false \
  Database__ConnectionString="Data Source=$work/data/desk.db;Default Timeout=30" \
  Classifier__ModelPath="$work/data/classifier/default.model" \
  Logging__LogLevel__Default=Warning Identity__BootstrapAdminPassword="$admin_password" \
  Identity__ApiKeyPermits=1000000 Identity__ApiKeyBurst=1000000 \
  dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
    --urls "http://127.0.0.1:$desk_port" >"$work/desk.log" 2>&1) &
desk_pid=$!; pids+=("$desk_pid")
(exec env Logging__LogLevel__Default=Warning dotnet bench/api/Ceiling/bin/Release/net10.0/Ceiling.dll \
  --urls "http://127.0.0.1:$ceiling_port" >"$work/ceiling.log" 2>&1) &
ceiling_pid=$!; pids+=("$ceiling_pid")
wait_ready "http://127.0.0.1:$desk_port/health" "$desk_pid"
wait_ready "http://127.0.0.1:$ceiling_port/" "$ceiling_pid"

say "signing in as admin and issuing an intake API key"
desk=http://127.0.0.1:$desk_port
curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' -H 'X-Desk-Client: bench' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$desk/api/auth/sign-in" >/dev/null
api_key=$(curl -fsS -b "$work/cookies" -H 'Content-Type: application/json' -H 'X-Desk-Client: bench' \
  -d '{"name":"bench","scopes":["intake"]}' "$desk/api/admin/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
[ -n "$api_key" ] || { echo "no API key issued" >&2; exit 1; }

"$loadgen" bodies bench/api/texts.csv "$body_count" "$work/bodies.tsv"

wrk_run() { # wrk_run <name> <base-url> <seconds> <connections> <pid>
  local before after
  before=$(cpu_ticks "$5")
  wrk -t"$(( $4 < 2 ? 1 : 2 ))" -c"$4" -d"$3"s --timeout 10s -s bench/api/intake.lua "$2/api/queries" -- "$work/bodies.tsv" "$api_key" "$run_id" \
    >"$work/$1.wrk" 2>&1
  after=$(cpu_ticks "$5")
  echo "cpu_s=$(awk -v t=$((after - before)) 'BEGIN{printf "%.1f", t/100}')" >>"$work/$1.wrk"
}
open_run() { # open_run <name> <base-url> <pid> <rate>
  local before after started
  before=$(cpu_ticks "$3"); started=$(date +%s.%N)
  "$loadgen" open "$2" "$api_key" "$work/bodies.tsv" "$4" "$seconds" 256 "$run_id" >"$work/$1.json"
  after=$(cpu_ticks "$3")
  # CPU over the whole call (warm-up and drain included) divided by its wall time: cores in use.
  awk -v t=$((after - before)) -v s="$started" -v e="$(date +%s.%N)" 'BEGIN{printf "%.2f", t/100/(e-s)}' >"$work/$1.cpu"
}

# Long enough for tiered JIT to settle (with 16 contending connections the desk serves too few requests to get there).
say "warming up (15 s desk on 2 connections, 5 s ceiling)"
wrk_run warm-desk "$desk" 15 2 "$desk_pid"
wrk_run warm-ceiling "http://127.0.0.1:$ceiling_port" 5 "$connections" "$ceiling_pid"

say "max throughput, wrk, $connections connections, ${seconds} s each"
wrk_run ceiling "http://127.0.0.1:$ceiling_port" "$seconds" "$connections" "$ceiling_pid"
wrk_run desk "$desk" "$seconds" "$connections" "$desk_pid"
say "desk on one connection, 10 s: the cost of one intake without lock contention"
wrk_run desk-1 "$desk" 10 1 "$desk_pid"

say "constant rate $low_rate/s on the desk, then $rate/s on both, ${seconds} s each (+2 s warm-up each)"
open_run open-desk-low "$desk" "$desk_pid" "$low_rate"
open_run open-ceiling "http://127.0.0.1:$ceiling_port" "$ceiling_pid" "$rate"
open_run open-desk "$desk" "$desk_pid" "$rate"

say "classifier cost alone"
"$loadgen" classify bench/api/texts.csv 50000 >"$work/classify.json"

db_count() { sqlite3 "file:$work/data/desk.db?mode=ro" "$1"; }
stored_queries=$(db_count "select count(*) from queries")
stored_contacts=$(db_count "select count(*) from contacts")
stored_keys=$(db_count "select count(*) from idempotency_keys")
stored_timeline=$(db_count "select count(*) from timeline_entries")
desk_log_problems=$(grep -cE '^(warn|fail|crit)' "$work/desk.log" || true)

field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$work/$1.wrk" | head -1; }
json() { sed -n "s/.*\"$2\":\([^,}]*\).*/\1/p" "$work/$1.json"; }
wrk_qps() { awk -v r="$(field "$1" requests)" -v s="$(field "$1" seconds)" 'BEGIN{printf "%.0f", r/s}'; }
ceiling_qps=$(wrk_qps ceiling); desk_qps=$(wrk_qps desk)
ratio=$(awk -v d="$desk_qps" -v c="$ceiling_qps" 'BEGIN{printf "%.3f", d/c}')
cores_used() { awk -v c="$2" -v s="$1" 'BEGIN{printf "%.2f", c/s}'; }

mkdir -p docs
{
  echo "# Intake benchmark: POST /api/queries"
  echo
  echo "Written by \`bash bench/api/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit)."
  echo "Knobs: CONNECTIONS=$connections SECONDS_EACH=$seconds RATE=$rate BODIES=$body_count."
  echo
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1),"
  echo "$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr), .NET $(dotnet --version)."
  echo "Server and load generator share these cores: every number below includes the generator's own CPU use."
  echo
  echo "Desk: Release build, ASPNETCORE_ENVIRONMENT=Production, demo off, fresh SQLite file (WAL) in a temp dir,"
  echo "logging at Warning, intake API key (X-Api-Key). Ceiling: bench/api/Ceiling, bare Kestrel (slim builder),"
  echo "one POST that binds the same JSON body and answers a receipt-shaped 201. Both bound to 127.0.0.1."
  echo "Mix (bench/api/LoadGen/QueryMix.cs): $body_count bodies from the held-out bench/api/texts.csv texts (not in the training corpus) (108 English,"
  echo "72 Chinese, all nine types), channels web/email/chat/sms/portal, 1,500 contacts (e-mail, sms, msteams"
  echo "identities), e-mails wrapped in greeting and signature, catalog picks on 30% of service/change requests,"
  echo "impact/urgency on 5%, a fresh Idempotency-Key on ~10% and a repeated (retry) key on ~3%."
  echo
  echo "## Maximum throughput (wrk 4.1, 2 threads, $connections connections, ${seconds} s, after warm-up)"
  echo
  echo "| target | queries/s | p50 ms | p99 ms | max ms | non-2xx | socket errors | server CPU (cores) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for name in ceiling desk desk-1; do
    echo "| $name | $(wrk_qps $name) | $(field $name p50_ms) | $(field $name p99_ms) | $(field $name max_ms) | $(field $name non2xx) | $(field $name socket_errors) | $(cores_used "$(field $name seconds)" "$(field $name cpu_s)") |"
  done
  echo
  echo "desk-1: the desk again, 1 connection, 10 s, right after the desk row (no writer contention)."
  echo
  echo "**Desk / ceiling: $ratio** ($desk_qps vs $ceiling_qps queries/s). wrk is closed-loop: its latencies are"
  echo "at saturation, not at a given rate."
  echo
  echo "## Constant rate (bench/api/LoadGen open loop, ${seconds} s after 2 s uncounted warm-up, up to 256 connections)"
  echo
  echo "Latency counts from each request's scheduled send time, so a stalled server is not hidden (no"
  echo "coordinated omission). \"2xx/s\" is 2xx answers ÷ time from first send to last answer; a failure is no answer"
  echo "in 10 s (those requests count in the latencies at the time they gave up)."
  echo "The ceiling row is also the floor of this way of measuring: generator and server share the 2 cores."
  echo
  echo "| target | rate/s | 2xx/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | non-2xx | failures | server CPU (cores) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in open-desk-low open-ceiling open-desk; do
    echo "| ${name#open-} | $(json $name targetRate) | $(json $name okPerSecond) | $(json $name p50Ms) | $(json $name p90Ms) | $(json $name p99Ms) | $(json $name p999Ms) | $(json $name maxMs) | $(json $name non2xx) | $(json $name failures) | $(cat "$work/$name.cpu") |"
  done
  echo
  echo "## After the run"
  echo
  echo "- Rows in the desk's database: $stored_queries queries, $stored_contacts contacts, $stored_keys idempotency keys,"
  echo "  $stored_timeline timeline entries (warm-up included; retries with a known key store nothing)."
  echo "- Desk log lines at warning or above during the run: $desk_log_problems."
  echo "- Classifier alone (one thread, same texts): $(sed 's/[{}"]//g; s/,/, /g' "$work/classify.json")."
  echo "- Goal (issue 2): >= 5,000 queries/s on 2 cores, p99 <= 50 ms at 2,500/s."
  echo
  echo "Raw outputs of this run:"
  echo
  echo '```'
  for name in ceiling desk desk-1; do echo "$name: $(grep RESULT "$work/$name.wrk") $(tail -1 "$work/$name.wrk")"; done
  for name in open-desk-low open-ceiling open-desk; do echo "$name: $(cat "$work/$name.json")"; done
  echo '```'
  if [ -f bench/api/findings.md ]; then echo; cat bench/api/findings.md; fi
} >"$doc"
bench/splice.sh api "$doc"
say "wrote the api section of docs/benchmarks.md"
cat "$doc"
rm -f "$doc"
# Headline figures for the regression guard (bench/history.py).
{
  printf 'intake max, SQLite, 16 connections\t%s\tqueries/s\thigher\n' "$desk_qps"
  printf 'intake ÷ bare Kestrel\t%s\tratio\thigher\n' "$ratio"
  printf 'intake p99 at %s/s\t%s\tms\tlower\n' "$rate" "$(json open-desk p99Ms)"
} | python3 bench/history.py record api

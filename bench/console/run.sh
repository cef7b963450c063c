#!/usr/bin/env bash
# Console benchmark (issue 10, point 10): the console in chromium on a desk holding OPEN open queries (first usable
# render, a live update into the page), and CONSOLES hub connections receiving pushes while queries arrive at each of
# RATES, on the desk and on a bare SignalR hub (bench/console/BareHub) in the same run, measured by the same client
# (bench/console/ConsoleBench). Prints `metric=value unit` lines and writes its section of docs/benchmarks.md.
# Knobs (env): OPEN (10000), CONSOLES (1000), ACCOUNTS (50 staff sessions the consoles share, every tenth a
# supervisor), RATES ("5,20,100,200" queries/s), SECONDS_EACH (20), LOADS (10 reloads), UPDATES (100 pushes to the page),
# DESK_PORT (5297), BARE_PORT (5298).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
open=${OPEN:-10000}
consoles=${CONSOLES:-1000}
accounts=${ACCOUNTS:-50}
rates=${RATES:-5,20,100,200}
seconds=${SECONDS_EACH:-20}
loads=${LOADS:-10}
updates=${UPDATES:-100}
desk_port=${DESK_PORT:-5297}
bare_port=${BARE_PORT:-5298}
commit=$(git describe --always --dirty)  # before this run rewrites the doc
work=$(mktemp -d /tmp/desk-bench-console.XXXXXX)
report=$work/report.md
pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap stops the servers

say() { printf '[bench console %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "Debian chromium is needed (/usr/bin/chromium)" >&2; exit 1; }
for port in "$desk_port" "$bare_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use; set DESK_PORT / BARE_PORT" >&2; exit 1; fi
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6}' /proc/stat; }  # busy, idle (+iowait)
read -r busy_before idle_before < <(machine_ticks)

say "building Release: desk, bare hub, bench client"
for project in Desk.Api bench/console/BareHub bench/console/ConsoleBench; do
  dotnet build -c Release "$project" -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
bench=bench/console/ConsoleBench/bin/Release/net10.0/ConsoleBench
texts=bench/api/texts.csv

wait_ready() { # wait_ready <url> <pid>
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "$1" && return
    kill -0 "$2" 2>/dev/null || { echo "server exited; see its log:" >&2; cat "$work"/*.log >&2; exit 1; }
    sleep 0.5
  done
  echo "server at $1 not ready after 120 s" >&2; exit 1
}

admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
staff_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$work/data"
desk=http://127.0.0.1:$desk_port
(cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=false \
  Database__ConnectionString="Data Source=$work/data/desk.db;Default Timeout=30" \
  Classifier__ModelPath="$work/data/classifier/default.model" \
  Logging__LogLevel__Default=Warning Identity__BootstrapAdminPassword="$admin_password" \
  Identity__ApiKeyPermits=1000000 Identity__ApiKeyBurst=1000000 Identity__SignInPermits=100000 \
  dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
    --urls "$desk" >"$work/desk.log" 2>&1) &
desk_pid=$!; pids+=("$desk_pid")
wait_ready "$desk/health" "$desk_pid"

say "signing in as admin: an intake key, $accounts console accounts and one for the browser"
jar=$work/cookies
admin() { curl -fsS -b "$jar" -H 'Content-Type: application/json' -H 'X-Desk-Client: bench' "$@"; }
curl -fsS -c "$jar" -H 'Content-Type: application/json' -H 'X-Desk-Client: bench' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$desk/api/auth/sign-in" >/dev/null
api_key=$(admin -d '{"name":"console bench","scopes":["intake"]}' "$desk/api/admin/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
[ -n "$api_key" ] || { echo "no API key issued" >&2; exit 1; }
add_staff() { # add_staff <username> <role>
  admin -d "{\"username\":\"$1\",\"displayName\":\"Bench $1\",\"role\":\"$2\",\"password\":\"$staff_password\"}" \
    "$desk/api/admin/staff" >/dev/null
}
add_staff bench-browser agent
: >"$work/accounts.txt"
for i in $(seq 0 $((accounts - 1))); do
  role=$([ $((i % 10)) -eq 9 ] && echo supervisor || echo agent)
  add_staff "bench-console-$i" "$role"
  echo "bench-console-$i $staff_password $role" >>"$work/accounts.txt"
done

say "opening $open queries through the intake API"
started=$(date +%s)
"$bench" seed "$desk" "$api_key" "$texts" "$open" >"$work/seed.txt"
seed_seconds=$(( $(date +%s) - started ))
desk_rss_seeded=$(awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$desk_pid/status")

say "the console in chromium: sign-in, $loads reloads, $updates live updates"
"$bench" render "$desk" "$api_key" "$texts" bench-browser "$staff_password" "$loads" "$updates" | tee "$work/metrics.txt"

bare=http://127.0.0.1:$bare_port
(exec env Logging__LogLevel__Default=Warning dotnet bench/console/BareHub/bin/Release/net10.0/BareHub.dll --urls "$bare" \
  >"$work/bare.log" 2>&1) &
bare_pid=$!; pids+=("$bare_pid")
wait_ready "$bare/api/queues" "$bare_pid"
say "$consoles consoles on the desk ($accounts sessions) and on the bare hub; queries at $rates/s, ${seconds} s each, taking turns"
"$bench" consoles "$texts" "$consoles" "$rates" "$seconds" \
  "desk,$desk,$api_key,$work/accounts.txt,$desk_pid" "bare,$bare,none,-,$bare_pid" | tee -a "$work/metrics.txt"
desk_problems=$(grep -cE '^(warn|fail|crit)' "$work/desk.log" || true)

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
read -r busy_after idle_after < <(machine_ticks)
machine_busy=$(awk -v b=$((busy_after - busy_before)) -v i=$((idle_after - idle_before)) -v n="$(nproc)" 'BEGIN{printf "%.2f", n*b/(b+i)}')
"$bench" report "$work/metrics.txt" "$rates" "$open" >"$work/figures.md"

{
  echo "# Console benchmark: first render, live updates, $consoles connected consoles"
  echo
  echo "Written by \`bash bench/console/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit)."
  echo "Knobs: OPEN=$open CONSOLES=$consoles ACCOUNTS=$accounts RATES=$rates SECONDS_EACH=$seconds LOADS=$loads UPDATES=$updates."
  echo
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory,"
  echo "$(uname -sr), .NET $(dotnet --version), $(/usr/bin/chromium --version 2>/dev/null | head -1). Load average (1/5/15 min): $load_before at the start,"
  echo "$load_after at the end; on average $machine_busy of the $(nproc) cores were busy over the run. Desk, bare hub, chromium and the"
  echo "bench client share these cores, and the machine is shared with other work (builds and tests): every figure includes that."
  echo
  echo "Desk: Release, Production, demo off, fresh SQLite (WAL), logging at Warning; $open queries opened through"
  echo "\`POST /api/queries\` first ($(sed -n 's/^seeded=\([0-9]*\).*/\1/p' "$work/seed.txt") created in ${seed_seconds} s, classified, routed and timed as any other; desk RSS then"
  echo "${desk_rss_seeded} MB). Desk log lines at warning or above over the run: $desk_problems."
  echo
  cat "$work/figures.md"
  if [ -f bench/console/findings.md ]; then echo; cat bench/console/findings.md; fi
} >"$report"
bash bench/splice.sh console "$report"
say "wrote the console section of docs/benchmarks.md"
# Headline figures for the regression guard (bench/history.py): the desk's push p99 per rate, duplicates, memory.
awk -v consoles="$consoles" '
  /^desk\.r[0-9]+\.push_p99=/ { split($1, kv, "="); split(kv[1], k, "."); rate = substr(k[2], 2)
    printf "push p99, %s consoles, %s queries/s\t%s\tms\tlower\n", consoles, rate, kv[2] }
  /^desk\.r[0-9]+\.deliveries_duplicate=/ { split($1, kv, "="); split(kv[1], k, "."); dup += kv[2] }
  /^desk\.server_rss_peak=/ { split($1, kv, "="); printf "desk RSS peak, %s consoles\t%s\tMB\tlower\n", consoles, kv[2] }
  /^desk\.server_rss_idle=/ { split($1, kv, "="); printf "desk RSS idle, before the consoles\t%s\tMB\tlower\n", kv[2] }
  END { printf "duplicate deliveries, all rates\t%d\tdeliveries\tlower\n", dup }
' "$work/metrics.txt" | python3 bench/history.py record console
cat "$report"

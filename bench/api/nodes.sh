#!/usr/bin/env bash
# Engines and nodes: the intake benchmark (POST /api/queries, run.sh's mix) on SQLite one node, PostgreSQL one node
# and PostgreSQL two nodes + Redis, and how long a new query takes to reach a supervisor's console on the same node
# or the other one. Everything on this machine, 127.0.0.1 only. Writes the "nodes" section of docs/benchmarks.md.
# Knobs (env): CONNECTIONS (16), SECONDS_EACH (15), RATE (500 queries/s, a rate every set-up gets and carries), PUSH_RATE
# (200 queries/s), BODIES (2000).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
connections=${CONNECTIONS:-16}
seconds=${SECONDS_EACH:-15}
rate=${RATE:-500}
push_rate=${PUSH_RATE:-200}
body_count=${BODIES:-2000}
commit=$(git describe --always --dirty)  # before this run rewrites the doc
work=$(mktemp -d /tmp/desk-bench-nodes.XXXXXX)
chmod 755 "$work"  # PostgreSQL runs as the postgres user under it
pg_bin=/usr/lib/postgresql/15/bin
pg_data=$work/pg/data
pids=()

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$pg_data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap stops the servers

say() { printf '[nodes %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
for tool in wrk curl redis-server psql "$pg_bin/initdb"; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (wrk, curl, redis-server, postgresql-15)" >&2; exit 1; }
done

say "building Release: desk, load generator"
for project in Desk.Api bench/api/LoadGen; do
  dotnet build -c Release "$project" -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
loadgen=bench/api/LoadGen/bin/Release/net10.0/LoadGen
"$loadgen" bodies bench/api/texts.csv "$body_count" "$work/bodies.tsv"

# PostgreSQL as deployed: fsync and synchronous_commit left on (every commit waits for its WAL flush).
say "starting PostgreSQL 15 (fsync on) and Redis"
pg_port=$(free_port)
mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
as_pg "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 >"$work/initdb.log" 2>&1
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -o \
  "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
pg_server="Host=127.0.0.1;Port=$pg_port;Username=postgres"
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!; pids+=("$redis_pid")

admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
supervisor_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

start_node() { # start_node <folder> <port> <extra env...>; sets node_pid
  local folder=$1 port=$2; shift 2
  mkdir -p "$folder"
  (cd "$folder" && exec env HOME="$folder" ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=false \
    Logging__LogLevel__Default=Warning Identity__BootstrapAdminPassword="$admin_password" \
    Identity__ApiKeyPermits=1000000 Identity__ApiKeyBurst=1000000 "$@" \
    dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
      --urls "http://127.0.0.1:$port" >"$folder/desk.log" 2>&1) &
  node_pid=$!; pids+=("$node_pid")
}
wait_ready() { # wait_ready <url> <pid>
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/health")" = 200 ] && return
    kill -0 "$2" 2>/dev/null || { echo "desk exited; see its log:" >&2; cat "$work"/*/*/desk.log >&2; exit 1; }
    sleep 0.5
  done
  echo "desk at $1 not healthy after 60 s" >&2; exit 1
}

# CPU ticks (1/100 s) so far: desk A, desk B, PostgreSQL (postmaster, its reaped children, its live children), Redis;
# then the machine's uptime and idle seconds. Busy = cores × uptime − idle: idle time is measured exactly, while the
# busy ticks of /proc/stat are sampled and came out below the processes' own (exact) times on this VM.
ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
pg_ticks() {
  local main; main=$(head -1 "$pg_data/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$main/stat"
    for child in $(pgrep -P "$main"); do ticks "$child"; done; } | awk '{s += $1} END {print s}'
}
cpu_snapshot() { # cpu_snapshot <deskA-pid> <deskB-pid>
  echo "$(ticks "$1") $(ticks "$2") $(pg_ticks) $(ticks "$redis_pid") $(cat /proc/uptime)"
}
cpu_report() { # cpu_report <before> <after>: cores used by desk A, desk B, PostgreSQL, Redis, the rest (generator, kernel)
  awk -v b="$1" -v a="$2" -v n="$(nproc)" 'BEGIN {
    split(b, x, " "); split(a, y, " "); s = y[5] - x[5]
    for (i = 1; i <= 4; i++) c[i] = (y[i] - x[i]) / 100 / s
    c[5] = n - (y[6] - x[6]) / s
    printf "%.2f %.2f %.2f %.2f %.2f %.2f", c[1], c[2], c[3], c[4], c[5] - c[1] - c[2] - c[3] - c[4], c[5] }'
}

run_setup() { # run_setup <name> <nodes: 1|2> <env for every node...>
  local name=$1 nodes=$2; shift 2
  local dir=$work/$name a_port b_port a_pid b_pid="" a b urls before after
  a_port=$(free_port); start_node "$dir/a" "$a_port" "$@"; a_pid=$node_pid
  a=http://127.0.0.1:$a_port; b=$a; urls=$a
  wait_ready "$a" "$a_pid"  # A migrates the database before B starts
  if [ "$nodes" = 2 ]; then
    b_port=$(free_port); start_node "$dir/b" "$b_port" "$@"; b_pid=$node_pid
    b=http://127.0.0.1:$b_port; urls=$a,$b
    wait_ready "$b" "$b_pid"
  fi
  say "$name: up ($nodes node(s)); signing in as admin, issuing an intake key, adding a supervisor"
  local post=(curl -fsS -b "$dir/cookies" -c "$dir/cookies" -H 'Content-Type: application/json' -H 'X-Desk-Client: bench')
  "${post[@]}" -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$a/api/auth/sign-in" >/dev/null
  local key
  key=$("${post[@]}" -d '{"name":"bench","scopes":["intake"]}' "$a/api/admin/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
  [ -n "$key" ] || { echo "no API key issued" >&2; exit 1; }
  "${post[@]}" -d "{\"username\":\"watcher\",\"displayName\":\"Bench supervisor\",\"role\":\"supervisor\",\"password\":\"$supervisor_password\"}" \
    "$a/api/admin/staff" >/dev/null

  wrk_on() { # wrk_on <tag> <seconds> <connections per node>: one wrk per node, in parallel, one thread each if two nodes
    local threads=$(( nodes == 2 ? 1 : 2 )) url n=0 runs=()
    for url in ${urls//,/ }; do
      n=$((n + 1))
      wrk -t"$(( $3 < threads ? 1 : threads ))" -c"$3" -d"$2"s --timeout 10s -s bench/api/intake.lua "$url/api/queries" \
        -- "$work/bodies.tsv" "$key" "$name-$1-$n" >"$dir/$1.$n.wrk" 2>&1 &
      runs+=($!)
    done
    wait "${runs[@]}"
  }

  # Long enough for tiered JIT to settle on each node (run.sh warms its one node for 15 s too).
  say "$name: warm-up, 15 s on 2 connections per node"
  wrk_on warm 15 2
  say "$name: max throughput, wrk, $connections connections in all, ${seconds} s"
  before=$(cpu_snapshot "$a_pid" "$b_pid"); wrk_on max "$seconds" $(( connections / nodes )); after=$(cpu_snapshot "$a_pid" "$b_pid")
  cpu_report "$before" "$after" >"$dir/max.cpu"
  local max_qps carry
  max_qps=$(cat "$dir"/max.*.wrk | sed -n 's/.*requests=\([0-9]*\) seconds=\([0-9.]*\).*/\1 \2/p' | awk '{q += $1 / $2} END {printf "%.0f", q}')
  # A rate it carries: 60% of what it took at saturation, in hundreds.
  carry=$(awk -v q="$max_qps" 'BEGIN {r = int(q * 0.6 / 100) * 100; print (r < 100 ? 100 : r)}')
  echo "$max_qps $carry" >"$dir/rates"
  for phase in "rate:$rate" "carry:$carry"; do
    say "$name: constant ${phase#*:}/s over $urls, ${seconds} s (+2 s warm-up)"
    before=$(cpu_snapshot "$a_pid" "$b_pid")
    "$loadgen" open "$urls" "$key" "$work/bodies.tsv" "${phase#*:}" "$seconds" 256 "$name-${phase%%:*}" >"$dir/${phase%%:*}.json"
    after=$(cpu_snapshot "$a_pid" "$b_pid"); cpu_report "$before" "$after" >"$dir/${phase%%:*}.cpu"
  done
  say "$name: push latency, $push_rate/s into A, supervisor's console on $([ "$nodes" = 2 ] && echo B || echo A), ${seconds} s"
  before=$(cpu_snapshot "$a_pid" "$b_pid")
  "$loadgen" push "$a" "$b" "$key" "$work/bodies.tsv" "$push_rate" "$seconds" watcher "$supervisor_password" "$name-push" >"$dir/push.json"
  after=$(cpu_snapshot "$a_pid" "$b_pid"); cpu_report "$before" "$after" >"$dir/push.cpu"

  cat "$dir"/*/desk.log | { grep -cE '^(warn|fail|crit)' || true; } >"$dir/warnings"
  kill "$a_pid" ${b_pid:+"$b_pid"}; wait "$a_pid" ${b_pid:+"$b_pid"} 2>/dev/null || true
}

psql_do() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "${2:-postgres}" -qAtc "$1"; }
psql_do "create database desk_one"; psql_do "create database desk_two"

run_setup sqlite 1 Database__ConnectionString="Data Source=$work/sqlite/desk.db;Default Timeout=30" \
  Classifier__ModelPath="$work/sqlite/classifier/default.model"
run_setup pg-1 1 Database__Provider=postgres Database__ConnectionString="$pg_server;Database=desk_one" \
  Classifier__ModelPath="$work/pg-1/classifier/default.model"
run_setup pg-2 2 Database__Provider=postgres Database__ConnectionString="$pg_server;Database=desk_two" \
  Classifier__ModelPath="$work/pg-2/classifier/default.model" Redis__Configuration="127.0.0.1:$redis_port" Redis__Prefix=bench

printf '%s\n' "date=$(date -u '+%Y-%m-%d %H:%M UTC')" "commit=$commit" \
  "machine=$(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr), .NET $(dotnet --version)" \
  "postgres=$("$pg_bin/postgres" --version | awk '{print $3}')" "redis=$(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p')" \
  "connections=$connections" "seconds=$seconds" "rate=$rate" "push_rate=$push_rate" \
  "bodies=$body_count" "pg_queries=$(psql_do "select count(*) from queries" desk_one) $(psql_do "select count(*) from queries" desk_two)" \
  "checkpoints=$(sed -n 's/.*checkpoint starting: \(.*\)/\1/p' "$work/pg/server.log" | sort | uniq -c | awk '{n = $1; $1 = ""; printf "%s%d ×%s", sep, n, $0; sep = ", "}')" \
  "sqlite_queries=$(sqlite3 "file:$work/sqlite/desk.db?mode=ro" "select count(*) from queries" 2>/dev/null || echo '?')" >"$work/knobs"
# KEEP=<folder> keeps the raw outputs, so that the report can be written again: bash bench/api/nodes-report.sh <folder>
if [ -n "${KEEP:-}" ]; then
  for setup in sqlite pg-1 pg-2; do
    mkdir -p "$KEEP/$setup"; cp "$work/$setup"/*.wrk "$work/$setup"/*.json "$work/$setup"/*.cpu "$work/$setup"/rates "$work/$setup"/warnings "$KEEP/$setup/"
  done
  cp "$work/knobs" "$KEEP/"
fi
bash bench/api/nodes-report.sh "$work" >"$work/report.md"
bench/splice.sh nodes "$work/report.md"
say "wrote the nodes section of docs/benchmarks.md"
cat "$work/report.md"

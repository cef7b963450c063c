#!/usr/bin/env bash
# Queue counts benchmark (issue 13, point 4): GET /api/queues, what the console calls up to once a second, at 10,000 and
# 1,000,000 open queries on SQLite. The counts come from the board's counts (one read of the open queries when a node
# first asks, then moved one query at a time); before that change the endpoint counted every open query on each call,
# and that count is timed here too, on the same file, as the figure it replaced.
# Writes its section of docs/benchmarks.md and prints one RESULT line per size.
# Knobs (env): SIZES ("10000 1000000"), SECONDS_EACH (10, wrk per run), OLD_RUNS (20, runs of the old count), DESK_PORT (5297).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
read -r -a sizes <<<"${SIZES:-10000 1000000}"
seconds=${SECONDS_EACH:-10}
old_runs=${OLD_RUNS:-20}
port=${DESK_PORT:-5297}
base="http://127.0.0.1:$port"
commit=$(git describe --always --dirty)
work=$(mktemp -d /tmp/desk-bench-queues.XXXXXX)
report="$work/report.md"
desk_pid=""
stop_desk() {
  [ -n "$desk_pid" ] || return 0
  kill "$desk_pid" 2>/dev/null || true
  wait "$desk_pid" 2>/dev/null || true
  desk_pid=""
}
trap 'stop_desk; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
say() { printf '[bench queues %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done
if curl -s -o /dev/null "$base/"; then echo "port $port is in use; set DESK_PORT" >&2; exit 1; fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

say "building Release: desk and bench/sla/SlaBench (its seeder)"
dotnet build -c Release bench/sla/SlaBench -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
seeder=bench/sla/SlaBench/bin/Release/net10.0/SlaBench

# The old endpoint's count, word for word, with the admin's "mine".
old_count="select queue, count(*),
    sum(case when assignee is null then 1 else 0 end),
    sum(case when assignee = 'admin' then 1 else 0 end),
    sum(case when first_response_breached_at is not null or resolution_breached_at is not null then 1 else 0 end)
  from queries where status not in ('resolved', 'closed') group by queue"

# What the console asks for first: a page of 50, every queue it may see, most urgent first (query-list.ts emptyFilter).
list="/api/queries?limit=50&offset=0&status=active&sort=urgency"
rows=""
for size in "${sizes[@]}"; do
  folder=$work/$size
  mkdir -p "$folder"
  say "$size open queries: migrate and seed (SlaBench), then spread them over queues and assignees"
  "$seeder" seed "$folder/desk.db" "$size" >"$folder/seed.txt"
  # Nine queues, a third nobody's, a third the admin's (the caller's "mine"), the rest over 50 agents; 1 in 50 breached.
  python3 - "$folder/desk.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
queues = ["triage", "incident-management", "service-continuity", "service-requests", "change-enablement",
          "relationship-management", "continual-improvement", "information-security", "service-desk"]
db.execute("update queries set queue = (case id % 9 " + " ".join(f"when {i} then '{q}'" for i, q in enumerate(queues)) + " end),"
           " assignee = (case id % 3 when 0 then null when 1 then 'admin' else 'agent-' || (id % 50) end),"
           " first_response_breached_at = (case when id % 50 = 0 then created_at end)")
db.commit()
PY

  say "$size: the old count, $old_runs runs on the same file (python sqlite3, after one uncounted)"
  python3 - "$folder/desk.db" "$old_runs" "$old_count" >"$folder/old.txt" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); runs = int(sys.argv[2]); sql = sys.argv[3]
db.execute(sql).fetchall()
times = []
for _ in range(runs):
    started = time.perf_counter(); db.execute(sql).fetchall(); times.append((time.perf_counter() - started) * 1000)
times.sort()
print(f"{times[len(times) // 2]:.1f} {times[-1]:.1f}")
PY

  say "$size: the desk (Release, Production, catch-up every 5 s so the warm runs include catch-ups)"
  (cd "$folder" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=false \
    Database__ConnectionString="Data Source=$folder/desk.db;Default Timeout=30" \
    Classifier__ModelPath="$folder/classifier/default.model" Identity__BootstrapAdminPassword=bench-admin-password \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Desk.Api.Board=Debug Board__ResyncInterval=00:00:05 \
    dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
      --urls "$base" >"$folder/desk.log" 2>&1) &
  desk_pid=$!
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "$base/health" && break
    kill -0 "$desk_pid" 2>/dev/null || { cat "$folder/desk.log" >&2; echo "desk exited" >&2; exit 1; }
    sleep 0.5
  done
  jar="$folder/cookies"
  curl -sf -c "$jar" -H 'content-type: application/json' -H 'X-Desk-Client: bench' \
    -d '{"username":"admin","password":"bench-admin-password"}' "$base/api/auth/sign-in" >/dev/null
  cookie=$(awk '$6 == "desk.session" { print "desk.session=" $7 }' "$jar")
  first=$(curl -s -o "$folder/queues.json" -w '%{time_total}' -b "$jar" "$base/api/queues")
  python3 - "$folder/queues.json" "$folder/desk.db" "$old_count" >"$folder/check.txt" <<'PY'
import json, sqlite3, sys
shown = {q["queue"]: (q["open"], q["unassigned"], q["mine"], q["breached"]) for q in json.load(open(sys.argv[1]))}
fresh = {r[0]: tuple(r[1:]) for r in sqlite3.connect(sys.argv[2]).execute(sys.argv[3])}
same = all(shown.get(q, (0, 0, 0, 0)) == fresh.get(q, (0, 0, 0, 0)) for q in set(shown) | set(fresh))
print(f"{sum(v[0] for v in shown.values())} open shown, {'the same as' if same else 'NOT the same as'} the old count")
PY
  say "$size: warm GETs with wrk, 1 and 8 connections, $seconds s each"
  wrk -t1 -c1 -d"${seconds}s" --timeout 30s --latency -H "Cookie: $cookie" "$base/api/queues" >"$folder/wrk1.txt"
  wrk -t2 -c8 -d"${seconds}s" --timeout 30s --latency -H "Cookie: $cookie" "$base/api/queues" >"$folder/wrk8.txt"
  say "$size: the console's list page (its first page, most urgent first) as admin and as an agent, first and warm, 1 connection, $seconds s each"
  curl -sf -b "$jar" -H 'content-type: application/json' -H 'X-Desk-Client: bench' \
    -d '{"username":"bench-agent","displayName":"Bench Agent","role":"agent","password":"console-list-secret-1"}' "$base/api/admin/staff" >/dev/null
  curl -sf -c "$folder/agent-cookies" -H 'content-type: application/json' -H 'X-Desk-Client: bench' \
    -d '{"username":"bench-agent","password":"console-list-secret-1"}' "$base/api/auth/sign-in" >/dev/null
  for who in admin agent; do
    who_jar=$([ "$who" = admin ] && echo "$jar" || echo "$folder/agent-cookies")
    who_cookie=$(awk '$6 == "desk.session" { print "desk.session=" $7 }' "$who_jar")
    echo "$(curl -s -o "$folder/list-$who.json" -w '%{time_total}' -b "$who_jar" "$base$list")" >"$folder/list-$who-first.txt"
    # The agent's queues: every queue but the restricted one (information-security), as /api/queues lists them.
    curl -s -b "$who_jar" "$base/api/queues" >"$folder/queues-$who.json"
    python3 - "$folder/list-$who.json" "$folder/desk.db" "$folder/queues-$who.json" "$who" >>"$folder/check.txt" <<'PY'
import json, sqlite3, sys
page = json.load(open(sys.argv[1]))
queues = [q["queue"] for q in json.load(open(sys.argv[3]))]
db = sqlite3.connect(sys.argv[2])
where = "status not in ('resolved', 'closed') and queue in (%s)" % ",".join("?" * len(queues))
matching = db.execute(f"select count(*) from queries where {where}", queues).fetchone()[0]
breached = db.execute(f"select count(*) from queries where {where} and first_response_breached_at is not null", queues).fetchone()[0]
first = page["items"][0] if page["items"] else {}
capped = page.get('totalCapped', False)
counted = f"total {page['total']}{'+' if capped else ''} of {matching}"
right = page["total"] == matching if not capped else page["total"] < matching
print(f"; list as {sys.argv[4]} ({len(queues)} queues): {len(page['items'])} rows, {counted} ({'right' if right else 'WRONG'}),"
      f" {'a breached query first' if breached == 0 or first.get('slaState') == 'breached' else 'NOT a breached query first'}")
PY
    wrk -t1 -c1 -d"${seconds}s" --timeout 30s --latency -H "Cookie: $who_cookie" "$base$list" >"$folder/wrk-list-$who.txt"
  done
  # Last, as it changes the file: nine in ten queries resolved (the desk's history; the board does not see them, since
  # updated_at stays), then the list of resolved queries, most urgent first, as admin and agent; beside it the two
  # statements that list made before migration 0028 (python sqlite3, median of $old_runs runs, less HTTP).
  say "$size: nine in ten resolved, then the resolved list page, most urgent first, as admin and as an agent"
  python3 - "$folder/desk.db" "$old_runs" >"$folder/done-old.txt" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=60)
db.execute("update queries set status = 'resolved' where id % 10 <> 0")
db.commit()
order = "order by q.sla_rank, q.sla_due, q.created_at, q.id"
count = f"select count(*) from (select q.id from queries q where 1 = 1 and q.status = ? {order} limit 10001) matching"
page = f"select q.*, c.display_name as contact_name from queries q join contacts c on c.id = q.contact_id where 1 = 1 and q.status = ? {order} limit 50 offset 0"
times = []
for _ in range(int(sys.argv[2]) + 1):
    started = time.perf_counter()
    db.execute(count, ("resolved",)).fetchall(); db.execute(page, ("resolved",)).fetchall()
    times.append((time.perf_counter() - started) * 1000)
times = sorted(times[1:])
print(f"{times[len(times) // 2]:.1f}")
PY
  done_list="/api/queries?limit=50&offset=0&status=resolved&sort=urgency"
  for who in admin agent; do
    who_jar=$([ "$who" = admin ] && echo "$jar" || echo "$folder/agent-cookies")
    who_cookie=$(awk '$6 == "desk.session" { print "desk.session=" $7 }' "$who_jar")
    curl -s -o "$folder/done-$who.json" -b "$who_jar" "$base$done_list"
    python3 - "$folder/done-$who.json" "$who" >>"$folder/check.txt" <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))
print(f"; resolved list as {sys.argv[2]}: {len(page['items'])} rows, total {page['total']}{'+' if page.get('totalCapped') else ''}")
PY
    wrk -t1 -c1 -d"${seconds}s" --timeout 30s --latency -H "Cookie: $who_cookie" "$base$done_list" >"$folder/wrk-done-$who.txt"
  done
  stop_desk
  catchups=$({ grep -o 'took in [0-9]* changed queries in [0-9.]* ms' "$folder/desk.log" || true; } | awk '{print $(NF-1)}' | sort -n \
    | awk '{a[NR]=$1} END { if (NR) printf "%s ms median, %s ms max over %d", a[int((NR+1)/2)], a[NR], NR; else printf "none logged" }')
  catchup_p50=$(awk '{ print $1 }' <<<"$catchups")
  read -r old_p50 old_max <"$folder/old.txt"
  wrk_figures() { awk '/Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /Non-2xx/ { bad = $NF }
    END { printf "%s %s %s %d\n", rps, p50, p99, bad + 0 }' "$1"; }
  read -r rps1 p50_1 p99_1 bad1 < <(wrk_figures "$folder/wrk1.txt")
  read -r rps8 p50_8 p99_8 bad8 < <(wrk_figures "$folder/wrk8.txt")
  read -r rps_list p50_list p99_list bad_list < <(wrk_figures "$folder/wrk-list-admin.txt")
  read -r rps_agent p50_agent p99_agent bad_agent < <(wrk_figures "$folder/wrk-list-agent.txt")
  read -r _ p50_done _ bad_done < <(wrk_figures "$folder/wrk-done-admin.txt")
  read -r _ p50_done_agent _ bad_done_agent < <(wrk_figures "$folder/wrk-done-agent.txt")
  done_old_ms=$(cat "$folder/done-old.txt")
  list_first_ms=$(awk '{ printf "%.1f", $1 * 1000 }' "$folder/list-admin-first.txt")
  agent_first_ms=$(awk '{ printf "%.1f", $1 * 1000 }' "$folder/list-agent-first.txt")
  bad_list=$((bad_list + bad_agent + bad_done + bad_done_agent))
  first_ms=$(awk -v t="$first" 'BEGIN { printf "%.1f", t * 1000 }')
  echo "RESULT queues open=$size old_count_p50_ms=$old_p50 first_get_ms=$first_ms warm_p50=$p50_1 warm_p99=$p99_1 warm_rps_c1=$rps1 warm_rps_c8=$rps8 non2xx=$((bad1 + bad8 + bad_list)) catch_up_p50_ms=$catchup_p50 list_first_ms=$list_first_ms list_p50=$p50_list list_p99=$p99_list list_rps=$rps_list agent_list_first_ms=$agent_first_ms agent_list_p50=$p50_agent agent_list_p99=$p99_agent agent_list_rps=$rps_agent done_old_ms=$done_old_ms done_list_p50=$p50_done done_agent_list_p50=$p50_done_agent" \
    | tee -a "$work/results.txt"
  rows+="| $size | $old_p50 / $old_max | $first_ms | $p50_1 / $p99_1 / $rps1 | $p50_8 / $p99_8 / $rps8 | $list_first_ms / $p50_list / $p99_list / $rps_list | $agent_first_ms / $p50_agent / $p99_agent / $rps_agent | $done_old_ms / $p50_done / $p50_done_agent | $((bad1 + bad8 + bad_list)) | $catchups | $(tr -d '\n' <"$folder/check.txt") |"$'\n'
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cat >"$report" <<MD
# Queue counts and the console's list: GET /api/queues and its first GET /api/queries at 10,000 and 1,000,000 open queries

Written by \`bash bench/queues/run.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC (commit $commit). Knobs: SIZES="${sizes[*]}" SECONDS_EACH=$seconds OLD_RUNS=$old_runs.
Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET $(dotnet --version); wrk and the desk share the cores.
Load average (1/5/15 min): $load_before at the start, $load_after at the end (the machine is shared with other work, and
these figures include it).

Set-up, per size: a fresh SQLite file migrated by the desk, seeded by \`SlaBench seed\` (open P4 queries, answered,
one transaction), then spread over the nine queues, a third nobody's, a third the admin's, the rest over 50 agents, 1
in 50 with a breached first response. The desk: Release, Production, demo off, \`Board:ResyncInterval\` 5 s (default
30 s) so that the warm runs pay for several catch-ups; signed in as admin.

- **old count**: the count \`GET /api/queues\` made on every call before (one \`group by queue\` over the open
  queries), the same SQL on the same file through python's sqlite3, median / max of $old_runs runs: the cost of each
  call then, less HTTP.
- **first GET**: a cold node builds the board's counts (one read of the open queries, the same read the board makes),
  then answers; once per node.
- **warm GETs**: wrk 4.1, $seconds s each; served from the counts (a lock and one small dictionary per call).
- **list page**: what the console loads with its counts (and again at most once a second while pushes arrive):
  \`GET $list\`, the first page of every queue the caller sees, most urgent first, with the total that matches;
  first call, then wrk with 1 connection, $seconds s: first ms / p50 / p99 / GETs/s; as the admin (every queue) and as
  an agent (every queue but the restricted information-security: eight of the nine).
- **resolved list**: last, nine in ten of the queries are marked resolved (the desk's history), and the same page is
  asked for them (\`status=resolved\`): "before" is the two statements it took before migration 0028 (count and
  page, python sqlite3, median of $old_runs runs, less HTTP), then wrk p50 as admin and as agent, 1 connection.
- **catch-up**: what the node repeats in the background every \`Board:ResyncInterval\` to take in other nodes' changes:
  the queries changed since its last read (through the \`updated_at\` index; none change during this run) and today's
  attainment (partial indexes), from its log; no GET waits for it. Every open query is read again only each
  \`Board:ReloadInterval\` (1 h) and each new day, as the first GET does.

| open queries | old count ms (p50 / max) | first GET ms | warm, 1 conn: p50 / p99 / GETs/s | warm, 8 conn: p50 / p99 / GETs/s | list page, admin: first ms / p50 / p99 / GETs/s | list page, agent | resolved list: before ms / admin p50 / agent p50 | non-2xx | catch-up | check |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|
${rows}
Machine-readable:

\`\`\`
$(cat "$work/results.txt")
\`\`\`
MD
if [ -f bench/queues/findings.md ]; then { echo; cat bench/queues/findings.md; } >>"$report"; fi
bash bench/splice.sh queues "$report"
cat "$report"
# Headline figures for the regression guard (bench/history.py); wrk writes latencies with their unit (us, ms, s).
python3 - "$work/results.txt" <<'EOF' | python3 bench/history.py record queues
import re, sys
def ms(text):
    value, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)?", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, None: 1}[unit]
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("RESULT queues "):
        f = dict(kv.split("=", 1) for kv in line.split()[2:])
        print(f"GET /api/queues warm p50, {int(f['open']):,} open\t{ms(f['warm_p50']):.3f}\tms\tlower")
        print(f"GET /api/queues first, {int(f['open']):,} open\t{ms(f['first_get_ms']):.1f}\tms\tlower")
        if f.get("catch_up_p50_ms", "none") not in ("none", ""):
            print(f"board catch-up p50, {int(f['open']):,} open\t{float(f['catch_up_p50_ms']):.1f}\tms\tlower")
        if "list_p50" in f:
            print(f"GET /api/queries list page p50, {int(f['open']):,} open\t{ms(f['list_p50']):.3f}\tms\tlower")
        if "agent_list_p50" in f:
            print(f"GET /api/queries list page p50 as an agent, {int(f['open']):,} open\t{ms(f['agent_list_p50']):.3f}\tms\tlower")
        if "done_list_p50" in f:
            print(f"GET /api/queries resolved list page p50, {int(f['open']):,} queries\t{ms(f['done_list_p50']):.3f}\tms\tlower")
            print(f"GET /api/queries resolved list page p50 as an agent, {int(f['open']):,} queries\t{ms(f['done_agent_list_p50']):.3f}\tms\tlower")
EOF

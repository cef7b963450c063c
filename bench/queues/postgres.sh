#!/usr/bin/env bash
# The console's list page on PostgreSQL (issue 13, point 4): the statements QueryStore.ListAsync sends for an agent's
# eight queues and for the admin, open queries and resolved ones, under EXPLAIN ANALYZE (execution time, less HTTP),
# beside the statements they replaced: an agent's count of 10,001 per queue and whole rows per queue (before c15180b and
# 2748ee9), and the resolved list without migration 0028's indexes (dropped at the end of the run).
# A throwaway server from .ci/postgres.sh; the desk migrates it and seeds 40 demo queries, copied in bulk to SIZE.
# Writes its section of docs/benchmarks.md and prints one RESULT line.
# Knobs (env): SIZE (500000 copies, plus the 40), RUNS (7 per statement, median; one uncounted first), DESK_PORT (5298).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
size=${SIZE:-500000}
runs=${RUNS:-7}
port=${DESK_PORT:-5298}
commit=$(git describe --always --dirty)
work=$(mktemp -d /tmp/desk-bench-queues-pg.XXXXXX)
pg_dir="" desk_pid=""
cleanup() {
  [ -z "$desk_pid" ] || { kill "$desk_pid" 2>/dev/null || true; wait "$desk_pid" 2>/dev/null || true; }
  [ -z "$pg_dir" ] || .ci/postgres.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { printf '[bench queues-pg %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
for tool in psql curl python3; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

say "building the desk (Release) and starting a throwaway PostgreSQL"
dotnet build -c Release Desk.Api -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
eval "$(.ci/postgres.sh start)"
pg_dir=$DESK_TEST_PG_DIR
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$DESK_TEST_POSTGRES")
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
sql -d postgres -c "create database desk_bench"

say "the desk migrates it and seeds 40 demo queries"
(cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true Demo__Queries=40 \
  Database__Provider=postgres Database__ConnectionString="$DESK_TEST_POSTGRES;Database=desk_bench" \
  Classifier__ModelPath="$work/default.model" Identity__BootstrapAdminPassword=bench-admin-password Logging__LogLevel__Default=Warning \
  dotnet "$root/Desk.Api/bin/Release/net10.0/Desk.Api.dll" --contentRoot "$root/Desk.Api/bin/Release/net10.0" \
    --urls "http://127.0.0.1:$port" >"$work/desk.log" 2>&1) &
desk_pid=$!
for _ in $(seq 1 240); do
  curl -s -o /dev/null "http://127.0.0.1:$port/health" && break
  kill -0 "$desk_pid" 2>/dev/null || { cat "$work/desk.log" >&2; echo "desk exited" >&2; exit 1; }
  sleep 0.5
done
for _ in $(seq 1 120); do
  [ "$(sql -d desk_bench -c 'select count(*) from queries')" -ge 40 ] && break
  sleep 0.5
done
kill "$desk_pid"; wait "$desk_pid" 2>/dev/null || true; desk_pid=""

say "copying the 40 queries to $size more, spread as bench/queues/run.sh does (nine queues, 1 in 10 resolved, 1 in 50 breached)"
columns="select string_agg(%s, ', ' order by ordinal_position) from information_schema.columns where table_name = 'queries'
  and column_name not in ('id', 'reference') and is_generated = 'NEVER' and coalesce(column_default, '') not like 'nextval%%'"
# shellcheck disable=SC2059
cols=$(sql -d desk_bench -c "$(printf "$columns" "column_name")")
# shellcheck disable=SC2059
qcols=$(sql -d desk_bench -c "$(printf "$columns" "'q.' || column_name")")
sql -d desk_bench -c "insert into queries (reference, $cols)
  select 'BULK-' || n || '-' || q.id, $qcols from generate_series(1, $size / 40) n, queries q where q.reference not like 'BULK-%'"
sql -d desk_bench -c "update queries set
  queue = (array['triage', 'incident-management', 'service-continuity', 'service-requests', 'change-enablement',
                 'relationship-management', 'continual-improvement', 'information-security', 'service-desk'])[id % 9 + 1],
  status = case when id % 10 = 0 then 'resolved' else 'new' end,
  first_response_breached_at = case when id % 50 = 0 then created_at end"
sql -d desk_bench -c "vacuum analyze queries"
counts=$(sql -d desk_bench -F ' ' -c "select count(*) filter (where status = 'new'), count(*) filter (where status = 'resolved') from queries")

say "timing the statements, median of $runs"
python3 - "$pg_port" "$runs" "$counts" >"$work/result.txt" <<'PY'
import json, statistics, subprocess, sys
port, runs, (open_count, resolved_count) = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()

def ms(sql):
    out = subprocess.check_output(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "desk_bench", "-qAt",
                                   "-c", "explain (analyze, format json) " + sql], text=True)
    return json.loads(out)[0]["Execution Time"]

def median(sql):
    ms(sql)
    return round(statistics.median(ms(sql) for _ in range(runs)), 2)

# As QueryStore.ListAsync writes them (limit 50, offset 0; CountedAhead 10,000), the agent's eight queues as legs.
queues = ["triage", "incident-management", "service-continuity", "service-requests", "change-enablement",
          "relationship-management", "continual-improvement", "service-desk"]
order = "order by q.sla_rank, q.sla_due, q.created_at, q.id"
row = "select q.*, c.display_name as contact_name from queries q join contacts c on c.id = q.contact_id"
def legs(select, where, limit):
    return " union all ".join(f"select * from ({select} {where} and q.queue = '{queue}' {order} limit {limit}) leg{i}"
                              for i, queue in enumerate(queues))
def statements(where):
    return {
        "admin_count": f"select count(*) from (select q.id from queries q {where} {order} limit 10001) matching",
        "admin_page": f"{row} {where} {order} limit 50 offset 0",
        "agent_count": f"select count(*) from (select id from ({legs('select q.id from queries q', where, 10001)}) legs limit 10001) matching",
        "agent_page": f"{row} where q.id in (select q.id from ({legs('select q.id, q.sla_rank, q.sla_due, q.created_at from queries q', where, 50)}) q {order} limit 50 offset 0) {order}",
        "agent_count_per_queue": f"select count(*) from ({legs('select q.id from queries q', where, 10001)}) matching",
        "agent_page_whole_rows": f"select * from ({legs(row, where, 50)}) q {order} limit 50 offset 0",
    }
active = statements("where 1 = 1 and q.status not in ('resolved', 'closed')")
resolved = statements("where 1 = 1 and q.status = 'resolved' and q.status in ('resolved', 'closed')")
resolved_before = statements("where 1 = 1 and q.status = 'resolved'")  # bb2ac7e added the literal with the indexes
figures = {"open": open_count, "resolved": resolved_count}
for key in ("admin_count", "admin_page", "agent_count", "agent_page", "agent_count_per_queue", "agent_page_whole_rows"):
    figures[f"open_{key}_ms"] = median(active[key])
for key in ("admin_count", "admin_page", "agent_count", "agent_page"):
    figures[f"resolved_{key}_ms"] = median(resolved[key])
subprocess.check_call(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "desk_bench", "-qAt", "-c",
                       "drop index ix_queries_done_sla_rank; drop index ix_queries_done_queue_sla_rank"])
for key in ("admin_count", "admin_page", "agent_count", "agent_page"):
    figures[f"resolved_{key}_before_0028_ms"] = median(resolved_before[key])
print("RESULT queues-pg " + " ".join(f"{k}={v}" for k, v in figures.items()))
PY
cat "$work/result.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
report="$work/report.md"
python3 - "$work/result.txt" >"$report" <<PY
import sys
f = dict(kv.split("=", 1) for kv in open(sys.argv[1]).read().split()[2:])
print("""# The console's list page on PostgreSQL: the store's statements at $size queries

Written by \`bash bench/queues/postgres.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC (commit $commit). Knobs: SIZE=$size RUNS=$runs.
Machine: $(nproc) cores, PostgreSQL from \`.ci/postgres.sh\` (fsync off). Load average (1/5/15 min): $load_before at the
start, $load_after at the end.

Set-up: the desk migrates a fresh database and seeds 40 demo queries; they are copied in bulk and spread over the nine
queues ({open} open, {resolved} resolved, 1 in 50 breached), then \`VACUUM ANALYZE\`. Each figure is the median
execution time of $runs \`EXPLAIN ANALYZE\` runs of one statement as \`QueryStore.ListAsync\` writes it (page of 50, most
urgent first; the agent's eight queues read queue by queue and merged), in ms, less HTTP and planning.

| list | admin: count / page | agent: count / page | agent before c15180b and 2748ee9: count / page |
|---|---:|---:|---:|
| open queries | {open_admin_count_ms} / {open_admin_page_ms} | {open_agent_count_ms} / {open_agent_page_ms} | {open_agent_count_per_queue_ms} / {open_agent_page_whole_rows_ms} |
| resolved queries | {resolved_admin_count_ms} / {resolved_admin_page_ms} | {resolved_agent_count_ms} / {resolved_agent_page_ms} | |
| resolved before bb2ac7e (0028's indexes dropped, the statement without its literal) | {resolved_admin_count_before_0028_ms} / {resolved_admin_page_before_0028_ms} | {resolved_agent_count_before_0028_ms} / {resolved_agent_page_before_0028_ms} | |

Machine-readable:

\`\`\`
{line}
\`\`\`""".format(line=open(sys.argv[1]).read().strip(), **f))
PY
bash bench/splice.sh queues-pg "$report"
cat "$report"
python3 - "$work/result.txt" <<'PY' | python3 bench/history.py record queues-pg
import sys
f = dict(kv.split("=", 1) for kv in open(sys.argv[1]).read().split()[2:])
n = int(f["open"]) + int(f["resolved"])
for key, name in [("open_admin_count_ms", "open list count, admin"), ("open_agent_count_ms", "open list count, agent"),
                  ("open_agent_page_ms", "open list page, agent"), ("resolved_agent_page_ms", "resolved list page, agent")]:
    print(f"{name}, {n:,} queries\t{f[key]}\tms\tlower")
PY

#!/usr/bin/env bash
# Writes the "nodes" section of docs/benchmarks.md (Markdown on stdout) from the raw outputs nodes.sh left in <folder>.
set -euo pipefail
work=$1
knob() { sed -n "s/^$1=//p" "$work/knobs"; }
field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$1" | head -1; }
json() { jq -r ".$2 // \"–\"" "$work/$1"; }
cpu() { # cpu <setup> <phase>: desk A | desk B | PostgreSQL | Redis | rest | machine, cores
  read -r a b pg redis rest all <"$work/$1/$2.cpu"
  if [ "$1" = pg-2 ]; then echo "$a | $b | $pg | $redis | $rest | $all"; else echo "$a | – | $pg | – | $rest | $all"; fi
}
wrk_row() { # the wrk processes of one set-up: summed rates, worst latencies
  local setup=$1 files=("$work/$1"/max.*.wrk) qps p50=0 p99=0 max=0 non2xx=0 errors=0 f
  qps=$(for f in "${files[@]}"; do echo "$(field "$f" requests) $(field "$f" seconds)"; done | awk '{q += $1 / $2} END {printf "%.0f", q}')
  for f in "${files[@]}"; do
    p50=$(awk -v a="$p50" -v b="$(field "$f" p50_ms)" 'BEGIN {print (b > a ? b : a)}')
    p99=$(awk -v a="$p99" -v b="$(field "$f" p99_ms)" 'BEGIN {print (b > a ? b : a)}')
    max=$(awk -v a="$max" -v b="$(field "$f" max_ms)" 'BEGIN {print (b > a ? b : a)}')
    non2xx=$((non2xx + $(field "$f" non2xx))); errors=$((errors + $(field "$f" socket_errors)))
  done
  echo "| $setup | $qps | $p50 | $p99 | $max | $non2xx | $errors | $(cpu "$setup" max) |"
}
setups=(sqlite pg-1 pg-2)

cat <<EOF
# Engines and nodes: intake on SQLite, PostgreSQL, and two PostgreSQL nodes on Redis; push latency across nodes

Written by \`bash bench/api/nodes.sh\` on $(knob date) (commit $(knob commit)).
Knobs: CONNECTIONS=$(knob connections) SECONDS_EACH=$(knob seconds) RATE=$(knob rate) PUSH_RATE=$(knob push_rate) BODIES=$(knob bodies).

Machine: $(knob machine).
The desk nodes, PostgreSQL, Redis and the load generator all share these cores, in one run, one set-up after the other.

Set-ups (each a fresh database; desk in Release, Production, demo off, logging at Warning; intake API key;
run.sh's request mix; everything on 127.0.0.1):
- **sqlite**: one node on a SQLite file (WAL, \`synchronous=full\`: each commit, one per group-commit batch, waits for its fsync).
- **pg-1**: one node on PostgreSQL $(knob postgres), a cluster the script starts for the run with the durability a
  deployment has (fsync on, \`synchronous_commit\` on: each commit waits for its WAL flush), \`shared_buffers\` 256 MB.
- **pg-2**: two nodes, A and B, each in its own folder, on the same PostgreSQL (Hangfire's jobs in its schema there) and Redis
  $(knob redis) (no persistence: the SignalR backplane, key ring, node events). Nothing in front of them: wrk runs one
  process per node with half the connections each, and LoadGen sends request by request to A and B in turn. A
  reverse proxy (YARP, nginx) would take CPU from the desks on these 2 cores and measure itself; in a deployment it
  runs on its own machine.

CPU columns are cores in use over the phase (1.00 = one core busy): each desk process, PostgreSQL (all its
processes), Redis, and "rest" = the machine's busy time minus those (the load generator and the kernel's share of
loopback networking); "machine" is all busy time (cores × wall time − idle; 2.00 = both cores busy).

## Maximum throughput (wrk 4.1, $(knob connections) connections in all, $(knob seconds) s, after 15 s warm-up on 2 connections per node)

| set-up | queries/s | p50 ms | p99 ms | max ms | non-2xx | socket errors | desk A | desk B | PostgreSQL | Redis | rest | machine |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
for setup in "${setups[@]}"; do wrk_row "$setup"; done
cat <<EOF

pg-2: queries/s is the sum of the two wrk processes; p50/p99/max are the worse of the two.

## Constant rate (LoadGen open loop, $(knob seconds) s after 2 s uncounted warm-up, up to 256 connections a node)

Two rates each: RATE for all, and "carry" = 60% of that set-up's own wrk maximum (in hundreds). Latency counts from
each request's scheduled send time (no coordinated omission), as in run.sh's section.

| set-up | rate/s | 2xx/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | failures | desk A | desk B | PostgreSQL | Redis | rest | machine |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
for setup in "${setups[@]}"; do
  for phase in rate carry; do
    f=$setup/$phase.json
    echo "| $setup | $(json "$f" targetRate) | $(json "$f" okPerSecond) | $(json "$f" p50Ms) | $(json "$f" p90Ms) | $(json "$f" p99Ms) | $(json "$f" maxMs) | $(json "$f" non2xx) | $(json "$f" failures) | $(cpu "$setup" "$phase") |"
  done
done
cat <<EOF

## Push latency: POST on node A → \`QueryCreated\` on a supervisor's console (LoadGen push)

LoadGen signs in as a supervisor (created through the admin API) on the watching node, connects to its hub
(\`/hubs/desk\`, WebSockets, session cookie and \`X-Desk-Client\`), invokes \`JoinSupervisors\`, then sends
$(knob push_rate) intakes a second to A for $(knob seconds) s (after 2 s uncounted), without Idempotency-Keys so that every
POST creates a query. Each push is matched to its POST by the reference in the 201 answer. "sent → push" counts
from the POST's scheduled send time; "answered → push" from when the 201 arrived (negative: the push came first,
since the desk pushes after the commit and before it answers). Missed: created, and no push within 5 s of the end.

| set-up | console on | rate/s | created | pushed | missed | POST p50 ms | POST p99 ms | sent → push p50 ms | p99 ms | max ms | answered → push p50 ms | p99 ms | max ms | desk A | desk B | PostgreSQL | Redis | rest | machine |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
for setup in "${setups[@]}"; do
  f=$setup/push.json
  echo "| $setup | $([ "$setup" = pg-2 ] && echo "B (across)" || echo "A (same)") | $(json "$f" targetRate) | $(json "$f" created) | $(json "$f" pushed) | $(json "$f" missed) | $(json "$f" postP50Ms) | $(json "$f" postP99Ms) | $(json "$f" sentToPushP50Ms) | $(json "$f" sentToPushP99Ms) | $(json "$f" sentToPushMaxMs) | $(json "$f" answeredToPushP50Ms) | $(json "$f" answeredToPushP99Ms) | $(json "$f" answeredToPushMaxMs) | $(cpu "$setup" push) |"
done
read -r pg_one pg_two <<<"$(knob pg_queries)"
cat <<EOF

## After the run

- Queries stored: sqlite $(knob sqlite_queries), pg-1 $pg_one, pg-2 $pg_two (warm-up included).
- PostgreSQL checkpoints during the run (by cause): $(c=$(knob checkpoints); echo "${c:-none}").
- Desk log lines at warning or above: sqlite $(cat "$work/sqlite/warnings"), pg-1 $(cat "$work/pg-1/warnings"), pg-2 $(cat "$work/pg-2/warnings") (both nodes).

Raw outputs of this run:

\`\`\`
EOF
for setup in "${setups[@]}"; do
  for f in "$work/$setup"/max.*.wrk; do echo "$setup $(basename "$f" .wrk): $(grep RESULT "$f")"; done
  for phase in rate carry push; do echo "$setup $phase: $(cat "$work/$setup/$phase.json")"; done
done
echo '```'
if [ -f bench/api/nodes-findings.md ]; then echo; cat bench/api/nodes-findings.md; fi

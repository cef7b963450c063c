#!/usr/bin/env bash
# Every test of the desk, on a fresh Debian machine with the .NET 10 SDK, Node and npm.
# Installs what the tests need (Debian chromium and PostgreSQL 15, the npm clients they drive), then runs them all:
# everything on SQLite, then the HTTP and live tests again on a throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Debian chromium for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "==> installing Debian redis-server for the two-node tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

if ! command -v dovecot >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "==> installing Debian dovecot-imapd and python3-aiosmtpd for the e-mail tests (they start them on free ports)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd python3-aiosmtpd >/dev/null
fi

# A throwaway Redis on a free port of 127.0.0.1 for the two-node tests, stopped however this script ends.
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
redis_pid=$!
pg_dir=""
cleanup() {
  kill "$redis_pid" 2>/dev/null || true
  [ -z "$pg_dir" ] || .ci/postgres.sh stop "$pg_dir"
}
trap cleanup EXIT
for _ in $(seq 50); do
  if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then break; fi
  sleep 0.1
done
export DESK_TEST_REDIS="127.0.0.1:$redis_port"

echo "==> starting a throwaway PostgreSQL for the engine run"
eval "$(.ci/postgres.sh start)"
pg_dir=$DESK_TEST_PG_DIR

# The npm clients download while the desk builds: the one waits on the network, the other on the CPU.
echo "==> installing the npm clients the tests drive (Desk.Tests/js), while the desk builds"
npm_log=$(mktemp)
npm ci --prefix Desk.Tests/js --no-audit --no-fund --loglevel=error >"$npm_log" 2>&1 &
npm_pid=$!

log=$(mktemp)
status=0
set +e
echo "==> building the desk and its tests"
dotnet build ServiceDesk.sln --nologo 2>&1 | tee "$log"
built=${PIPESTATUS[0]}
wait "$npm_pid"
npm_status=$?
cat "$npm_log"
rm -f "$npm_log"
if [ "$built" -ne 0 ] || [ "$npm_status" -ne 0 ]; then
  echo "tests: 0 passed, 0 failed (the build or npm ci failed)"
  exit 1
fi
# A test that hangs is named and the run ends, instead of CI's clock running out with nothing said.
hang="--blame-hang-timeout 10m --blame-hang-dump-type none"
echo "==> running the tests on SQLite"
dotnet test ServiceDesk.sln --nologo --no-build $hang 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
echo "==> running the HTTP and live tests again on PostgreSQL"
DESK_TEST_ENGINE=postgres dotnet test Desk.Tests --nologo --no-build $hang \
  --filter "FullyQualifiedName~Desk.Tests.Api|FullyQualifiedName~Desk.Tests.Live" 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e
# One closing line in the plain form CI reads: "N passed, N failed", both runs added up.
read -r passed failed < <(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
echo "tests: $passed passed, $failed failed"
rm -f "$log"
exit "$status"

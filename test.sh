#!/usr/bin/env bash
# Every test of the desk, on a fresh Debian machine with the .NET 10 SDK, Node and npm.
# Installs what the tests need (Debian chromium, the npm clients they drive), then runs them all.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Debian chromium for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

echo "==> installing the npm clients the tests drive (Desk.Tests/js)"
npm ci --prefix Desk.Tests/js --no-audit --no-fund --loglevel=error

echo "==> building and running the tests"
log=$(mktemp)
set +e
dotnet test ServiceDesk.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line in the plain form CI reads: "N passed, N failed".
summary=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  echo "tests: $passed passed, $failed failed"
fi
rm -f "$log"
exit "$status"

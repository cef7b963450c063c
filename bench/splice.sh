#!/usr/bin/env bash
# Puts a benchmark's report into docs/benchmarks.md as its own section, replacing that section's last run.
# Usage: bench/splice.sh <section> <report.md>   (section: api, classifier, ...; a new one goes before the history)
set -euo pipefail
section=$1 report=$2
doc=$(cd "$(dirname "$0")/.." && pwd)/docs/benchmarks.md
start="<!-- bench:$section:start -->" end="<!-- bench:$section:end -->"
[ -f "$doc" ] || printf '# Benchmarks\n\nEach section is written by the command it names; rerun it to refresh that section.\n' >"$doc"
tmp=$(mktemp)
if grep -qF "$start" "$doc"; then
  awk -v s="$start" -v e="$end" -v f="$report" '
    $0 == s { print; while ((getline line < f) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$doc" >"$tmp"
elif [ "$section" != history ] && grep -qF "<!-- bench:history:start -->" "$doc"; then
  # A new section goes before the history, which stays last.
  awk -v s="$start" -v e="$end" -v f="$report" '
    $0 == "<!-- bench:history:start -->" { print s; while ((getline line < f) > 0) print line; print e; print "" }
    { print }' "$doc" >"$tmp"
else
  { cat "$doc"; printf '\n%s\n' "$start"; cat "$report"; printf '%s\n' "$end"; } >"$tmp"
fi
mv "$tmp" "$doc"

#!/usr/bin/env bash
# Classifier benchmark (issue 3 point 7): ours vs scikit-learn and fastText on every shared dataset.
#   bash bench/classifier/run.sh
# Datasets: $SHARED_DIR/datasets/*/*.csv (or $SHARED_DIR/*/*.csv), SHARED_DIR defaulting to ../shared
# next to the repository.
# Work files: $BENCH_DIR (default ${TMPDIR:-/tmp}/desk-bench-classifier), outside the repository.
# Results: the classifier section of docs/benchmarks.md. CLASSIFIER_ROOT picks another checkout to build ours from.
# Installs python3-sklearn and fasttext from Debian when missing. Safe to re-run: each run starts afresh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=${SHARED_DIR:-$repo/../shared}
bench=${BENCH_DIR:-${TMPDIR:-/tmp}/desk-bench-classifier}
classifier_root=${CLASSIFIER_ROOT:-$repo}
report=$bench/report.md
python=/usr/bin/python3

install_peers() {
  if [ -x "$python" ] && "$python" -c 'import sklearn' 2> /dev/null && command -v fasttext > /dev/null; then
    return
  fi
  echo "installing python3-sklearn and fasttext from Debian" >&2
  local sudo=''
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-sklearn fasttext > /dev/null
}

install_peers
shopt -s nullglob
[ -d "$shared/datasets" ] && shared=$shared/datasets
datasets=("$shared"/*/*.csv)
[ ${#datasets[@]} -gt 0 ] || { echo "no datasets (*/*.csv) under $shared: set SHARED_DIR" >&2; exit 1; }

# Start afresh, but only ever wipe a folder this script made.
marker=$bench/.desk-bench-classifier
if [ -d "$bench" ] && [ -n "$(ls -A "$bench")" ] && [ ! -f "$marker" ]; then
  echo "$bench exists and is not a benchmark work folder; set BENCH_DIR elsewhere" >&2
  exit 1
fi
rm -rf "$bench"
mkdir -p "$bench"
touch "$marker"
cut -d' ' -f1-3 /proc/loadavg > "$bench/loadavg.start"
# A broken or missing ours still leaves the peers' table written; the exit status says it failed.
ours_failed=0 ours_built=1
echo "building Desk.Classifier (Release) in $classifier_root" >&2
dll=$classifier_root/Desk.Classifier/bin/Release/net10.0/Desk.Classifier.dll
if ! dotnet build -c Release "$classifier_root/Desk.Classifier" -nologo -v quiet > "$bench/build.log" 2>&1; then
  cat "$bench/build.log" >&2
  echo "Desk.Classifier did not build: ours is left out" >&2
  ours_failed=1 ours_built=0
fi

results=$bench/results.jsonl
for csv in "${datasets[@]}"; do
  name=$(basename "$csv" .csv)
  echo "== $name" >&2
  echo "   scikit-learn" >&2
  "$python" "$here/peers.py" "$name" "$csv" "$bench/$name/sklearn" | tee -a "$results" >&2
  echo "   fastText" >&2
  bash "$here/fasttext.sh" "$name" "$csv" "$bench/$name/fasttext" | tee -a "$results" >&2
  [ "$ours_built" -eq 1 ] || continue
  echo "   ours" >&2
  if ! bash "$here/ours.sh" "$name" "$csv" "$bench/$name/ours" "$dll" > "$bench/$name.ours.jsonl"; then
    echo "ours failed on $name" >&2
    ours_failed=1
  fi
  tee -a "$results" < "$bench/$name.ours.jsonl" >&2
done

# The shipped default model on our own held-out support sets (bench/classifier/support, never trained on).
if [ "$ours_built" -eq 1 ]; then
  for csv in "$here"/support/*.csv; do
    name=support/$(basename "$csv" .csv)
    echo "== $name (shipped default model)" >&2
    if ! bash "$here/ours-default.sh" "$name" "$csv" "$bench/$name" "$dll" > "$bench/${name//\//-}.jsonl"; then
      echo "ours failed on $name" >&2
      ours_failed=1
    fi
    tee -a "$results" < "$bench/${name//\//-}.jsonl" >&2
  done
fi

"$python" "$here/report.py" "$results" "$report" "$classifier_root"
"$repo/bench/splice.sh" classifier "$report"
echo "wrote the classifier section of docs/benchmarks.md" >&2
# Headline figures for the regression guard (bench/history.py).
if [ "$ours_built" -eq 1 ]; then
  "$python" - "$results" <<'EOF' | "$python" "$repo/bench/history.py" record classifier
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
def one(dataset, system):
    return next((r for r in rows if r["dataset"] == dataset and r["system"] == system), None)
for dataset in sorted({r["dataset"] for r in rows if not r["dataset"].startswith("support/")}):
    ours, fasttext = one(dataset, "ours (Desk.Classifier)"), one(dataset, "fastText")
    if ours:
        print(f"macro-F1, {dataset}\t{ours['macro_f1']:.4f}\tF1\thigher")
    if ours and fasttext:
        print(f"predictions/s ÷ fastText, {dataset}\t{ours['predictions_per_second'] / fasttext['predictions_per_second']:.2f}\tratio\thigher")
for r in rows:
    if r["dataset"].startswith("support/"):
        print(f"default model macro-F1, {r['dataset']}\t{r['macro_f1']:.4f}\tF1\thigher")
EOF
fi
exit "$ours_failed"

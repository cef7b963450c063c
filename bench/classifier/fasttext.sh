#!/usr/bin/env bash
# fastText 0.9.2 peer: `fasttext supervised` with word bigrams, tuned on the train split only.
#   bash fasttext.sh <dataset-name> <csv> <work-dir>
# Prints one JSON line. epoch and lr come from a small grid scored on a held-out tenth of the train split
# (every 10th line); the chosen setting is then trained on the whole train split and tested once.
# One thread throughout: deterministic, and fair beside the single-threaded peers.
set -euo pipefail

name=$1 csv=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
fixed=(-wordNgrams 2 -dim 50 -bucket 200000 -minCount 1 -thread 1 -seed 1 -verbose 0)
epochs=(5 10 25 50)
rates=(0.1 0.25 0.5 1.0)
timing_runs=5

mkdir -p "$work"
timing_lines=$("$python" "$here/dataset.py" fasttext-files "$csv" "$work")
awk -v out="$work" 'NR % 10 == 0 { print > (out "/valid.txt"); next } { print > (out "/fit.txt") }' "$work/train.txt"
cut -d' ' -f1 "$work/valid.txt" > "$work/valid.gold"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
json_field() { "$python" -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

best_f1=-1 best_epoch='' best_lr=''
for epoch in "${epochs[@]}"; do
  for lr in "${rates[@]}"; do
    fasttext supervised -input "$work/fit.txt" -output "$work/grid" -epoch "$epoch" -lr "$lr" "${fixed[@]}"
    fasttext predict "$work/grid.bin" "$work/valid.txt" > "$work/valid.pred"
    f1=$(json_field "$("$python" "$here/dataset.py" score "$work/valid.gold" "$work/valid.pred")" macro_f1)
    if awk -v a="$f1" -v b="$best_f1" 'BEGIN { exit !(a > b) }'; then
      best_f1=$f1 best_epoch=$epoch best_lr=$lr
    fi
  done
done
rm -f "$work/grid.bin" "$work/grid.vec"

started=$(now)
fasttext supervised -input "$work/train.txt" -output "$work/model" -epoch "$best_epoch" -lr "$best_lr" "${fixed[@]}"
train_seconds=$(elapsed "$started" "$(now)")

fasttext predict "$work/model.bin" "$work/test.txt" > "$work/test.pred"
fasttext test "$work/model.bin" "$work/test.txt" > "$work/test.fasttext-test.txt"
scores=$("$python" "$here/dataset.py" score "$work/test.gold" "$work/test.pred")

# Predictions/s without model load: the timing file (the test set repeated to >= 200k lines) minus a
# one-line run, which is load alone; best of a few runs each.
head -n 1 "$work/test.txt" > "$work/one.txt"
best_time() {
  local best=999999 started took
  for _ in $(seq "$timing_runs"); do
    started=$(now)
    fasttext predict "$work/model.bin" "$1" > /dev/null
    took=$(elapsed "$started" "$(now)")
    best=$(awk -v a="$took" -v b="$best" 'BEGIN { print (a < b ? a : b) }')
  done
  echo "$best"
}
load_seconds=$(best_time "$work/one.txt")
all_seconds=$(best_time "$work/timing.txt")
per_second=$(awk -v n="$timing_lines" -v a="$all_seconds" -v l="$load_seconds" 'BEGIN { printf "%.1f", n / (a - l) }')

"$python" - "$name" "$train_seconds" "$per_second" "$(stat -c %s "$work/model.bin")" \
  "$best_epoch" "$best_lr" "$scores" "$(wc -l < "$work/train.txt")" "$(wc -l < "$work/test.txt")" <<'EOF'
import json, sys
name, train_s, per_s, size, epoch, lr, scores, n_train, n_test = sys.argv[1:]
result = {"dataset": name, "train_rows": int(n_train), "test_rows": int(n_test),
          "system": "fastText", "train_seconds": float(train_s), "predictions_per_second": float(per_s),
          "model_bytes": int(size), "settings": f"epoch {epoch}, lr {lr} (grid on train split)"}
result.update(json.loads(scores))
print(json.dumps(result))
EOF

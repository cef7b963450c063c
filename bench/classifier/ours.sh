#!/usr/bin/env bash
# Desk.Classifier through its CLI (already built by run.sh; timings exclude the build).
#   bash ours.sh <dataset-name> <csv> <work-dir> <Desk.Classifier.dll>
# Prints two JSON lines: a model trained on the dataset's train split, and the shipped default model
# (trained on our seed corpus only), both scored on the test split.
set -euo pipefail

name=$1 csv=$2 work=$3 dll=$4
filter=(--data "$csv" --label-column mapped_label --skip-label unmapped --split-column split)

mkdir -p "$work"
dotnet "$dll" train "${filter[@]}" --split train --out "$work/model.bin" --name "bench-$name" \
  > "$work/train.out" 2> "$work/train.err" || { cat "$work/train.err" >&2; exit 1; }
dotnet "$dll" evaluate --model "$work/model.bin" "${filter[@]}" --split test \
  > "$work/evaluate.out" 2> "$work/evaluate.err" || { cat "$work/evaluate.err" >&2; exit 1; }
dotnet "$dll" evaluate "${filter[@]}" --split test \
  > "$work/default.out" 2> "$work/default.err" || { cat "$work/default.err" >&2; exit 1; }

/usr/bin/python3 - "$name" "$work" <<'EOF'
import json, os, re, sys
name, work = sys.argv[1:]

def field(file, key):
    text = open(os.path.join(work, file), encoding="utf-8").read()
    found = re.findall(rf"^{re.escape(key)}:\s*([0-9.eE+-]+)\s*$", text, re.M)
    if not found:
        raise SystemExit(f"ours: no '{key}:' line in {work}/{file}")
    return float(found[-1])

def examples(file):
    text = open(os.path.join(work, file), encoding="utf-8").read()
    found = re.findall(r"^([\d,]+) labelled examples", text, re.M)
    return int(found[-1].replace(",", "")) if found else None

trained = {"dataset": name, "system": "ours (Desk.Classifier)",
           "train_rows": examples("train.err"), "test_rows": examples("evaluate.err"),
           "train_seconds": field("train.out", "training seconds"),
           "predictions_per_second": field("evaluate.out", "predictions/s"),
           "microseconds_per_query": field("evaluate.out", "microseconds per query (pooled PredictionEngine, one thread)"),
           "calibration_error": field("evaluate.out", "calibration error (ECE)"),
           "model_bytes": os.path.getsize(os.path.join(work, "model.bin")),
           "macro_f1": field("evaluate.out", "macro-F1"), "accuracy": field("evaluate.out", "accuracy")}
seeds = re.findall(r"\(([\d,]+) seed examples\)", open(os.path.join(work, "default.err"), encoding="utf-8").read())
shipped = {"dataset": name, "system": "ours, shipped default model", "default_model": True,
           "test_rows": examples("default.err"),
           "seed_examples": int(seeds[-1].replace(",", "")) if seeds else None,
           "predictions_per_second": field("default.out", "predictions/s"),
           "microseconds_per_query": field("default.out", "microseconds per query (pooled PredictionEngine, one thread)"),
           "calibration_error": field("default.out", "calibration error (ECE)"),
           "macro_f1": field("default.out", "macro-F1"), "accuracy": field("default.out", "accuracy")}
print(json.dumps(trained))
print(json.dumps(shipped))
EOF

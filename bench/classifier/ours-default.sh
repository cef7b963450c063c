#!/usr/bin/env bash
# The shipped default model (seed corpus only) scored on one of our support sets (text,label,lang CSV).
#   bash ours-default.sh <set-name> <csv> <work-dir> <Desk.Classifier.dll>
# Prints one JSON line.
set -euo pipefail

name=$1 csv=$2 work=$3 dll=$4
mkdir -p "$work"
dotnet "$dll" evaluate --data "$csv" > "$work/default.out" 2> "$work/default.err" || { cat "$work/default.err" >&2; exit 1; }

/usr/bin/python3 - "$name" "$work" <<'PY'
import json, os, re, sys
name, work = sys.argv[1:]
out = open(os.path.join(work, "default.out"), encoding="utf-8").read()
err = open(os.path.join(work, "default.err"), encoding="utf-8").read()

def field(key):
    found = re.findall(rf"^{re.escape(key)}:\s*([0-9.eE+-]+)\s*$", out, re.M)
    if not found:
        raise SystemExit(f"ours-default: no '{key}:' line in {work}/default.out")
    return float(found[-1])

rows = re.findall(r"^([\d,]+) labelled examples", err, re.M)
seeds = re.findall(r"\(([\d,]+) seed examples\)", err)
print(json.dumps({"dataset": name, "system": "ours, shipped default model", "default_model": True, "support_set": True,
                  "test_rows": int(rows[-1].replace(",", "")) if rows else None,
                  "seed_examples": int(seeds[-1].replace(",", "")) if seeds else None,
                  "macro_f1": field("macro-F1"), "accuracy": field("accuracy"),
                  "calibration_error": field("calibration error (ECE)"),
                  "predictions_per_second": field("predictions/s"),
                  "microseconds_per_query": field("microseconds per query (pooled PredictionEngine, one thread)")}))
PY

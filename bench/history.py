#!/usr/bin/env python3
"""The benchmarks' regression guard (issue 13, point 6).

Every bench/*/run.sh ends by piping its headline figures here, one per line, tab-separated:

    <figure>\t<value>\t<unit>\t<higher|lower>      (which way is better)

    python3 bench/history.py record <bench> < figures.tsv
        appends them to bench/history.tsv (date, commit, bench, figure, value, unit, better) and rewrites
        the history section of docs/benchmarks.md (the last runs of every figure).
    python3 bench/history.py compare [--tolerance 10] [bench ...]
        compares each figure's latest run with the run before it; prints one line per figure and exits 1
        when one got worse by more than the tolerance (per cent). Timings on a shared machine move by tens
        of per cent between runs: compare runs made on a quiet machine.
"""
import argparse
import csv
import datetime
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HISTORY = os.path.join(REPO, "bench", "history.tsv")
COLUMNS = ["date", "commit", "bench", "figure", "value", "unit", "better"]
SHOWN_RUNS = 5


def read_history():
    if not os.path.exists(HISTORY):
        return []
    with open(HISTORY, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def commit():
    try:
        head = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        # The bench's own outputs (its section, this history) do not make the measured tree dirty.
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":!docs/benchmarks.md", ":!bench/history.tsv"], capture_output=True, text=True).stdout.strip()
        return head + ("+" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_figures(bench, lines):
    rows, now, at = [], datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"), commit()
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            sys.exit(f"history: line {number}: want figure, value, unit, higher|lower separated by tabs, got {line!r}")
        figure, value, unit, better = (p.strip() for p in parts)
        try:
            float(value)
        except ValueError:
            sys.exit(f"history: line {number}: {figure}: '{value}' is not a number")
        if better not in ("higher", "lower"):
            sys.exit(f"history: line {number}: {figure}: say 'higher' or 'lower' is better, not '{better}'")
        if not figure or any(c in figure for c in "|\t"):
            sys.exit(f"history: line {number}: a figure needs a name without '|' or tabs")
        rows.append(dict(date=now, commit=at, bench=bench, figure=figure, value=value, unit=unit, better=better))
    if not rows:
        sys.exit("history: no figures on standard input")
    return rows


def runs_by_figure(history):
    runs = {}
    for row in history:
        runs.setdefault((row["bench"], row["figure"]), []).append(row)
    return runs


def section(history):
    lines = [
        "# History of the headline figures",
        "",
        "Appended by every bench command (`python3 bench/history.py record`, raw rows in `bench/history.tsv`);",
        "`python3 bench/history.py compare` flags a figure that got worse since its previous run.",
        f"Last {SHOWN_RUNS} runs of each figure, newest last. Timings move with the machine's load: compare like with like.",
        "",
        "| bench | figure | better | runs (date · commit · value) |",
        "|---|---|---|---|",
    ]
    for (bench, figure), runs in sorted(runs_by_figure(history).items()):
        shown = " → ".join(f"{r['date'][:10]} · {r['commit']} · **{r['value']}** {r['unit']}" for r in runs[-SHOWN_RUNS:])
        lines.append(f"| {bench} | {figure} | {runs[-1]['better']} | {shown} |")
    return "\n".join(lines) + "\n"


def record(bench):
    rows = parse_figures(bench, sys.stdin.readlines())
    new_file = not os.path.exists(HISTORY)
    with open(HISTORY, "a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        if new_file:
            writer.writeheader()
        writer.writerows(rows)
    report = os.path.join(REPO, "bench", ".history-section.md")
    with open(report, "w", encoding="utf-8") as f:
        f.write(section(read_history()))
    subprocess.run(["bash", os.path.join(REPO, "bench", "splice.sh"), "history", report], check=True)
    os.remove(report)
    for row in rows:
        print(f"recorded {bench} {row['figure']} = {row['value']} {row['unit']} ({row['commit']})", file=sys.stderr)


def compare(benches, tolerance):
    worse = 0
    for (bench, figure), runs in sorted(runs_by_figure(read_history()).items()):
        if benches and bench not in benches:
            continue
        latest = runs[-1]
        if len(runs) < 2:
            print(f"{bench}\t{figure}\t{latest['value']}\t(first run)")
            continue
        before, now = float(runs[-2]["value"]), float(latest["value"])
        change = 0.0 if before == 0 else (now - before) / abs(before) * 100
        loss = -change if latest["better"] == "higher" else change
        verdict = "WORSE" if loss > tolerance else "ok"
        worse += verdict == "WORSE"
        print(f"{bench}\t{figure}\t{runs[-2]['value']} -> {latest['value']} {latest['unit']}\t{change:+.1f}%\t{verdict}")
    return 1 if worse else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record")
    rec.add_argument("bench")
    cmp_ = commands.add_parser("compare")
    cmp_.add_argument("--tolerance", type=float, default=10.0)
    cmp_.add_argument("benches", nargs="*")
    args = parser.parse_args()
    if args.command == "record":
        record(args.bench)
    else:
        sys.exit(compare(set(args.benches), args.tolerance))


if __name__ == "__main__":
    main()

"""Reading a shared dataset, scoring predictions, and writing fastText's input files.

Every system in the benchmark sees the same rows: the CSV's own `split` column, `mapped_label` as the gold
label, rows labelled `unmapped` dropped.

Subcommands (used by fasttext.sh):
  dataset.py fasttext-files <csv> <dir>     writes <dir>/{train,test,timing}.txt and <dir>/test.gold
  dataset.py score <gold-file> <pred-file>  prints {"macro_f1": .., "accuracy": ..} as JSON
"""
import csv
import json
import random
import re
import sys

LABEL_COLUMN = "mapped_label"
SPLIT_COLUMN = "split"
SKIP_LABEL = "unmapped"
# The timing file repeats the test set so that prediction time dwarfs model-load noise.
TIMING_MIN_LINES = 200_000
SHUFFLE_SEED = 20261123

# CJK ideographs stand alone (Chinese has no spaces, so characters are its tokens); other word
# characters form runs; each punctuation mark is its own token.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+|[^\w\s]")


def load(csv_path, split):
    """Returns (texts, labels) of one split, without unmapped rows."""
    csv.field_size_limit(sys.maxsize)
    texts, labels = [], []
    with open(csv_path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = {"text", LABEL_COLUMN, SPLIT_COLUMN} - set(reader.fieldnames or [])
        if missing:
            raise SystemExit(f"{csv_path}: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            if row[SPLIT_COLUMN] == split and row[LABEL_COLUMN] != SKIP_LABEL:
                texts.append(row["text"])
                labels.append(row[LABEL_COLUMN])
    if not texts:
        raise SystemExit(f"{csv_path}: no '{split}' rows with a mapped label")
    return texts, labels


def score(gold, predicted):
    """Macro-F1 over the gold label set (a predicted label outside it only costs recall) and accuracy."""
    if len(gold) != len(predicted):
        raise SystemExit(f"{len(gold)} gold labels but {len(predicted)} predictions")
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    correct = sum(1 for g, p in zip(gold, predicted) if g == p)
    return {"macro_f1": sum(f1s) / len(f1s), "accuracy": correct / len(gold)}


def fasttext_line(text):
    return " ".join(_TOKEN.findall(text.lower()))


def write_fasttext_files(csv_path, out_dir):
    for split in ("train", "test"):
        texts, labels = load(csv_path, split)
        lines = [f"__label__{label} {fasttext_line(text)}\n" for text, label in zip(texts, labels)]
        if split == "train":
            # The CSVs are sorted by label and fastText reads its input in order: unshuffled, the last
            # epochs see one class only.
            random.Random(SHUFFLE_SEED).shuffle(lines)
        with open(f"{out_dir}/{split}.txt", "w", encoding="utf-8") as stream:
            stream.writelines(lines)
    with open(f"{out_dir}/test.gold", "w", encoding="utf-8") as stream:
        stream.writelines(f"{label}\n" for label in labels)
    repeats = -(-TIMING_MIN_LINES // len(lines))
    with open(f"{out_dir}/timing.txt", "w", encoding="utf-8") as stream:
        stream.writelines(lines * repeats)
    print(len(lines) * repeats)


def _read_labels(path):
    with open(path, encoding="utf-8") as stream:
        return [line.strip().removeprefix("__label__") for line in stream]


def main(argv):
    if len(argv) == 3 and argv[0] == "fasttext-files":
        write_fasttext_files(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "score":
        print(json.dumps(score(_read_labels(argv[1]), _read_labels(argv[2]))))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

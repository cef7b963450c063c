"""scikit-learn peers: TF-IDF word 1-2-grams + char_wb 2-4-grams feeding LinearSVC, and LogisticRegression.

  /usr/bin/python3 peers.py <dataset-name> <csv> <work-dir>

Prints one JSON line per system. Runs on one thread (BLAS pinned below) so it compares fairly with the
other single-process systems. Hyper-parameters are fixed, the same for every dataset, and never tuned on test.
"""
import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import json  # noqa: E402
import pickle  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_pipeline, make_union  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

import dataset  # noqa: E402

TIMING_REPEATS = 5


def featurizer():
    return make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
    )


SYSTEMS = {
    "scikit-learn LinearSVC": lambda: LinearSVC(C=1.0, random_state=0),
    "scikit-learn LogisticRegression": lambda: LogisticRegression(C=10.0, max_iter=2000, random_state=0),
}


def measure(name, classifier, train, test, work_dir):
    pipeline = make_pipeline(featurizer(), classifier)
    started = time.perf_counter()
    pipeline.fit(*train)
    train_seconds = time.perf_counter() - started

    # Whole test set per call, raw text in (featurising included, as for every system); best of a few.
    best = float("inf")
    for _ in range(TIMING_REPEATS):
        started = time.perf_counter()
        predicted = pipeline.predict(test[0])
        best = min(best, time.perf_counter() - started)

    model_path = os.path.join(work_dir, name.split()[-1] + ".pickle")
    with open(model_path, "wb") as stream:
        pickle.dump(pipeline, stream, protocol=pickle.HIGHEST_PROTOCOL)

    result = {"system": name, "train_seconds": train_seconds,
              "predictions_per_second": len(test[0]) / best,
              "model_bytes": os.path.getsize(model_path)}
    result.update(dataset.score(test[1], list(predicted)))
    return result


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    name, csv_path, work_dir = argv
    os.makedirs(work_dir, exist_ok=True)
    train = dataset.load(csv_path, "train")
    test = dataset.load(csv_path, "test")
    for system, classifier in SYSTEMS.items():
        result = {"dataset": name, "train_rows": len(train[0]), "test_rows": len(test[0])}
        result.update(measure(system, classifier(), train, test, work_dir))
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

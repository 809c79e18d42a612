"""Does scikit-learn's HistGradientBoostingClassifier stop early on MNIST?

Issue 14 asked whether learnkit and scikit-learn stop at different
iterations on MNIST with `early_stopping="auto"` and `max_iter=100`. This
fits scikit-learn's model with exactly those settings on compare.py's
MNIST (pixels / 255, the rows learnkit reads) and prints `n_iter_`, the test
accuracy and the last validation scores. One thread; about 15 minutes.

    benches/compare/.venv/bin/python benches/compare/hgb_mnist_early_stopping.py
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402


def main() -> None:
    x, y, x_test, y_test = compare.load_mnist()
    with threadpool_limits(1):
        start = time.time()
        model = HistGradientBoostingClassifier(max_iter=100, random_state=0).fit(x, y)
        seconds = time.time() - start
    accuracy = float((model.predict(x_test) == y_test).mean())
    print(f"n_iter_ {model.n_iter_}  test accuracy {accuracy:.4f}  fit {seconds:.0f} s")
    print("last validation scores (negative log loss):", [round(float(v), 5) for v in model.validation_score_[-12:]])


if __name__ == "__main__":
    main()

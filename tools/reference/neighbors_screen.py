"""Reference neighbours for the f32-screened brute-force k-NN
(tests/fixtures/neighbors_screen.json).

Run from the repository root: python3 tools/reference/neighbors_screen.py
Versions pinned in tools/reference/requirements.txt.

learnkit screens the Euclidean k-NN of f64 rows with 32 features or more in
f32 and ranks the shortlist exactly; these cases check it against
scikit-learn's brute force where the answer is unambiguous yet full of ties:
digits' integer pixels (64 features, many equal distances, duplicated rows,
queries that are training rows), the same pixels / 16 (dyadic: every f64
distance is exact in both libraries, so scikit-learn's tie order by index is
the exact one) and continuous random rows (40 features, no ties).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.neighbors import NearestNeighbors

assert sklearn.__version__ == "1.9.1", sklearn.__version__

digits = load_digits().data  # integers 0..16, 64 features
train = np.vstack([digits[:400], digits[:30]])  # 30 duplicated rows
queries = np.vstack([digits[1000:1060], digits[:10], digits[395:405]])
rng = np.random.RandomState(16)
cont = rng.randn(300, 40) * rng.uniform(0.5, 3.0, 40)
cont_q = rng.randn(40, 40) * 2.0

sets = {"digits": (train, queries), "continuous": (cont, cont_q)}
cases = []
# The dyadic case is the digits set divided by 16 (the test divides too).
for name, data, divisor in [("digits", "digits", 1.0), ("digits_dyadic", "digits", 16.0), ("continuous", "continuous", 1.0)]:
    x, q = (a / divisor for a in sets[data])
    for k in (1, 5, 12):
        nn = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(x)
        dist, ind = nn.kneighbors(q)
        cases.append(
            {"name": name, "set": data, "divisor": divisor, "k": k, "distances": dist.tolist(), "indices": ind.tolist()}
        )

out = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "neighbors_screen.json")
with open(out, "w") as f:
    json.dump(
        {
            "sklearn": sklearn.__version__,
            "sets": {name: {"x": x.tolist(), "q": q.tolist()} for name, (x, q) in sets.items()},
            "cases": cases,
        },
        f,
    )

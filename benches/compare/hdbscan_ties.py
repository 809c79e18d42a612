"""scikit-learn's HDBSCAN on the `hdbscan` task's data, twice: as shipped
(the spanning tree's edges sorted by numpy's default, unstable `argsort`)
and with a stable sort, which is how learnkit orders edges of equal weight.
Prints the cluster counts and how many edges tie, and, given learnkit's
labels (one per line: `run.sh hdbscan` writes them), whether they are the
same partition as each.

    bash benches/compare/run.sh hdbscan
    benches/compare/.venv/bin/python benches/compare/hdbscan_ties.py \
        target/compare-data/hdbscan_X.bin target/compare-data/hdbscan_labels_learnkit.txt
"""

import sys
import warnings
from pathlib import Path

import numpy as np
import sklearn.cluster._hdbscan.hdbscan as hdbscan_module
from sklearn.cluster import HDBSCAN

sys.path.insert(0, str(Path(__file__).parent))
from compare import read_array  # noqa: E402

warnings.simplefilter("ignore", FutureWarning)


def clusters(labels: np.ndarray) -> int:
    return len(set(labels.tolist()) - {-1})


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    forward, backward = {}, {}
    return all(forward.setdefault(p, q) == q and backward.setdefault(q, p) == p for p, q in zip(a, b))


def main() -> None:
    x = read_array(Path(sys.argv[1]))
    tree = hdbscan_module._hdbscan_prims(x, algo="kd_tree", min_samples=5)
    _, counts = np.unique(tree["value"], return_counts=True)
    print(f"{len(tree)} spanning-tree edges, {counts[counts > 1].sum()} share their weight with another")
    shipped = HDBSCAN().fit(x).labels_

    def stable(mst):
        return hdbscan_module.make_single_linkage(mst[np.argsort(mst["distance"], kind="stable")])

    hdbscan_module._process_mst = stable
    stable_labels = HDBSCAN().fit(x).labels_
    print(f"scikit-learn as shipped: {clusters(shipped)} clusters; with a stable edge sort: {clusters(stable_labels)}")
    if len(sys.argv) > 2:
        ours = np.loadtxt(sys.argv[2], dtype=np.int64)
        print(f"learnkit: {clusters(ours)} clusters; the same partition as shipped: "
              f"{same_partition(ours, shipped)}, as the stable sort: {same_partition(ours, stable_labels)}")


if __name__ == "__main__":
    main()

"""The census models exported by `examples/onnx.rs`, scored in onnxruntime.

Usage: cargo run --release --example onnx -- DIR
       benches/compare/.venv/bin/python benches/compare/onnx_census.py DIR

For census_hgb.onnx and census_logistic.onnx: the ROC-AUC of the `>50K`
probability on Adult's 16,281 test rows in onnxruntime, against learnkit's
(the example wrote both its probabilities and its AUC), the largest
probability difference, and onnxruntime's latency: all rows in one call
(median of 7) and one row per call (median over the first 1,000 rows), on
2 intra-op threads (learnkit's pool is the machine's 2 cores).
Exits 1 when an AUC differs from learnkit's by more than 1e-6.
"""

import json
import pathlib
import sys
import time

import numpy as np
import onnxruntime as ort
from sklearn.metrics import roc_auc_score


def median_seconds(repeats, f):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/onnx-example")
    meta = json.loads((out / "adult_test.json").read_text())
    x = np.fromfile(out / "adult_test.f32", dtype=np.float32).reshape(meta["rows"], meta["columns"])
    y = np.array(meta["rich"])
    print(f"onnxruntime {ort.__version__}, {x.shape[0]} test rows")
    failed = False
    for name, key in [("census_hgb.onnx", "hgb"), ("census_logistic.onnx", "logistic")]:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        session = ort.InferenceSession(str(out / name), options, providers=["CPUExecutionProvider"])
        run = lambda rows: session.run(None, {"X": rows})
        _, maps = run(x)
        proba = np.array([m[">50K"] for m in maps])
        auc = roc_auc_score(y, proba)
        learnkit_auc = meta[f"{key}_auc"]
        diff = float(np.max(np.abs(proba - np.array(meta[f"{key}_proba"]))))
        batch = median_seconds(7, lambda: run(x))
        single = []
        for i in range(min(1000, x.shape[0])):
            row = x[i : i + 1]
            start = time.perf_counter()
            run(row)
            single.append(time.perf_counter() - start)
        ok = abs(auc - learnkit_auc) <= 1e-6
        failed |= not ok
        print(
            f"{name}: ROC-AUC {auc:.6f} (learnkit {learnkit_auc:.6f}, {'equal to 1e-6' if ok else 'DIFFERENT'}), "
            f"max |probability difference| {diff:.2e}; onnxruntime {batch * 1e3:.1f} ms for all rows, "
            f"{np.median(single) * 1e6:.1f} µs per single row"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""ONNX conformance: score every case the Rust tests wrote in onnxruntime.

Each case is `<name>.onnx` plus `<name>.json` (written by
`tests/onnx_conformance/`): the input rows, the graph's float type, and
learnkit's own outputs. For each case this script

1. runs `onnx.checker.check_model(full_check=True)` on the file,
2. scores the input in onnxruntime (the input cast to float32 or float64),
3. compares: labels equal; scores, probabilities and `variable` within the
   case's tolerance, `|onnx - learnkit| <= tol * max(1, |learnkit|)` (1e-5
   for float graphs, 1e-12 for double graphs); ZipMap outputs (a list of
   `{label: probability}` maps) are read in the case's class order; a
   clusterer's outputs (`outputs`: `label` equal, `scores` or
   `probabilities` within the tolerance) by name.

Usage: python tools/onnx/conformance.py CASES_DIR [--min-cases N]
Exits 1 on any failure, and when fewer than N cases were found (a Rust test
that stopped writing its cases must not pass silently).
"""

import argparse
import json
import pathlib
import sys

import numpy as np
import onnx
import onnxruntime as ort


def matrix(spec, dtype):
    data = [np.nan if v is None else v for v in spec["data"]]
    return np.array(data, dtype=np.float64).reshape(spec["shape"]).astype(dtype)


def compare(name, what, got, expected, tol):
    got = np.asarray(got, dtype=np.float64)
    if got.shape != expected.shape:
        return [f"{what}: shape {got.shape}, expected {expected.shape}"]
    both_nan = np.isnan(got) & np.isnan(expected)
    scale = np.maximum(1.0, np.abs(expected))
    diff = np.where(both_nan, 0.0, np.abs(got - expected) / scale)
    worst = float(np.nanmax(diff)) if diff.size else 0.0
    if np.isnan(diff).any() or worst > tol:
        i = np.unravel_index(np.nanargmax(np.nan_to_num(diff, nan=np.inf)), diff.shape)
        return [f"{what}: max relative difference {worst:.3g} > {tol:g} at {tuple(int(j) for j in i)}: onnxruntime {got[i]!r}, learnkit {expected[i]!r}"]
    return []


def run_case(json_path):
    case = json.loads(json_path.read_text())
    name = case["name"]
    model_path = json_path.with_suffix(".onnx")
    model = onnx.load(str(model_path))
    onnx.checker.check_model(model, full_check=True)
    dtype = np.float32 if case["dtype"] == "float32" else np.float64
    x = matrix(case["input"], dtype)
    session = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    outputs = dict(zip(names, session.run(None, {case["input_name"]: x})))
    tol = case["tolerance"]
    problems = []
    if "variable" in case:
        problems += compare(name, "variable", outputs["variable"], matrix(case["variable"], np.float64), tol)
    for what, spec in case.get("outputs", {}).items():  # a clusterer's label and scores
        exact = 0.0 if what == "label" else tol
        problems += compare(name, what, outputs[what], matrix(spec, np.float64), exact)
    if "output_label" in case:
        labels = list(outputs["output_label"])
        expected = case["output_label"]
        got = [v.item() if hasattr(v, "item") else v for v in labels]
        wrong = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
        if len(got) != len(expected) or wrong:
            i = wrong[0] if wrong else 0
            problems.append(f"labels: {len(wrong)} of {len(expected)} differ (row {i}: onnxruntime {got[i]!r}, learnkit {expected[i]!r})")
        proba = outputs["output_probability"]
        if case["zipmap"]:
            classes = case["classes"]
            proba = [[row[c] for c in classes] for row in proba]
        problems += compare(name, "output_probability", proba, matrix(case["output_probability"], np.float64), tol)
    return name, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases_dir", type=pathlib.Path)
    parser.add_argument("--min-cases", type=int, default=1)
    args = parser.parse_args()
    cases = sorted(args.cases_dir.glob("*.json"))
    print(f"onnx {onnx.__version__}, onnxruntime {ort.__version__}: {len(cases)} cases in {args.cases_dir}")
    failed = 0
    for path in cases:
        try:
            name, problems = run_case(path)
        except Exception as e:  # a checker or runtime failure is a failed case
            name, problems = path.stem, [f"{type(e).__name__}: {e}"]
        status = "ok" if not problems else "FAIL"
        print(f"{status:4} {name}")
        for p in problems:
            print(f"     {p}")
        failed += bool(problems)
    if len(cases) < args.min_cases:
        print(f"FAIL: {len(cases)} cases, expected at least {args.min_cases} (did `cargo test` write them?)")
        return 1
    if failed:
        print(f"FAIL: {failed} of {len(cases)} cases")
        return 1
    print(f"all {len(cases)} cases agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Creates benches/compare/.venv with the pinned reference stack
# (tools/reference/requirements.txt). Idempotent: a venv whose installed
# requirements already match the pin file is left alone, so run.sh can call
# this every time at no cost.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
requirements="$root/tools/reference/requirements.txt"
# The copy of the pin file the venv was built from: when it differs from the
# current one, the venv is out of date and is reinstalled.
stamp="$venv/.requirements.installed"

python="${PYTHON:-python3}"

if [[ -f "$stamp" ]] && cmp -s "$stamp" "$requirements"; then
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "setup: creating $venv" >&2
    "$python" -m venv "$venv"
fi

echo "setup: installing $(grep -cv '^\s*#' "$requirements") pinned packages from $requirements" >&2
"$venv/bin/python" -m pip install --quiet --upgrade pip
# threadpoolctl comes with scikit-learn; it caps BLAS/OpenMP threads in the driver.
"$venv/bin/python" -m pip install --quiet -r "$requirements"
"$venv/bin/python" -c "import sklearn, numpy, scipy, threadpoolctl, lightgbm; print('setup: scikit-learn', sklearn.__version__, 'numpy', numpy.__version__, 'scipy', scipy.__version__, 'lightgbm', lightgbm.__version__)" >&2
cp "$requirements" "$stamp"

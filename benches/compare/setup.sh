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

# python-glmnet (the second reference of the lasso tasks, issue 15) has no
# wheel for this Python on PyPI; it is built from its sdist with gfortran
# and numpy.distutils (still in numpy 2.x for Python < 3.12). Optional: when
# it cannot be built, the `lasso_path_glmnet` task reports it and the rest
# of the benchmarks are unaffected.
glmnet_version="2.2.1"
install_glmnet() {
    if "$venv/bin/python" -c "import glmnet" >/dev/null 2>&1; then
        return 0
    fi
    if ! command -v gfortran >/dev/null 2>&1; then
        if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
            apt-get install -y -q gfortran >/dev/null 2>&1 || true
        fi
    fi
    if ! command -v gfortran >/dev/null 2>&1; then
        echo "setup: gfortran not found; glmnet (task lasso_path_glmnet) not installed" >&2
        return 0
    fi
    echo "setup: building glmnet $glmnet_version from source (gfortran)" >&2
    "$venv/bin/python" -m pip install --quiet wheel "setuptools<70" \
        && "$venv/bin/python" -m pip install --quiet --no-build-isolation "glmnet==$glmnet_version" \
        || echo "setup: glmnet did not build; task lasso_path_glmnet unavailable" >&2
}

if [[ -f "$stamp" ]] && cmp -s "$stamp" "$requirements"; then
    install_glmnet
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
install_glmnet

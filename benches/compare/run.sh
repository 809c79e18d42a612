#!/usr/bin/env bash
# scikit-learn vs learnkit side by side on the same data and thread count.
#
#   bash benches/compare/run.sh [--threads N] [--repeats N] [task...]
#
# Tasks: scaler, logistic, forest, forest_digits, forest_target, forest_wide, forest_mnist,
# pca_cov, pca_full, pca_randomized, hgb, grid_search, svc, svc_mnist, svr, linear_svc,
# hgb_lightgbm, hgb_1m, hgb_1m_lightgbm, hgb_mnist, hgb_mnist_lightgbm, linear_regression, ridge,
# logistic_l1_adult, sgd_partial_fit, lasso_path, lasso_path_glmnet, lasso_cv, kmeans, kmeans_faiss, knn_mnist, kd_tree_3d,
# dbscan, hdbscan, gmm, pdp_hgb, treeshap_adult
# (default: all).
# Data goes to target/compare-data/ (reused between runs); the table is printed
# on stdout, the raw results are in target/compare-data/results.json. See
# benches/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

threads=2
for ((i = 1; i <= $#; i++)); do
    if [[ "${!i}" == "--threads" ]]; then
        j=$((i + 1))
        threads="${!j}"
    fi
done

bash "$here/setup.sh"

# Every pool capped before Python starts: BLAS and OpenMP read these at load
# time (threadpoolctl in the driver caps them again); rayon for learnkit.
export OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
export RAYON_NUM_THREADS="$threads"

# Build first, with its output visible, so the driver's timed runs start from
# a finished binary.
(cd "$root" && cargo bench --bench compare --no-run)

exec "$here/.venv/bin/python" "$here/compare.py" "$@"

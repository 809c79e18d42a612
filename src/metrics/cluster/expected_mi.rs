//! The expected mutual information of two random labelings with given
//! class and cluster sizes (the hypergeometric model of Vinh, Epps and
//! Bailey, 2010), for [`adjusted_mutual_info_score`](super::adjusted_mutual_info_score):
//! scikit-learn's `_expected_mutual_info_fast.pyx`, in `f64` with the
//! factorials in log space.

/// `E[MI]` for class sizes `a`, cluster sizes `b` and `n` samples: the sum,
/// over every cell and every count `n_ij` the margins allow, of
/// `n_ij / n · ln(n · n_ij / (a_i b_j))` times the hypergeometric
/// probability of that count.
pub(super) fn expected_mutual_information(a: &[u64], b: &[u64], n: u64) -> f64 {
    if a.len() == 1 || b.len() == 1 {
        return 0.0;
    }
    let n_f = n as f64;
    let log_n = n_f.ln();
    let ln_fact_n = ln_factorial(n);
    // Per-margin terms, computed once as scikit-learn does.
    let margin = |v: &[u64]| -> Vec<(f64, f64, f64)> {
        v.iter()
            .map(|&s| ((s as f64).ln(), ln_factorial(s), ln_factorial(n - s)))
            .collect()
    };
    let (terms_a, terms_b) = (margin(a), margin(b));
    let max_count = a.iter().chain(b).copied().max().unwrap_or(0);
    // Per-count terms: log(N · n_ij) and ln(n_ij!) + ln(N!).
    let per_count: Vec<(f64, f64)> = (0..=max_count)
        .map(|k| {
            let k = k.max(1);
            (log_n + (k as f64).ln(), ln_factorial(k) + ln_fact_n)
        })
        .collect();
    let mut emi = 0.0;
    for (&ai, &(log_a, gln_a, gln_na)) in a.iter().zip(&terms_a) {
        for (&bj, &(log_b, gln_b, gln_nb)) in b.iter().zip(&terms_b) {
            let start = (ai + bj).saturating_sub(n).max(1);
            let end = ai.min(bj);
            for nij in start..=end {
                let (log_nnij, gln_nnij) = per_count[nij as usize];
                let term1 = nij as f64 / n_f;
                let term2 = log_nnij - log_a - log_b;
                let gln = gln_a + gln_b + gln_na + gln_nb
                    - gln_nnij
                    - ln_factorial(ai - nij)
                    - ln_factorial(bj - nij)
                    - ln_factorial(n + nij - ai - bj);
                emi += term1 * term2 * gln.exp();
            }
        }
    }
    emi
}

/// `ln(k!)` (`lgamma(k + 1)`) to within a few units in the last place:
/// exactly rounded from the exact factorial for `k ≤ 20` (20! is exact in
/// `f64`), Stirling's series with six correction terms above (at
/// `x = k + 1 ≥ 22` the first omitted term is below 1e-17 relative).
pub(super) fn ln_factorial(k: u64) -> f64 {
    if k <= 20 {
        let exact: u64 = (1..=k).product();
        return (exact as f64).ln();
    }
    let x = (k + 1) as f64;
    let (x2, inv) = (x * x, 1.0 / x);
    let inv2 = 1.0 / x2;
    // Bernoulli terms B_2j / (2j (2j − 1) x^(2j − 1)), j = 1..6.
    let series = inv
        * (1.0 / 12.0
            - inv2
                * (1.0 / 360.0
                    - inv2
                        * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 * (1.0 / 1188.0 - inv2 * (691.0 / 360360.0))))));
    const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;
    (x - 0.5) * x.ln() - x + HALF_LN_2PI + series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_factorial_matches_the_exact_sum_of_logs() {
        for k in [0u64, 1, 2, 5, 20, 21, 22, 30, 100, 1000, 100_000] {
            let direct: f64 = (2..=k).map(|i| (i as f64).ln()).sum();
            let got = ln_factorial(k);
            assert!(
                (got - direct).abs() <= 1e-13 * direct.max(1.0),
                "{k}: {got} vs {direct}"
            );
        }
        assert_eq!(ln_factorial(0), 0.0);
        assert_eq!(ln_factorial(1), 0.0);
    }

    #[test]
    fn single_class_or_cluster_has_no_expected_information() {
        assert_eq!(expected_mutual_information(&[4], &[2, 2], 4), 0.0);
    }
}

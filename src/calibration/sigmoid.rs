//! Platt's sigmoid calibration, as scikit-learn 1.9's
//! `_sigmoid_calibration`: `P(positive | f) = 1 / (1 + exp(a f + b))`,
//! fitted by minimising the log loss against Platt's prior-corrected
//! targets.

/// `log(1 + exp(r))` without overflow.
fn log1pexp(r: f64) -> f64 {
    if r > 0.0 {
        r + (-r).exp().ln_1p()
    } else {
        r.exp().ln_1p()
    }
}

/// The logistic function `1 / (1 + exp(-r))` without overflow.
pub(super) fn expit(r: f64) -> f64 {
    if r >= 0.0 {
        1.0 / (1.0 + (-r).exp())
    } else {
        let e = r.exp();
        e / (1.0 + e)
    }
}

/// Fits `(a, b)` to the scores `f` of samples whose class is positive where
/// `positive` holds, with optional weights `w`.
///
/// As scikit-learn: scores are divided by their largest magnitude when that
/// reaches 30 (and `a` scaled back); the targets are
/// `(n₊ + 1) / (n₊ + 2)` for positives and `1 / (n₋ + 2)` for negatives
/// (Platt's correction, with weighted counts); the start is
/// `(0, ln((n₋ + 1) / (n₊ + 1)))`. scikit-learn stops L-BFGS-B at a
/// gradient of 1e-6; here Newton's method (the problem has two unknowns and
/// is strictly convex, the targets lying inside (0, 1)) runs to the
/// optimum, which scikit-learn's answer approaches within its tolerance.
pub(super) fn fit_sigmoid(f: &[f64], positive: &[bool], w: Option<&[f64]>) -> (f64, f64) {
    let weight = |i: usize| w.map_or(1.0, |w| w[i]);
    let max_abs = f.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let scale = if max_abs >= 30.0 { max_abs } else { 1.0 };
    let f: Vec<f64> = f.iter().map(|v| v / scale).collect();
    let (mut prior0, mut prior1) = (0.0, 0.0);
    for (i, &p) in positive.iter().enumerate() {
        if p {
            prior1 += weight(i);
        } else {
            prior0 += weight(i);
        }
    }
    let (t_pos, t_neg) = ((prior1 + 1.0) / (prior1 + 2.0), 1.0 / (prior0 + 2.0));
    let t: Vec<f64> = positive.iter().map(|&p| if p { t_pos } else { t_neg }).collect();

    let loss = |a: f64, b: f64| -> f64 {
        (0..f.len())
            .map(|i| {
                let r = -(a * f[i] + b);
                weight(i) * (log1pexp(r) - t[i] * r)
            })
            .sum()
    };
    let (mut a, mut b) = (0.0, ((prior0 + 1.0) / (prior1 + 1.0)).ln());
    let mut current = loss(a, b);
    for _ in 0..100 {
        // Gradient and Hessian in (a, b); r = -(a f + b).
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for i in 0..f.len() {
            let p = expit(-(a * f[i] + b));
            let g = weight(i) * (p - t[i]);
            let h = weight(i) * p * (1.0 - p);
            ga -= g * f[i];
            gb -= g;
            haa += h * f[i] * f[i];
            hab += h * f[i];
            hbb += h;
        }
        let det = haa * hbb - hab * hab;
        // Newton's step; a gradient step when the Hessian is singular (all
        // scores equal: only `a f + b` is determined).
        let (da, db) = if det > 1e-300 && det.is_finite() {
            (-(hbb * ga - hab * gb) / det, -(haa * gb - hab * ga) / det)
        } else {
            (-ga, -gb)
        };
        let slope = ga * da + gb * db;
        if slope >= 0.0 {
            break;
        }
        let mut step = 1.0;
        let next = loop {
            let candidate = loss(a + step * da, b + step * db);
            if candidate <= current + 1e-4 * step * slope || step < 1e-12 {
                break candidate;
            }
            step /= 2.0;
        };
        if next > current {
            break;
        }
        a += step * da;
        b += step * db;
        let moved = (step * da).abs().max((step * db).abs());
        current = next;
        if moved <= 1e-15 * (1.0 + a.abs().max(b.abs())) {
            break;
        }
    }
    (a / scale, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gradient_vanishes_at_the_fit() {
        let f = [-2.0, -1.0, -0.5, 0.0, 0.3, 1.0, 2.0, 2.5];
        let positive = [false, false, true, false, true, true, false, true];
        let (a, b) = fit_sigmoid(&f, &positive, None);
        let (t_pos, t_neg) = (5.0 / 6.0, 1.0 / 6.0);
        let (mut ga, mut gb) = (0.0, 0.0);
        for (fi, &p) in f.iter().zip(&positive) {
            let g = expit(-(a * fi + b)) - if p { t_pos } else { t_neg };
            ga -= g * fi;
            gb -= g;
        }
        assert!(ga.abs() < 1e-12 && gb.abs() < 1e-12, "{ga} {gb}");
        // Positives score higher: the sigmoid increases with f (a < 0).
        assert!(a < 0.0);
    }
}

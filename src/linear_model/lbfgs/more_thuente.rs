//! The Moré–Thuente line search (MINPACK-2's `dcsrch`/`dcstep`, as used by
//! L-BFGS-B and therefore by scipy and scikit-learn).
//!
//! It finds a step `stp > 0` along a descent direction that satisfies the
//! strong Wolfe conditions
//!
//! ```text
//! φ(stp) ≤ φ(0) + ftol · stp · φ'(0)        (sufficient decrease)
//! |φ'(stp)| ≤ gtol · |φ'(0)|                 (curvature)
//! ```
//!
//! by keeping an interval of uncertainty `[stx, sty]` and choosing trial steps
//! from cubic and quadratic interpolants of the function values and
//! derivatives at its ends (J. J. Moré and D. J. Thuente, "Line search
//! algorithms with guaranteed sufficient decrease", ACM TOMS 20(3), 1994).

/// Tolerances of the search; the defaults are L-BFGS-B's.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineSearchParams {
    /// Sufficient-decrease constant (Armijo), in (0, gtol).
    pub ftol: f64,
    /// Curvature constant, in (ftol, 1).
    pub gtol: f64,
    /// Relative width of the interval of uncertainty below which the search
    /// stops with a warning.
    pub xtol: f64,
    /// Smallest step allowed.
    pub stpmin: f64,
    /// Largest step allowed.
    pub stpmax: f64,
    /// Maximum number of function evaluations.
    pub max_evals: usize,
}

impl Default for LineSearchParams {
    fn default() -> Self {
        LineSearchParams {
            ftol: 1e-3,
            gtol: 0.9,
            xtol: 0.1,
            stpmin: 0.0,
            stpmax: 1e10,
            max_evals: 50,
        }
    }
}

/// How the search ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SearchStatus {
    /// The strong Wolfe conditions hold at the returned step.
    Converged,
    /// The search stopped early (rounding errors, interval too small, step at a
    /// bound); the returned step decreases the function but may not satisfy
    /// the curvature condition. L-BFGS-B accepts such steps too.
    Warning,
    /// No acceptable step was found: not a descent direction, the evaluation
    /// budget ran out, or the function value never decreased.
    Failed,
}

/// The outcome of a search: the last step evaluated and `φ`, `φ'` there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SearchResult {
    pub status: SearchStatus,
    pub stp: f64,
    pub f: f64,
    /// φ'(stp) (read by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub g: f64,
    pub n_evals: usize,
}

/// Searches along a direction: `phi(stp)` returns `(φ(stp), φ'(stp))` and must
/// leave the caller's state at that step (the last call is the returned step).
///
/// `finit` and `ginit` are `φ(0)` and `φ'(0)`; `stp` is the first trial step.
pub(crate) fn search(
    mut phi: impl FnMut(f64) -> (f64, f64),
    finit: f64,
    ginit: f64,
    mut stp: f64,
    params: &LineSearchParams,
) -> SearchResult {
    const XTRAPL: f64 = 1.1;
    const XTRAPU: f64 = 4.0;
    let LineSearchParams {
        ftol,
        gtol,
        xtol,
        stpmin,
        stpmax,
        max_evals,
    } = *params;
    let failed = |stp, f, g, n_evals| SearchResult {
        status: SearchStatus::Failed,
        stp,
        f,
        g,
        n_evals,
    };
    // Not a descent direction or a nonsensical first step: nothing to search.
    let descent = ginit < 0.0;
    let step_in_range = stp > stpmin && stp <= stpmax;
    if !descent || !step_in_range || !finit.is_finite() {
        return failed(0.0, finit, ginit, 0);
    }

    let mut brackt = false;
    let mut stage = 1;
    let gtest = ftol * ginit;
    let mut width = stpmax - stpmin;
    let mut width1 = 2.0 * width;
    // (stx, fx, gx): the best step so far; (sty, fy, gy): the other end of
    // the interval of uncertainty.
    let (mut stx, mut fx, mut gx) = (0.0f64, finit, ginit);
    let (mut sty, mut fy, mut gy) = (0.0f64, finit, ginit);
    let mut stmin = 0.0;
    let mut stmax = stp + XTRAPU * stp;
    let mut n_evals = 0;

    loop {
        let (f, g) = phi(stp);
        n_evals += 1;

        // An overflowing trial step: retreat towards the best step so far.
        // MINPACK does not guard against this; the objective of a logistic
        // loss cannot overflow, but a user-facing minimiser should not loop.
        if !f.is_finite() || !g.is_finite() {
            if n_evals >= max_evals {
                return failed(stp, f, g, n_evals);
            }
            brackt = true;
            sty = stp;
            fy = f64::INFINITY;
            gy = f64::INFINITY;
            stmin = stx.min(sty);
            stmax = stx.max(sty);
            stp = stx + 0.5 * (stp - stx);
            continue;
        }

        let ftest = finit + stp * gtest;
        if stage == 1 && f <= ftest && g >= 0.0 {
            stage = 2;
        }

        // Convergence: the strong Wolfe conditions.
        if f <= ftest && g.abs() <= gtol * (-ginit) {
            return SearchResult {
                status: SearchStatus::Converged,
                stp,
                f,
                g,
                n_evals,
            };
        }
        // Warnings: the search cannot make progress. The current point is
        // returned only if it does not increase the function.
        let warning = (brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax))
            || (stp == stpmax && f <= ftest && g <= gtest)
            || (stp == stpmin && (f > ftest || g >= gtest));
        if warning || n_evals >= max_evals {
            // A warning at the start point (stp = stx = 0) is no progress.
            let status = if warning && f <= finit && stp > 0.0 {
                SearchStatus::Warning
            } else {
                SearchStatus::Failed
            };
            return SearchResult {
                status,
                stp,
                f,
                g,
                n_evals,
            };
        }

        // In the first stage, while the sufficient decrease condition does not
        // yet hold in the right way, work on the modified function
        // ψ(stp) = φ(stp) − φ(0) − stp·gtest, as the paper prescribes.
        if stage == 1 && f <= fx && f > ftest {
            let fm = f - stp * gtest;
            let mut fxm = fx - stx * gtest;
            let mut fym = fy - sty * gtest;
            let gm = g - gtest;
            let mut gxm = gx - gtest;
            let mut gym = gy - gtest;
            step(
                (&mut stx, &mut fxm, &mut gxm),
                (&mut sty, &mut fym, &mut gym),
                (&mut stp, fm, gm),
                &mut brackt,
                stmin,
                stmax,
            );
            fx = fxm + stx * gtest;
            fy = fym + sty * gtest;
            gx = gxm + gtest;
            gy = gym + gtest;
        } else {
            step(
                (&mut stx, &mut fx, &mut gx),
                (&mut sty, &mut fy, &mut gy),
                (&mut stp, f, g),
                &mut brackt,
                stmin,
                stmax,
            );
        }

        // Force a sufficient shrinking of the interval of uncertainty.
        if brackt {
            if (sty - stx).abs() >= 0.66 * width1 {
                stp = stx + 0.5 * (sty - stx);
            }
            width1 = width;
            width = (sty - stx).abs();
            stmin = stx.min(sty);
            stmax = stx.max(sty);
        } else {
            stmin = stp + XTRAPL * (stp - stx);
            stmax = stp + XTRAPU * (stp - stx);
        }
        if !stp.is_finite() {
            // A degenerate interpolant (0/0); fall back to bisection.
            stp = if brackt { stx + 0.5 * (sty - stx) } else { stmax };
        }
        stp = stp.clamp(stpmin, stpmax);
        // If further progress is impossible, let the next evaluation be the
        // best point so far (it then ends with a warning).
        if brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax) {
            stp = stx;
        }
    }
}

/// One safeguarded step of the interval update (MINPACK-2's `dcstep`).
///
/// `x` is the best step so far, `y` the other end of the interval, `p` the
/// current trial step with its value and derivative; on return `p.0` holds
/// the next trial step and the interval is updated.
fn step(
    x: (&mut f64, &mut f64, &mut f64),
    y: (&mut f64, &mut f64, &mut f64),
    p: (&mut f64, f64, f64),
    brackt: &mut bool,
    stpmin: f64,
    stpmax: f64,
) {
    let (stx, fx, dx) = x;
    let (sty, fy, dy) = y;
    let (stp, fp, dp) = p;
    let sgnd = dp * (*dx / dx.abs());
    // The cubic's discriminant can go slightly negative through rounding;
    // clamping it at zero (MINPACK does so only in case 3) avoids a NaN step.
    let cubic_gamma = |theta: f64, da: f64, db: f64| {
        let s = theta.abs().max(da.abs()).max(db.abs());
        s * ((theta / s).powi(2) - (da / s) * (db / s)).max(0.0).sqrt()
    };

    let stpf = if fp > *fx {
        // Case 1: a higher function value; the minimum is bracketed. Take the
        // cubic step if it is closer to stx than the quadratic one, else the
        // average of both.
        let theta = 3.0 * (*fx - fp) / (*stp - *stx) + *dx + dp;
        let mut gamma = cubic_gamma(theta, *dx, dp);
        if *stp < *stx {
            gamma = -gamma;
        }
        let p = (gamma - *dx) + theta;
        let q = ((gamma - *dx) + gamma) + dp;
        let stpc = *stx + (p / q) * (*stp - *stx);
        let stpq = *stx + ((*dx / ((*fx - fp) / (*stp - *stx) + *dx)) / 2.0) * (*stp - *stx);
        *brackt = true;
        if (stpc - *stx).abs() < (stpq - *stx).abs() {
            stpc
        } else {
            stpc + (stpq - stpc) / 2.0
        }
    } else if sgnd < 0.0 {
        // Case 2: lower value, derivatives of opposite sign; bracketed. Take
        // the cubic or the secant step, whichever is farther from stp.
        let theta = 3.0 * (*fx - fp) / (*stp - *stx) + *dx + dp;
        let mut gamma = cubic_gamma(theta, *dx, dp);
        if *stp > *stx {
            gamma = -gamma;
        }
        let p = (gamma - dp) + theta;
        let q = ((gamma - dp) + gamma) + *dx;
        let stpc = *stp + (p / q) * (*stx - *stp);
        let stpq = *stp + (dp / (dp - *dx)) * (*stx - *stp);
        *brackt = true;
        if (stpc - *stp).abs() > (stpq - *stp).abs() {
            stpc
        } else {
            stpq
        }
    } else if dp.abs() < dx.abs() {
        // Case 3: lower value, same-sign derivatives, and the derivative's
        // magnitude decreases. The cubic step is used only if it goes in the
        // right direction.
        let theta = 3.0 * (*fx - fp) / (*stp - *stx) + *dx + dp;
        let mut gamma = cubic_gamma(theta, *dx, dp);
        if *stp > *stx {
            gamma = -gamma;
        }
        let p = (gamma - dp) + theta;
        let q = (gamma + (*dx - dp)) + gamma;
        let r = p / q;
        let stpc = if r < 0.0 && gamma != 0.0 {
            *stp + r * (*stx - *stp)
        } else if *stp > *stx {
            stpmax
        } else {
            stpmin
        };
        let stpq = *stp + (dp / (dp - *dx)) * (*stx - *stp);
        if *brackt {
            // Take the step closer to stp, but stay inside the interval.
            let stpf = if (stpc - *stp).abs() < (stpq - *stp).abs() {
                stpc
            } else {
                stpq
            };
            if *stp > *stx {
                stpf.min(*stp + 0.66 * (*sty - *stp))
            } else {
                stpf.max(*stp + 0.66 * (*sty - *stp))
            }
        } else {
            // Take the step farther from stp (extrapolation), within bounds.
            let stpf = if (stpc - *stp).abs() > (stpq - *stp).abs() {
                stpc
            } else {
                stpq
            };
            stpf.clamp(stpmin, stpmax)
        }
    } else {
        // Case 4: lower value, same-sign derivatives, and the derivative's
        // magnitude does not decrease: minimise the cubic through stp and sty
        // if bracketed, else go to a bound.
        if *brackt && !(fy.is_finite() && dy.is_finite()) {
            // The far end is an overflowing step (see `search`): bisect.
            *stp + 0.5 * (*sty - *stp)
        } else if *brackt {
            let theta = 3.0 * (fp - *fy) / (*sty - *stp) + *dy + dp;
            let mut gamma = cubic_gamma(theta, *dy, dp);
            if *stp > *sty {
                gamma = -gamma;
            }
            let p = (gamma - dp) + theta;
            let q = ((gamma - dp) + gamma) + *dy;
            *stp + (p / q) * (*sty - *stp)
        } else if *stp > *stx {
            stpmax
        } else {
            stpmin
        }
    };

    // Update the interval that contains a minimiser.
    if fp > *fx {
        *sty = *stp;
        *fy = fp;
        *dy = dp;
    } else {
        if sgnd < 0.0 {
            *sty = *stx;
            *fy = *fx;
            *dy = *dx;
        }
        *stx = *stp;
        *fx = fp;
        *dx = dp;
    }
    *stp = stpf;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the search on `phi` from `stp0` and checks the strong Wolfe
    /// conditions at the result.
    fn check_wolfe(phi: impl Fn(f64) -> (f64, f64), stp0: f64, params: &LineSearchParams) -> SearchResult {
        let (f0, g0) = phi(0.0);
        let result = search(&phi, f0, g0, stp0, params);
        assert_eq!(result.status, SearchStatus::Converged, "{result:?}");
        let (f, g) = phi(result.stp);
        assert_eq!((f, g), (result.f, result.g));
        assert!(
            f <= f0 + params.ftol * result.stp * g0,
            "sufficient decrease: {result:?}"
        );
        assert!(g.abs() <= params.gtol * g0.abs(), "curvature: {result:?}");
        result
    }

    // The test functions of Moré and Thuente (1994), section 5, with their
    // tolerances; every starting step must end at a strong Wolfe point.
    #[test]
    fn more_thuente_test_functions_satisfy_strong_wolfe() {
        let starts = [1e-3, 1e-1, 1e1, 1e3];
        // The paper's tolerances: (ftol, gtol) = (1e-3, 0.1) for function 1,
        // (0.1, 0.1) for functions 2 and 3, and a small xtol (L-BFGS-B's 0.1
        // would stop function 2's search on the width of the interval).
        let paper = |ftol| LineSearchParams {
            ftol,
            gtol: 0.1,
            xtol: 1e-10,
            ..LineSearchParams::default()
        };
        // Function 1: φ(a) = −a / (a² + β), β = 2.
        let f1 = |a: f64| {
            let b = 2.0;
            (-a / (a * a + b), (a * a - b) / (a * a + b).powi(2))
        };
        // Function 2: φ(a) = (a + β)^5 − 2 (a + β)^4, β = 0.004.
        let f2 = |a: f64| {
            let b = 0.004;
            let t = a + b;
            (t.powi(5) - 2.0 * t.powi(4), 5.0 * t.powi(4) - 8.0 * t.powi(3))
        };
        // Function 3: φ(a) = φ0(a) + 2(1 − β)/(lπ) sin(lπa/2), β = 0.01, l = 39,
        // with φ0 piecewise: 1 − a (a ≤ 1 − β), (a − 1)²/(2β) + β/2 (|a−1| < β),
        // a − 1 (a ≥ 1 + β).
        let f3 = |a: f64| {
            let (b, l) = (0.01, 39.0);
            let pi = std::f64::consts::PI;
            let (p0, d0) = if a <= 1.0 - b {
                (1.0 - a, -1.0)
            } else if a >= 1.0 + b {
                (a - 1.0, 1.0)
            } else {
                ((a - 1.0).powi(2) / (2.0 * b) + b / 2.0, (a - 1.0) / b)
            };
            (
                p0 + 2.0 * (1.0 - b) / (l * pi) * (l * pi * a / 2.0).sin(),
                d0 + (1.0 - b) * (l * pi * a / 2.0).cos(),
            )
        };
        for &s in &starts {
            check_wolfe(f1, s, &paper(1e-3));
            check_wolfe(f2, s, &paper(0.1));
            check_wolfe(f3, s, &paper(0.1));
        }
        // With L-BFGS-B's looser curvature constant as well.
        for &s in &starts {
            check_wolfe(f1, s, &LineSearchParams::default());
        }
    }

    #[test]
    fn quadratic_with_exact_first_step_converges_at_once() {
        // φ(a) = (a − 1)²: the unit step is the minimiser.
        let phi = |a: f64| ((a - 1.0).powi(2), 2.0 * (a - 1.0));
        let result = check_wolfe(phi, 1.0, &LineSearchParams::default());
        assert_eq!(result.n_evals, 1);
        assert_eq!(result.stp, 1.0);
    }

    #[test]
    fn ascent_direction_fails_without_evaluating() {
        let phi = |a: f64| (a, 1.0);
        let result = search(phi, 0.0, 1.0, 1.0, &LineSearchParams::default());
        assert_eq!(result.status, SearchStatus::Failed);
        assert_eq!(result.n_evals, 0);
    }

    #[test]
    fn overflowing_trial_steps_retreat() {
        // Finite only for a < 10; minimum at a = 5.
        let phi = |a: f64| {
            if a < 10.0 {
                ((a - 5.0).powi(2), 2.0 * (a - 5.0))
            } else {
                (f64::INFINITY, f64::NAN)
            }
        };
        let result = check_wolfe(phi, 1000.0, &LineSearchParams::default());
        assert!(result.stp < 10.0);
    }
}

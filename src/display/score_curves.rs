//! What [`LearningCurveDisplay`](super::LearningCurveDisplay) and
//! [`ValidationCurveDisplay`](super::ValidationCurveDisplay) share, as
//! scikit-learn's `_BaseCurveDisplay`: the choice of scores, the mean ± one
//! standard deviation per point, the x-scale, and the drawing.

use super::{Axes, Band, Figure, LegendLoc, Line, tab10};
use ndarray::{Array2, Axis};

/// Which scores a curve display draws (scikit-learn's `score_type`).
///
/// # Example
/// ```
/// use learnkit::display::ScoreType;
/// assert_eq!(ScoreType::default(), ScoreType::Both);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ScoreType {
    /// The training scores only.
    Train,
    /// The test scores only.
    Test,
    /// Both (the default).
    #[default]
    Both,
}

/// How a curve display shows the spread over folds (scikit-learn's
/// `std_display_style`).
///
/// # Example
/// ```
/// use learnkit::display::StdDisplayStyle;
/// assert_eq!(StdDisplayStyle::default(), StdDisplayStyle::FillBetween);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StdDisplayStyle {
    /// A translucent band from mean − std to mean + std (the default).
    #[default]
    FillBetween,
    /// Error bars of ± one standard deviation at each point.
    ErrorBar,
    /// The mean line only.
    None,
}

/// One drawn line: its legend label and per-point mean and standard
/// deviation over the folds (NumPy's `std`, ddof 0).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ScoreLine {
    pub label: &'static str,
    pub mean: Vec<f64>,
    pub std: Vec<f64>,
}

/// The lines `score_type` selects, with the scores negated when asked
/// (scikit-learn's `negate_score`, for `neg_*` scorers).
pub(crate) fn score_lines(
    train: &Array2<f64>,
    test: &Array2<f64>,
    score_type: ScoreType,
    negate: bool,
) -> Vec<ScoreLine> {
    let line = |label: &'static str, scores: &Array2<f64>| {
        let sign = if negate { -1.0 } else { 1.0 };
        let mut mean = Vec::with_capacity(scores.nrows());
        let mut std = Vec::with_capacity(scores.nrows());
        for row in scores.axis_iter(Axis(0)) {
            let n = row.len().max(1) as f64;
            let m = row.iter().map(|v| sign * v).sum::<f64>() / n;
            let var = row.iter().map(|v| (sign * v - m).powi(2)).sum::<f64>() / n;
            mean.push(m);
            std.push(var.sqrt());
        }
        ScoreLine { label, mean, std }
    };
    match score_type {
        ScoreType::Train => vec![line("Train", train)],
        ScoreType::Test => vec![line("Test", test)],
        ScoreType::Both => vec![line("Train", train), line("Test", test)],
    }
}

/// scikit-learn's choice of x-scale: logarithmic when the largest gap
/// between consecutive sorted x values is more than 5 times the smallest
/// (`_interval_max_min_ratio(x) > 5`) and every x is positive (scikit-learn
/// then uses `symlog`, which learnkit draws linearly).
pub(crate) fn log_x_scale(x: &[f64]) -> bool {
    if x.len() < 3 || x.iter().any(|&v| !(v > 0.0 && v.is_finite())) {
        return false;
    }
    let mut sorted = x.to_vec();
    sorted.sort_by(f64::total_cmp);
    let gaps: Vec<f64> = sorted.windows(2).map(|w| w[1] - w[0]).collect();
    let max = gaps.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = gaps.iter().copied().fold(f64::INFINITY, f64::min);
    max / min > 5.0
}

/// `10⁻³`: a power of ten with a superscript exponent (DejaVu Sans has the
/// glyphs), matplotlib's log-axis tick label.
fn power_of_ten(exponent: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = exponent
        .unsigned_abs()
        .to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect();
    format!("10{}{digits}", if exponent < 0 { "⁻" } else { "" })
}

/// The ticks of a logarithmic axis drawn in log10 units: every power of ten
/// within the range (at least the two around it).
fn log_ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    let (first, last) = (lo.floor() as i32, hi.ceil() as i32);
    let step = ((last - first) / 8).max(1);
    (first..=last)
        .step_by(step as usize)
        .map(|e| (f64::from(e), power_of_ten(e)))
        .collect()
}

/// Draws the lines of [`score_lines`] against `x` with their spread (a
/// band at alpha 0.5, or error bars), a legend, and the axis labels; a
/// logarithmic x-axis when [`log_x_scale`] says so (the points are placed
/// at log10(x) with power-of-ten ticks).
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_score_curves(
    x: &[f64],
    train: &Array2<f64>,
    test: &Array2<f64>,
    score_type: ScoreType,
    style: StdDisplayStyle,
    negate: bool,
    xlabel: &str,
    ylabel: &str,
) -> Figure {
    let log = log_x_scale(x);
    let xs: Vec<f64> = if log {
        x.iter().map(|v| v.log10()).collect()
    } else {
        x.to_vec()
    };
    let mut axes = Axes::new().xlabel(xlabel).ylabel(ylabel).legend(LegendLoc::Best);
    if log {
        let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        axes = axes.xticks(log_ticks(lo, hi));
    }
    for (i, line) in score_lines(train, test, score_type, negate).into_iter().enumerate() {
        let color = tab10(i);
        let low: Vec<f64> = line.mean.iter().zip(&line.std).map(|(m, s)| m - s).collect();
        let high: Vec<f64> = line.mean.iter().zip(&line.std).map(|(m, s)| m + s).collect();
        match style {
            StdDisplayStyle::FillBetween => {
                axes.band(Band::new(xs.clone(), low, high).color(color).alpha(0.5));
            }
            StdDisplayStyle::ErrorBar => {
                for ((&x, &lo), &hi) in xs.iter().zip(&low).zip(&high) {
                    axes.line(Line::new(vec![x, x], vec![lo, hi]).color(color));
                }
            }
            StdDisplayStyle::None => {}
        }
        axes.line(Line::new(xs.clone(), line.mean).color(color).label(line.label));
    }
    Figure::from_axes(axes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn lines_hold_the_mean_and_population_std() {
        let train = array![[1.0, 3.0], [2.0, 2.0]];
        let test = array![[0.0, 1.0], [1.0, 1.0]];
        let lines = score_lines(&train, &test, ScoreType::Both, false);
        assert_eq!(lines[0].mean, vec![2.0, 2.0]);
        assert_eq!(lines[0].std, vec![1.0, 0.0]);
        assert_eq!(lines[1].label, "Test");
        assert_eq!(
            score_lines(&train, &test, ScoreType::Train, true)[0].mean,
            vec![-2.0, -2.0]
        );
    }

    #[test]
    fn log_ticks_are_powers_of_ten() {
        assert_eq!(power_of_ten(-3), "10⁻³");
        assert_eq!(power_of_ten(12), "10¹²");
        let ticks = log_ticks(-3.0, 3.0);
        assert_eq!(ticks.len(), 7);
        assert_eq!(ticks[0], (-3.0, "10⁻³".to_string()));
    }

    #[test]
    fn log_scale_for_spread_out_points() {
        assert!(log_x_scale(&[0.001, 0.01, 0.1, 1.0]));
        assert!(!log_x_scale(&[1.0, 2.0, 3.0, 4.5]));
        assert!(!log_x_scale(&[-1.0, 0.01, 0.1, 10.0]));
    }
}

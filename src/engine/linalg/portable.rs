//! The hand loops in portable Rust, for any `Real`: written so that the compiler vectorises
//! them for whatever the code is compiled for (SSE2, AVX2 with FMA, wasm SIMD): independent
//! accumulators, kept in registers. `K::FMA` rounds each multiply-add once.

use super::Kernel;
use crate::engine::real::Real;

/// `at_b_row_blocks`' loops: C's rows r0..r0 + 4 and columns c0..c0 + B at a time by `block`
/// (which writes Σ_t A[t, r0 + i] B[t, c0 + j] into `rows`, those 4 rows of C), then each
/// row's last columns one at a time; returns the first row not done.
#[inline(always)]
pub(super) fn at_b_rows<R: Real, K: Kernel, const B: usize>(
    a: &[R],
    b: &[R],
    c: &mut [R],
    g: usize,
    n: usize,
    block: impl Fn(usize, usize, &mut [R]),
) -> usize {
    let mut r0 = 0;
    while r0 + 4 <= g {
        let rows = &mut c[r0 * n..(r0 + 4) * n];
        let mut c0 = 0;
        while c0 + B <= n {
            block(r0, c0, rows);
            c0 += B;
        }
        for (i, row) in rows.chunks_exact_mut(n).enumerate() {
            add_matvec_t_columns::<R, K>(b, a.chunks_exact(g).map(|a_t| a_t[r0 + i]), row, c0);
        }
        r0 += 4;
    }
    r0
}

/// `add_matvec_t` for the columns from `c0` on, in whole blocks of `B`, with the a_r from `a`
/// (a vector's, or a column's of a matrix); returns where it stopped.
#[inline(always)]
pub(super) fn add_matvec_t_blocks<R: Real, K: Kernel, const B: usize>(
    m: &[R],
    a: impl Iterator<Item = R> + Clone,
    y: &mut [R],
    mut c0: usize,
) -> usize {
    let n = y.len();
    while c0 + B <= n {
        let mut acc = [R::ZERO; B];
        acc.copy_from_slice(&y[c0..c0 + B]);
        for (row, ar) in m.chunks_exact(n).zip(a.clone()) {
            let row = &row[c0..c0 + B];
            for i in 0..B {
                acc[i] = madd::<R, K>(ar, row[i], acc[i]);
            }
        }
        y[c0..c0 + B].copy_from_slice(&acc);
        c0 += B;
    }
    c0
}

/// `add_matvec_t` for the columns from `c0` on, one at a time, with the a_r from `a`.
#[inline(always)]
pub(super) fn add_matvec_t_columns<R: Real, K: Kernel>(m: &[R], a: impl Iterator<Item = R>, y: &mut [R], c0: usize) {
    let n = y.len();
    if c0 < n {
        for (row, ar) in m.chunks_exact(n).zip(a) {
            for (yi, &w) in y[c0..].iter_mut().zip(&row[c0..]) {
                *yi = madd::<R, K>(ar, w, *yi);
            }
        }
    }
}

/// x w + acc, fused (one rounding) with `K::FMA`.
#[inline(always)]
pub(super) fn madd<R: Real, K: Kernel>(x: R, w: R, acc: R) -> R {
    if K::FMA {
        x.mul_add(w, acc)
    } else {
        acc + x * w
    }
}

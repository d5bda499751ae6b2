//! The few vector kernels the cells need, written so the compiler vectorises them
//! (SSE/AVX natively, simd128 in wasm): independent accumulators for dot products,
//! plain element-wise loops for the rest.

use crate::real::Real;

/// Σ a_i b_i, with 8 independent partial sums so the loop vectorises.
#[inline(always)]
pub fn dot<R: Real>(a: &[R], b: &[R]) -> R {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [R::ZERO; 8];
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    let mut tail = R::ZERO;
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        tail += *x * *y;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// y += α x
#[inline(always)]
pub fn axpy<R: Real>(alpha: R, x: &[R], y: &mut [R]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += alpha * *xi;
    }
}

/// y += Mᵀ a, i.e. y_c += Σ_r a_r M[r, c], with M row-major [a.len(), y.len()]: the serial
/// recurrence's matrix-vector product (a matrix product cannot batch it: each step needs the
/// last). The columns go in blocks whose accumulators stay in registers, as many as hide the
/// latency of an add: 8 vectors of 8 lanes with AVX2 (blocks of 64), 8 of 4 lanes otherwise
/// (blocks of 32); then blocks of 16, then one column at a time. `FMA` rounds each
/// multiply-add once, for code compiled with FMA instructions.
#[inline(always)]
pub fn add_matvec_t<R: Real, const FMA: bool>(m: &[R], a: &[R], y: &mut [R]) {
    let mut c0 = 0;
    if FMA {
        c0 = add_matvec_t_blocks::<R, FMA, 64>(m, a, y, c0);
    }
    c0 = add_matvec_t_blocks::<R, FMA, 32>(m, a, y, c0);
    c0 = add_matvec_t_blocks::<R, FMA, 16>(m, a, y, c0);
    let n = y.len();
    if c0 < n {
        for (row, &ar) in m.chunks_exact(n).zip(a) {
            for (yi, &w) in y[c0..].iter_mut().zip(&row[c0..]) {
                *yi = madd::<R, FMA>(ar, w, *yi);
            }
        }
    }
}

/// `add_matvec_t` for the columns from `c0` on, in whole blocks of `B`; returns where it stopped.
#[inline(always)]
fn add_matvec_t_blocks<R: Real, const FMA: bool, const B: usize>(m: &[R], a: &[R], y: &mut [R], mut c0: usize) -> usize {
    let n = y.len();
    while c0 + B <= n {
        let mut acc = [R::ZERO; B];
        acc.copy_from_slice(&y[c0..c0 + B]);
        for (row, &ar) in m.chunks_exact(n).zip(a) {
            let row = &row[c0..c0 + B];
            for i in 0..B {
                acc[i] = madd::<R, FMA>(ar, row[i], acc[i]);
            }
        }
        y[c0..c0 + B].copy_from_slice(&acc);
        c0 += B;
    }
    c0
}

/// x w + acc, fused (one rounding) with `FMA`.
#[inline(always)]
fn madd<R: Real, const FMA: bool>(x: R, w: R, acc: R) -> R {
    if FMA {
        x.mul_add(w, acc)
    } else {
        acc + x * w
    }
}

/// Σ v², accumulated in eight lanes of `R` (so that it vectorises), summed in f64.
#[inline(always)]
pub fn sum_of_squares<R: Real>(v: &[R]) -> f64 {
    let mut lanes = [R::ZERO; 8];
    let chunks = v.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for (a, &x) in lanes.iter_mut().zip(c) {
            *a += x * x;
        }
    }
    lanes.iter().chain(rest).enumerate().map(|(i, &x)| if i < 8 { x.to_f64() } else { x.to_f64() * x.to_f64() }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_matches_naive_sum_for_all_tail_lengths() {
        for n in 0..40 {
            let a: Vec<f64> = (0..n).map(|i| i as f64 * 0.5 - 3.0).collect();
            let b: Vec<f64> = (0..n).map(|i| (i * i) as f64 * 0.25).collect();
            let naive: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - naive).abs() < 1e-9, "n = {n}");
        }
    }

    #[test]
    fn matvec_t_matches_naive_loop_with_and_without_fma() {
        for (rows, cols) in [(3, 5), (4, 16), (7, 37), (2, 1), (5, 64 + 32 + 16 + 3), (3, 128)] {
            let m: Vec<f64> = (0..rows * cols).map(|i| (i as f64 * 0.37).sin()).collect();
            let a: Vec<f64> = (0..rows).map(|i| i as f64 - 1.5).collect();
            let y0: Vec<f64> = (0..cols).map(|i| i as f64).collect();
            let mut expected = y0.clone();
            for c in 0..cols {
                expected[c] += (0..rows).map(|r| a[r] * m[r * cols + c]).sum::<f64>();
            }
            let (mut y, mut y_fma) = (y0.clone(), y0);
            add_matvec_t::<_, false>(&m, &a, &mut y);
            add_matvec_t::<_, true>(&m, &a, &mut y_fma);
            assert!(y.iter().zip(&expected).all(|(u, v)| (u - v).abs() < 1e-12), "{rows}x{cols}");
            assert!(y_fma.iter().zip(&expected).all(|(u, v)| (u - v).abs() < 1e-12), "fma {rows}x{cols}");
        }
    }
}

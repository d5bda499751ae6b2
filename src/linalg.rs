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

/// out = W v + b, with W row-major [out.len(), v.len()].
#[inline(always)]
pub fn matvec_bias<R: Real>(w: &[R], v: &[R], b: &[R], out: &mut [R]) {
    let n = v.len();
    for ((o, row), bi) in out.iter_mut().zip(w.chunks_exact(n)).zip(b) {
        *o = *bi + dot(row, v);
    }
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
    fn matvec_adds_bias_row_by_row() {
        let w = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut out = [0.0; 2];
        matvec_bias(&w, &[1.0, 0.0, -1.0], &[10.0, 20.0], &mut out);
        assert_eq!(out, [8.0, 19.0]);
    }
}

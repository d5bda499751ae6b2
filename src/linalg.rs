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

/// out = Wᵀ, for W row-major [rows, cols] (out is [cols, rows]); `out` may be longer.
#[inline(always)]
pub fn transpose<R: Real>(w: &[R], cols: usize, out: &mut [R]) {
    let rows = w.len() / cols;
    for (r, row) in w.chunks_exact(cols).enumerate() {
        for (c, &v) in row.iter().enumerate() {
            out[c * rows + r] = v;
        }
    }
}

/// Columns per block in the transposed kernels: the block's accumulators stay in registers.
const BLOCK: usize = 16;

/// y += Mᵀ a, i.e. y_c += Σ_r a_r M[r, c], with M row-major [a.len(), y.len()].
#[inline(always)]
pub fn add_matvec_t<R: Real>(m: &[R], a: &[R], y: &mut [R]) {
    let n = y.len();
    let mut c0 = 0;
    while c0 + BLOCK <= n {
        let mut acc = [R::ZERO; BLOCK];
        acc.copy_from_slice(&y[c0..c0 + BLOCK]);
        for (row, &ar) in m.chunks_exact(n).zip(a) {
            let row = &row[c0..c0 + BLOCK];
            for i in 0..BLOCK {
                acc[i] += ar * row[i];
            }
        }
        y[c0..c0 + BLOCK].copy_from_slice(&acc);
        c0 += BLOCK;
    }
    if c0 < n {
        for (row, &ar) in m.chunks_exact(n).zip(a) {
            axpy(ar, &row[c0..], &mut y[c0..]);
        }
    }
}

/// out += Σ_t a_t ⊗ b_t, i.e. out[r, c] += Σ_t A[t, r] B[t, c], with A [T, rows],
/// B [T, cols] and out [rows, cols], all row-major: the weight gradient of a layer
/// whose inputs over the window are B and whose output gradients are A.
#[inline(always)]
pub fn add_outer_sum<R: Real>(a: &[R], rows: usize, b: &[R], cols: usize, out: &mut [R]) {
    if cols == 1 {
        // A single input feature (the first layer): out += Σ_t b_t a_t, vectorised over rows.
        for (a_t, &b_t) in a.chunks_exact(rows).zip(b) {
            axpy(b_t, a_t, out);
        }
        return;
    }
    for (r, out_row) in out.chunks_exact_mut(cols).enumerate() {
        let mut c0 = 0;
        while c0 + BLOCK <= cols {
            let mut acc = [R::ZERO; BLOCK];
            acc.copy_from_slice(&out_row[c0..c0 + BLOCK]);
            for (a_t, b_t) in a.chunks_exact(rows).zip(b.chunks_exact(cols)) {
                let (ar, b_t) = (a_t[r], &b_t[c0..c0 + BLOCK]);
                for i in 0..BLOCK {
                    acc[i] += ar * b_t[i];
                }
            }
            out_row[c0..c0 + BLOCK].copy_from_slice(&acc);
            c0 += BLOCK;
        }
        if c0 < cols {
            for (a_t, b_t) in a.chunks_exact(rows).zip(b.chunks_exact(cols)) {
                axpy(a_t[r], &b_t[c0..], &mut out_row[c0..]);
            }
        }
    }
}

/// out += Σ_t A[t, :], for A [T, out.len()].
#[inline(always)]
pub fn add_row_sum<R: Real>(a: &[R], out: &mut [R]) {
    for row in a.chunks_exact(out.len()) {
        for (o, &v) in out.iter_mut().zip(row) {
            *o += v;
        }
    }
}

/// Σ v², accumulated in eight lanes of `R` (so that it vectorises), summed in f64.
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
    fn transposed_kernels_match_naive_loops() {
        for (rows, cols, steps) in [(3, 5, 2), (4, 16, 3), (7, 37, 4), (2, 1, 5)] {
            let m: Vec<f64> = (0..rows * cols).map(|i| (i as f64 * 0.37).sin()).collect();
            let a: Vec<f64> = (0..rows).map(|i| i as f64 - 1.5).collect();
            let mut y: Vec<f64> = (0..cols).map(|i| i as f64).collect();
            let mut expected = y.clone();
            for c in 0..cols {
                expected[c] += (0..rows).map(|r| a[r] * m[r * cols + c]).sum::<f64>();
            }
            add_matvec_t(&m, &a, &mut y);
            assert!(y.iter().zip(&expected).all(|(u, v)| (u - v).abs() < 1e-12), "matvec_t {rows}x{cols}");

            let big_a: Vec<f64> = (0..steps * rows).map(|i| (i as f64 * 0.11).cos()).collect();
            let big_b: Vec<f64> = (0..steps * cols).map(|i| (i as f64 * 0.23).sin()).collect();
            let mut out = m.clone();
            let mut expected = m.clone();
            for r in 0..rows {
                for c in 0..cols {
                    expected[r * cols + c] +=
                        (0..steps).map(|t| big_a[t * rows + r] * big_b[t * cols + c]).sum::<f64>();
                }
            }
            add_outer_sum(&big_a, rows, &big_b, cols, &mut out);
            assert!(out.iter().zip(&expected).all(|(u, v)| (u - v).abs() < 1e-12), "outer {rows}x{cols}");
        }
    }

    #[test]
    fn transpose_swaps_rows_and_columns() {
        let mut out = [0.0; 6];
        transpose(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 3, &mut out);
        assert_eq!(out, [1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
    }
}

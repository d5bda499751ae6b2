//! The network's products. Those over a whole window (input projections, weight gradients,
//! the gradient of a layer's input) are matrix products through ndarray's `general_mat_mul`
//! (matrixmultiply: AVX2/FMA/AVX-512 chosen at run time natively, simd128 and relaxed SIMD in
//! wasm), except small ones, which run on the hand loops here: for them matrixmultiply's
//! packing and the allocation of its buffer cost more than the arithmetic. The serial
//! recurrence runs on `add_matvec_t`. The loops are written so that the compiler vectorises
//! them: independent accumulators, kept in registers.

use crate::real::Real;
use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};

/// Products of fewer multiply-adds than this run on the hand loops (measured: the tutorial's
/// RNN h32 and LSTM/GRU h32 in Chromium are faster on them; every larger row of
/// `npm run bench:scale` on matrixmultiply).
pub const SMALL_PRODUCT: usize = 1 << 16;

/// Whether the product of an [m, k] and a [k, n] matrix goes to matrixmultiply: it is at least
/// `SMALL_PRODUCT` multiply-adds, not a rank-one product (k = 1) or a matrix-vector one, and
/// the memory for matrixmultiply's packing buffer is there. matrixmultiply allocates that
/// buffer for every product and aborts (in wasm: traps) when it cannot, so when memory has run
/// out the product runs on the hand loops instead, and a trainer built earlier still trains.
#[inline(always)]
pub fn uses_matrixmultiply<R>(m: usize, k: usize, n: usize) -> bool {
    // matrixmultiply's blocking (KC 256, MC 64, NC 1024 in 0.3), rows rounded up to its kernels'
    // (at most 32), and its alignment (at most 64 bytes).
    let round = |x: usize| x.div_ceil(32) * 32;
    let packing = std::mem::size_of::<R>() * k.min(256) * (round(m.min(64)) + round(n.min(1024))) + 64;
    m.saturating_mul(k).saturating_mul(n) >= SMALL_PRODUCT && k > 1 && m > 1 && n > 1 && crate::alloc::can_allocate(packing)
}

/// C += A Bᵀ, for A [T, N], B [G, N], C [T, G]: the input projections X W_ihᵀ of a window.
#[inline(always)]
pub fn add_a_bt<R: Real, const FMA: bool>(a: ArrayView2<'_, R>, b: ArrayView2<'_, R>, c: &mut ArrayViewMut2<'_, R>) {
    let (t, n, g) = (a.nrows(), a.ncols(), b.nrows());
    match (a.as_slice(), b.as_slice(), c.as_slice_mut()) {
        (Some(x), Some(w), Some(out)) if !uses_matrixmultiply::<R>(t, n, g) => {
            for (out_t, x_t) in out.chunks_exact_mut(g).zip(x.chunks_exact(n)) {
                if n == 1 {
                    // One input feature (the first layer): out_t += x_t W[:, 0]
                    for (o, &w) in out_t.iter_mut().zip(w) {
                        *o = madd::<R, FMA>(x_t[0], w, *o);
                    }
                } else {
                    for (o, w_g) in out_t.iter_mut().zip(w.chunks_exact(n)) {
                        *o += dot(w_g, x_t);
                    }
                }
            }
        }
        _ => general_mat_mul(R::ONE, &a, &b.t(), R::ONE, c),
    }
}

/// C = Aᵀ B, for A [T, G], B [T, N], C [G, N]: a weight gradient Σ_t dg_t ⊗ x_t.
#[inline(always)]
pub fn at_b<R: Real, const FMA: bool>(a: ArrayView2<'_, R>, b: ArrayView2<'_, R>, c: &mut ArrayViewMut2<'_, R>) {
    let (t, g, n) = (a.nrows(), a.ncols(), b.ncols());
    match (a.as_slice(), b.as_slice(), c.as_slice_mut()) {
        (Some(da), Some(x), Some(out)) if !uses_matrixmultiply::<R>(g, t, n) => {
            out.iter_mut().for_each(|o| *o = R::ZERO);
            if n == 1 {
                // One input feature (the first layer): out += Σ_t x_t dg_t, vectorised over rows.
                for (dg_t, &x_t) in da.chunks_exact(g).zip(x) {
                    for (o, &d) in out.iter_mut().zip(dg_t) {
                        *o = madd::<R, FMA>(x_t, d, *o);
                    }
                }
                return;
            }
            // Row r of C is Σ_t A[t, r] B[t, :]: columns in blocks of 16 accumulators.
            for (r, out_row) in out.chunks_exact_mut(n).enumerate() {
                let mut c0 = 0;
                while c0 + 16 <= n {
                    let mut acc = [R::ZERO; 16];
                    for (dg_t, x_t) in da.chunks_exact(g).zip(x.chunks_exact(n)) {
                        let (ar, x_t) = (dg_t[r], &x_t[c0..c0 + 16]);
                        for i in 0..16 {
                            acc[i] = madd::<R, FMA>(ar, x_t[i], acc[i]);
                        }
                    }
                    out_row[c0..c0 + 16].copy_from_slice(&acc);
                    c0 += 16;
                }
                for (dg_t, x_t) in da.chunks_exact(g).zip(x.chunks_exact(n)) {
                    for (o, &v) in out_row[c0..].iter_mut().zip(&x_t[c0..]) {
                        *o = madd::<R, FMA>(dg_t[r], v, *o);
                    }
                }
            }
        }
        _ => general_mat_mul(R::ONE, &a.t(), &b, R::ZERO, c),
    }
}

/// C = A B, for A [T, G], B [G, N], C [T, N]: the gradient of a layer's input, dX = dG W_ih.
#[inline(always)]
pub fn a_b<R: Real, const FMA: bool>(a: ArrayView2<'_, R>, b: ArrayView2<'_, R>, c: &mut ArrayViewMut2<'_, R>) {
    let (t, g, n) = (a.nrows(), a.ncols(), b.ncols());
    match (a.as_slice(), b.as_slice(), c.as_slice_mut()) {
        (Some(da), Some(w), Some(out)) if !uses_matrixmultiply::<R>(t, g, n) => {
            // dx_t = Wᵀ dg_t
            for (out_t, dg_t) in out.chunks_exact_mut(n).zip(da.chunks_exact(g)) {
                out_t.iter_mut().for_each(|o| *o = R::ZERO);
                add_matvec_t::<R, FMA>(w, dg_t, out_t);
            }
        }
        _ => general_mat_mul(R::ONE, &a, &b, R::ZERO, c),
    }
}

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
    #[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
    if let (Some(m), Some(a), Some(y)) = (as_f32(m), as_f32(a), as_f32_mut(y)) {
        return relaxed::add_matvec_t(m, a, y);
    }
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

/// `v` as `&[f32]` when `R` is f32.
#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
fn as_f32<R: Real>(v: &[R]) -> Option<&[f32]> {
    // SAFETY: R is f32: the same memory, with the same type and lifetime.
    (std::any::TypeId::of::<R>() == std::any::TypeId::of::<f32>())
        .then(|| unsafe { std::slice::from_raw_parts(v.as_ptr() as *const f32, v.len()) })
}

#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
fn as_f32_mut<R: Real>(v: &mut [R]) -> Option<&mut [f32]> {
    // SAFETY: as in `as_f32`.
    (std::any::TypeId::of::<R>() == std::any::TypeId::of::<f32>())
        .then(|| unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut f32, v.len()) })
}

/// `add_matvec_t` in the relaxed-SIMD wasm build: the multiply-adds as f32x4.relaxed_madd,
/// which the browser runs as a fused multiply-add where the CPU has one.
#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
mod relaxed {
    use core::arch::wasm32::*;

    /// y += Mᵀ a, with M row-major [a.len(), y.len()]: blocks of 32 columns (8 accumulators),
    /// then of 4, then one column at a time.
    pub fn add_matvec_t(m: &[f32], a: &[f32], y: &mut [f32]) {
        let n = y.len();
        let mut c0 = 0;
        while c0 + 32 <= n {
            let mut acc = [f32x4_splat(0.0); 8];
            let out: &mut [f32; 32] = (&mut y[c0..c0 + 32]).try_into().expect("32 columns");
            for (i, v) in acc.iter_mut().enumerate() {
                *v = load(out, 4 * i);
            }
            for (row, &ar) in m.chunks_exact(n).zip(a) {
                let block: &[f32; 32] = row[c0..c0 + 32].try_into().expect("32 columns");
                let ar = f32x4_splat(ar);
                for (i, v) in acc.iter_mut().enumerate() {
                    *v = f32x4_relaxed_madd(ar, load(block, 4 * i), *v);
                }
            }
            for (i, v) in acc.iter().enumerate() {
                store(out, 4 * i, *v);
            }
            c0 += 32;
        }
        while c0 + 4 <= n {
            let out: &mut [f32; 4] = (&mut y[c0..c0 + 4]).try_into().expect("4 columns");
            let mut acc = load(out, 0);
            for (row, &ar) in m.chunks_exact(n).zip(a) {
                let block: &[f32; 4] = row[c0..c0 + 4].try_into().expect("4 columns");
                acc = f32x4_relaxed_madd(f32x4_splat(ar), load(block, 0), acc);
            }
            store(out, 0, acc);
            c0 += 4;
        }
        for (row, &ar) in m.chunks_exact(n).zip(a) {
            for (yc, &w) in y[c0..].iter_mut().zip(&row[c0..]) {
                *yc += ar * w;
            }
        }
    }

    /// The four values of `v` from `at` (a multiple of 4 below N, so in bounds).
    #[inline(always)]
    fn load<const N: usize>(v: &[f32; N], at: usize) -> v128 {
        assert!(at + 4 <= N);
        // SAFETY: at + 4 ≤ N (callers pass 4 i for i < N / 4); v128 loads need no alignment.
        unsafe { v128_load(v.as_ptr().add(at) as *const v128) }
    }

    #[inline(always)]
    fn store<const N: usize>(v: &mut [f32; N], at: usize, x: v128) {
        assert!(at + 4 <= N);
        // SAFETY: as in `load`.
        unsafe { v128_store(v.as_mut_ptr().add(at) as *mut v128, x) }
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
        for (rows, cols) in [(3, 5), (4, 16), (7, 37), (2, 1), (5, 64 + 32 + 16 + 3), (3, 128), (1, 32), (6, 48)] {
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

    /// Naive C = A B for row-major A [m, k], B [k, n].
    fn naive(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> Vec<f64> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|l| a[i * k + l] * b[l * n + j]).sum();
            }
        }
        c
    }

    fn transposed(a: &[f64], rows: usize, cols: usize) -> Vec<f64> {
        (0..cols * rows).map(|i| a[(i % rows) * cols + i / rows]).collect()
    }

    #[test]
    fn window_products_match_naive_loops_on_both_paths() {
        use ndarray::{Array2, ArrayView2};
        // (T, G, N): small products on the hand loops, large ones (T·G·N ≥ SMALL_PRODUCT)
        // on matrixmultiply; N = 1 is the first layer.
        for (t, g, n) in [(10, 32, 1), (10, 32, 32), (7, 12, 37), (50, 512, 128), (40, 60, 33)] {
            let big = t * g * n >= SMALL_PRODUCT;
            let x: Vec<f64> = (0..t * n).map(|i| (i as f64 * 0.37).sin()).collect();
            let w: Vec<f64> = (0..g * n).map(|i| (i as f64 * 0.11).cos()).collect();
            let dg: Vec<f64> = (0..t * g).map(|i| (i as f64 * 0.23).sin()).collect();
            let (xv, wv, dgv) = (
                ArrayView2::from_shape((t, n), &x[..]).unwrap(),
                ArrayView2::from_shape((g, n), &w[..]).unwrap(),
                ArrayView2::from_shape((t, g), &dg[..]).unwrap(),
            );
            let close = |got: &Array2<f64>, want: &[f64], what: &str| {
                let worst = got.iter().zip(want).map(|(u, v)| (u - v).abs()).fold(0.0, f64::max);
                assert!(worst < 1e-9, "{what} T{t} G{g} N{n} (matrixmultiply: {big}): off by {worst}");
            };
            // X Wᵀ added to a C of ones
            let mut c = Array2::<f64>::ones((t, g));
            add_a_bt::<_, false>(xv, wv, &mut c.view_mut());
            let want: Vec<f64> = naive(&x, &transposed(&w, g, n), t, n, g).iter().map(|v| v + 1.0).collect();
            close(&c, &want, "X Wᵀ");
            // dGᵀ X, over a C of garbage
            let mut c = Array2::<f64>::from_elem((g, n), 7.0);
            at_b::<_, true>(dgv, xv, &mut c.view_mut());
            close(&c, &naive(&transposed(&dg, t, g), &x, g, t, n), "dGᵀ X");
            // dG W
            let mut c = Array2::<f64>::from_elem((t, n), -3.0);
            a_b::<_, false>(dgv, wv, &mut c.view_mut());
            close(&c, &naive(&dg, &w, t, g, n), "dG W");
        }
    }
}

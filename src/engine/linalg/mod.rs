//! The network's products. Those over a whole window (input projections, weight gradients,
//! the gradient of a layer's input) are matrix products through ndarray's `general_mat_mul`
//! (matrixmultiply: AVX2/FMA/AVX-512 chosen at run time natively, simd128 and relaxed SIMD in
//! wasm), except small ones, which run on the hand loops here: for them matrixmultiply's
//! packing costs more than the arithmetic. The serial recurrence runs on `add_matvec_t`, over
//! the weights packed once per window in column panels (`panels`, `Panels::add_matvec_t`),
//! which it reads in memory order. The loops are written so that the compiler vectorises
//! them: independent accumulators, kept in registers.

use crate::engine::real::Real;
use ndarray::linalg::general_mat_mul;
use ndarray::{s, ArrayView2, ArrayViewMut2};

mod portable;
#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
mod relaxed;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128;
#[cfg(target_arch = "x86_64")]
mod sse;

use portable::{add_matvec_t_blocks, add_matvec_t_columns, at_b_rows, madd};

/// The instruction set the hand loops are compiled for, as a type whose constants choose the
/// loops (as matrixmultiply's `GemmKernel` does). It is chosen once, where training starts
/// (`Trainer::train`: `Avx2Fma` inside a function compiled for AVX2 and FMA, where the CPU has
/// them), and every product of the network's passes is generic over it.
pub trait Kernel: 'static {
    /// Each multiply-add rounded once (`Real::mul_add`): a fused multiply-add instruction.
    const FMA: bool;
    /// The widest column block of `add_matvec_t`, which is the width of `panels`: as many
    /// accumulators as hide the latency of an add (8 vectors of 8 lanes with AVX2, of 4 lanes
    /// in SSE and wasm SIMD, whose relaxed kernel's blocks are 32 columns too).
    const PANEL: usize;
}

/// The build's own instruction set: SSE2 natively, the module's features in wasm.
pub struct Portable;
impl Kernel for Portable {
    const FMA: bool = false;
    const PANEL: usize = 32;
}

/// x86-64 with AVX2 and FMA, for code compiled with them.
pub struct Avx2Fma;
impl Kernel for Avx2Fma {
    const FMA: bool = true;
    const PANEL: usize = 64;
}

/// Products of fewer multiply-adds than this run on the hand loops: the tutorial's sizes are
/// faster on them, every larger row of `npm run bench:scale` on matrixmultiply.
pub const SMALL_PRODUCT: usize = 1 << 16;

/// Whether the product of an [m, k] and a [k, n] matrix goes to matrixmultiply: it is at least
/// `SMALL_PRODUCT` multiply-adds, not a rank-one product (k = 1) or a matrix-vector one, and
/// its packing buffer is there. The matrixmultiply here (vendor/README.md) keeps one packing
/// buffer per thread, the largest any product has needed, so that a step allocates nothing;
/// `reserve_packing_buffer` grows it, fallibly, to what this product needs (a no-op once it is
/// that large). matrixmultiply itself aborts (in wasm: traps) when it cannot allocate, so when
/// memory has run out the product runs on the hand loops instead, and a trainer built earlier
/// still trains.
#[inline(always)]
pub fn uses_matrixmultiply<R>(m: usize, k: usize, n: usize) -> bool {
    // matrixmultiply's blocking (KC 256, MC 64, NC 1024 in 0.3), rows rounded up to its kernels'
    // (at most 16; 32 for margin).
    let round = |x: usize| x.div_ceil(32) * 32;
    let packing = std::mem::size_of::<R>() * k.min(256) * (round(m.min(64)) + round(n.min(1024)));
    m.saturating_mul(k).saturating_mul(n) >= SMALL_PRODUCT
        && k > 1
        && m > 1
        && n > 1
        && matrixmultiply::reserve_packing_buffer(packing)
}

/// C += A Bᵀ, for A [T, N], B [G, N], C [T, G]: the input projections X W_ihᵀ of a window.
#[inline(always)]
pub fn add_a_bt<R: Real, K: Kernel>(a: ArrayView2<'_, R>, b: ArrayView2<'_, R>, c: &mut ArrayViewMut2<'_, R>) {
    let (t, n, g) = (a.nrows(), a.ncols(), b.nrows());
    match (a.as_slice(), b.as_slice(), c.as_slice_mut()) {
        (Some(x), Some(w), Some(out)) if !uses_matrixmultiply::<R>(t, n, g) => {
            for (out_t, x_t) in out.chunks_exact_mut(g).zip(x.chunks_exact(n)) {
                if n == 1 {
                    // One input feature (the first layer): out_t += x_t W[:, 0]
                    for (o, &w) in out_t.iter_mut().zip(w) {
                        *o = madd::<R, K>(x_t[0], w, *o);
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
pub fn at_b<R: Real, K: Kernel>(a: ArrayView2<'_, R>, b: ArrayView2<'_, R>, c: &mut ArrayViewMut2<'_, R>) {
    let (t, g, n) = (a.nrows(), a.ncols(), b.ncols());
    match (a.as_slice(), b.as_slice(), c.as_slice_mut()) {
        (Some(da), Some(x), Some(out)) if !uses_matrixmultiply::<R>(g, t, n) => {
            out.iter_mut().for_each(|o| *o = R::ZERO);
            if n == 1 {
                // One input feature (the first layer): out += Σ_t x_t dg_t, vectorised over rows.
                for (dg_t, &x_t) in da.chunks_exact(g).zip(x) {
                    for (o, &d) in out.iter_mut().zip(dg_t) {
                        *o = madd::<R, K>(x_t, d, *o);
                    }
                }
                return;
            }
            // The rows in blocks of 4 where that is faster (`at_b_row_blocks`: with FMA, natively
            // and in the relaxed-SIMD build), the others one at a time: row r of C is Σ_t A[t, r] B[t, :] = Bᵀ A[:, r], `add_matvec_t`'s
            // blocks over column r of A.
            let r0 = at_b_row_blocks::<R, K>(da, x, out, g, n);
            for (r, out_row) in out.chunks_exact_mut(n).enumerate().skip(r0) {
                let column = da.chunks_exact(g).map(|dg_t| dg_t[r]);
                let mut c0 = 0;
                if K::FMA {
                    c0 = add_matvec_t_blocks::<R, K, 64>(x, column.clone(), out_row, c0);
                }
                c0 = add_matvec_t_blocks::<R, K, 16>(x, column.clone(), out_row, c0);
                add_matvec_t_columns::<R, K>(x, column, out_row, c0);
            }
        }
        _ => general_mat_mul(R::ONE, &a.t(), &b, R::ZERO, c),
    }
}

/// The rows of C = Aᵀ B (A [T, G], B [T, N], C [G, N], all row-major) in blocks of 4, each
/// block's columns in blocks kept in registers over the T steps, so that each load of B
/// serves 4 rows (16 columns with AVX2 and FMA, 8 in the relaxed-SIMD kernel), its last
/// columns one at a time; returns the first row not done. Without FMA none: there the same
/// loops (8 columns) are slower than row by row.
#[inline(always)]
fn at_b_row_blocks<R: Real, K: Kernel>(a: &[R], b: &[R], c: &mut [R], g: usize, n: usize) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
    if let (Some(a), Some(b), Some(c)) = (R::as_f32(a), R::as_f32(b), R::as_f32_mut(c)) {
        return relaxed::at_b_row_blocks(a, b, c, g, n);
    }
    if !K::FMA {
        return 0;
    }
    // The closure inlined into the caller's code, compiled with FMA: on its own it would be
    // compiled without, its mul_add a libm call, many times slower.
    at_b_rows::<R, K, 16>(
        a,
        b,
        c,
        g,
        n,
        #[inline(always)]
        |r0, c0, rows| {
            let mut acc = [[R::ZERO; 16]; 4];
            for (a_t, b_t) in a.chunks_exact(g).zip(b.chunks_exact(n)) {
                let (a_t, b_t) = (&a_t[r0..r0 + 4], &b_t[c0..c0 + 16]);
                for i in 0..4 {
                    for j in 0..16 {
                        acc[i][j] = madd::<R, K>(a_t[i], b_t[j], acc[i][j]);
                    }
                }
            }
            for (row, acc) in rows.chunks_exact_mut(n).zip(&acc) {
                row[c0..c0 + 16].copy_from_slice(acc);
            }
        },
    )
}

/// C = A B, for A [T, G], B [G, N], C [T, N]: the gradient of a layer's input, dX = dG W_ih.
#[inline(always)]
pub fn a_b<R: Real, K: Kernel>(a: ArrayView2<'_, R>, b: ArrayView2<'_, R>, c: &mut ArrayViewMut2<'_, R>) {
    let (t, g, n) = (a.nrows(), a.ncols(), b.ncols());
    match (a.as_slice(), b.as_slice(), c.as_slice_mut()) {
        (Some(da), Some(w), Some(out)) if !uses_matrixmultiply::<R>(t, g, n) => {
            // dx_t = Wᵀ dg_t
            for (out_t, dg_t) in out.chunks_exact_mut(n).zip(da.chunks_exact(g)) {
                out_t.iter_mut().for_each(|o| *o = R::ZERO);
                add_matvec_t::<R, K>(w, dg_t, out_t);
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
/// (blocks of 32); then blocks of 16, then one column at a time. `K::FMA` rounds each
/// multiply-add once, for code compiled with FMA instructions.
#[inline(always)]
pub fn add_matvec_t<R: Real, K: Kernel>(m: &[R], a: &[R], y: &mut [R]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
    if let (Some(m), Some(a), Some(y)) = (R::as_f32(m), R::as_f32(a), R::as_f32_mut(y)) {
        return relaxed::add_matvec_t(m, a, y);
    }
    let mut c0 = 0;
    if K::FMA {
        c0 = add_matvec_t_blocks::<R, K, 64>(m, a.iter().copied(), y, c0);
    }
    c0 = add_matvec_t_blocks::<R, K, 32>(m, a.iter().copied(), y, c0);
    c0 = add_matvec_t_blocks::<R, K, 16>(m, a.iter().copied(), y, c0);
    add_matvec_t_columns::<R, K>(m, a.iter().copied(), y, c0);
}

/// M [rows, n] (any strides) as `Panels::add_matvec_t` reads it: its columns in panels of
/// `K::PANEL` columns (the last one narrower when n is not a multiple), each panel row-major, one
/// after the other. Over a plain row-major M, each block of `add_matvec_t` strides by a whole
/// row (4 KiB at G = 1024), so every row's slice of the block lands in the same few cache sets
/// and evicts the last ones before they are used; over panels it reads memory in order.
/// Returns M's own elements when they are already in that order (row-major, one panel), else
/// packs them into `buf` (at least rows · n elements) and returns those. A panel of a
/// transposed row-major matrix (W_hhᵀ) is transposed in tiles of 4 × 4.
pub fn panels<'a, 'm: 'a, R: Real, K: Kernel>(m: ArrayView2<'m, R>, buf: &'a mut [R]) -> Panels<'a, R> {
    let (rows, n, p) = (m.nrows(), m.ncols(), K::PANEL);
    if n <= p {
        if let Some(data) = m.to_slice() {
            return Panels { data, width: p };
        }
    }
    for (c0, panel) in (0..n).step_by(p).zip(buf.chunks_mut(p * rows)) {
        let w = p.min(n - c0);
        let (columns, panel) = (m.slice_move(s![.., c0..c0 + w]), &mut panel[..w * rows]);
        match columns.reversed_axes().to_slice() {
            Some(rows_of_transpose) => transpose_into(rows_of_transpose, rows, panel),
            None => ArrayViewMut2::from_shape((rows, w), panel).expect("rows · w elements").assign(&columns),
        }
    }
    Panels { data: &buf[..rows * n], width: p }
}

/// A matrix M packed by `panels`: its elements, and the width of its panels (the last one
/// narrower when M's column count is not a multiple).
#[derive(Debug, Clone, Copy)]
pub struct Panels<'a, R> {
    data: &'a [R],
    width: usize,
}

impl<R: Real> Panels<'_, R> {
    /// y += Mᵀ a, for M [a.len(), y.len()]: `add_matvec_t` on each panel. The sums are the
    /// same, in the same order, as `add_matvec_t` on M row-major.
    #[inline(always)]
    pub fn add_matvec_t<K: Kernel>(&self, a: &[R], y: &mut [R]) {
        let (rows, p) = (a.len(), self.width);
        for (c0, y) in (0..).step_by(p).zip(y.chunks_mut(p)) {
            add_matvec_t::<R, K>(&self.data[c0 * rows..(c0 + y.len()) * rows], a, y);
        }
    }
}

/// out = Sᵀ, for S row-major [s.len() / cols, cols] and out row-major [cols, s.len() / cols]:
/// tiles of 4 × 4, then the edges one by one.
fn transpose_into<R: Real>(s: &[R], cols: usize, out: &mut [R]) {
    let rows = s.len() / cols;
    let (r4, c4) = (rows / 4 * 4, cols / 4 * 4);
    for r in (0..r4).step_by(4) {
        for c in (0..c4).step_by(4) {
            transpose_tile(s, cols, out, rows, r, c);
        }
    }
    for r in 0..rows {
        for c in if r < r4 { c4 } else { 0 }..cols {
            out[c * rows + r] = s[r * cols + c];
        }
    }
}

/// out[(c + j) · rows + r + i] = s[(r + i) · cols + c + j] for i, j < 4.
#[inline(always)]
fn transpose_tile<R: Real>(s: &[R], cols: usize, out: &mut [R], rows: usize, r: usize, c: usize) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if let (Some(s), Some(out)) = (R::as_f32(s), R::as_f32_mut(out)) {
        return simd128::transpose_tile(s, cols, out, rows, r, c);
    }
    #[cfg(target_arch = "x86_64")]
    if let (Some(s), Some(out)) = (R::as_f32(s), R::as_f32_mut(out)) {
        return sse::transpose_tile(s, cols, out, rows, r, c);
    }
    let tile: [[R; 4]; 4] = std::array::from_fn(|i| s[(r + i) * cols + c..][..4].try_into().expect("4 values"));
    for j in 0..4 {
        out[(c + j) * rows + r..][..4].copy_from_slice(&tile.map(|row| row[j]));
    }
}

/// Whether the 4 × 4 tile at row `r`, column `c` of a row-major matrix of `len` elements in
/// rows of `cols` lies within it: (r + 3) · cols + c + 4 ≤ len, with no overflow. The SIMD tile
/// transposes check it once per tile, for both matrices.
#[cfg(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128")))]
fn tile_fits(len: usize, cols: usize, r: usize, c: usize) -> bool {
    (r + 3).checked_mul(cols).and_then(|x| x.checked_add(c + 4)).is_some_and(|end| end <= len)
}

/// Σ v², in f64: accumulated in eight lanes (so that it vectorises), then summed. The squares
/// are f64's too: in f32, those of values below about 1e-19 (an LSTM's weight gradients, many
/// of them) are subnormal, and the display's gradient norm of an LSTM h256, 4 layers took a
/// quarter of its training step natively (subnormal arithmetic is many times slower; wasm
/// cannot flush it to zero).
#[inline(always)]
pub fn sum_of_squares<R: Real>(v: &[R]) -> f64 {
    let square = |x: R| {
        let x = x.to_f64();
        x * x
    };
    let mut lanes = [0f64; 8];
    let chunks = v.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for (a, &x) in lanes.iter_mut().zip(c) {
            *a += square(x);
        }
    }
    lanes.iter().sum::<f64>() + rest.iter().map(|&x| square(x)).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sum_of_squares_keeps_the_squares_of_tiny_values() {
        // Squared in f32, 1e-25 gives 1e-50: zero (f32 ends near 1.4e-45), and every square
        // below about 1e-19's a slow subnormal on the way.
        let v = [1e-25f32; 19];
        let expected = 19.0 * (1e-25f32 as f64).powi(2);
        let got = sum_of_squares(&v);
        assert!((got - expected).abs() <= 1e-12 * expected, "{got} against {expected}");
    }

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
            add_matvec_t::<_, Portable>(&m, &a, &mut y);
            add_matvec_t::<_, Avx2Fma>(&m, &a, &mut y_fma);
            assert!(y.iter().zip(&expected).all(|(u, v)| (u - v).abs() < 1e-12), "{rows}x{cols}");
            assert!(y_fma.iter().zip(&expected).all(|(u, v)| (u - v).abs() < 1e-12), "fma {rows}x{cols}");
        }
    }

    #[test]
    fn products_over_panels_match_naive_loops_for_every_layout() {
        // f64, and f32, which has its own tile transposes (SSE natively, simd128 in wasm)
        products_over_panels::<f64>(1e-12);
        products_over_panels::<f32>(1e-4);
    }

    /// Sizes around every tile, block and panel boundary (tiles of 4; blocks of 16, 32 and 64;
    /// panels of 32 and 64 columns); M row-major, M = Sᵀ for a row-major S (as W_hhᵀ is), and
    /// M every other column of a wider matrix (any strides); against sums in f64.
    fn products_over_panels<R: Real>(tolerance: f64) {
        for rows in [1, 2, 3, 4, 5, 8, 9, 13, 32, 67] {
            for cols in [1, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 130] {
                let m: Vec<R> = (0..rows * cols).map(|i| R::from_f64((i as f64 * 0.37).sin())).collect();
                let s: Vec<R> = (0..cols * rows).map(|i| m[(i % rows) * cols + i / rows]).collect();
                let wide: Vec<R> =
                    (0..rows * 2 * cols).map(|i| if i % 2 == 0 { m[i / 2] } else { R::from_f64(f64::NAN) }).collect();
                let a: Vec<R> = (0..rows).map(|i| R::from_f64(i as f64 * 0.25 - 1.5)).collect();
                let want: Vec<f64> = (0..cols)
                    .map(|c| c as f64 + (0..rows).map(|r| m[r * cols + c].to_f64() * a[r].to_f64()).sum::<f64>())
                    .collect();
                let layouts = [
                    ("row-major", ArrayView2::from_shape((rows, cols), &m[..]).unwrap()),
                    ("transposed", ArrayView2::from_shape((cols, rows), &s[..]).unwrap().reversed_axes()),
                    ("strided", ArrayView2::from_shape((rows, 2 * cols), &wide[..]).unwrap().slice_move(s![.., ..;2])),
                ];
                for (layout, view) in layouts {
                    for fma in [false, true] {
                        let mut buf = vec![R::from_f64(f64::NAN); rows * cols];
                        let mut y: Vec<R> = (0..cols).map(|c| R::from_f64(c as f64)).collect();
                        if fma {
                            panels::<_, Avx2Fma>(view, &mut buf).add_matvec_t::<Avx2Fma>(&a, &mut y);
                        } else {
                            panels::<_, Portable>(view, &mut buf).add_matvec_t::<Portable>(&a, &mut y);
                        }
                        let y: Vec<f64> = y.iter().map(|v| v.to_f64()).collect();
                        let worst = worst_difference(&y, &want);
                        assert!(worst < tolerance, "Mᵀ a, M {layout} {rows}x{cols}, fma {fma}: off by {worst}");
                    }
                }
            }
        }
    }

    /// The largest |u − v|, NaN if any is NaN (where `f64::max` would skip it).
    fn worst_difference(got: &[f64], want: &[f64]) -> f64 {
        got.iter().zip(want).map(|(u, v)| (u - v).abs()).fold(0.0, |w, d| if d.is_nan() || d > w { d } else { w })
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
        use ndarray::Array2;
        // (T, G, N): small products on the hand loops, large ones (T·G·N ≥ SMALL_PRODUCT)
        // on matrixmultiply; N = 1 is the first layer. G and N around the hand loops' blocks
        // (dGᵀ X: rows in fours, columns in sixteens or eights, the rest one by one).
        for (t, g, n) in
            [(10, 32, 1), (10, 32, 32), (7, 12, 37), (7, 13, 37), (5, 30, 19), (50, 512, 128), (40, 60, 33)]
        {
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
                let worst = worst_difference(got.as_slice().unwrap(), want);
                assert!(worst < 1e-9, "{what} T{t} G{g} N{n} (matrixmultiply: {big}): off by {worst}");
            };
            // X Wᵀ added to a C of ones
            let mut c = Array2::<f64>::ones((t, g));
            add_a_bt::<_, Portable>(xv, wv, &mut c.view_mut());
            let want: Vec<f64> = naive(&x, &transposed(&w, g, n), t, n, g).iter().map(|v| v + 1.0).collect();
            close(&c, &want, "X Wᵀ");
            // dGᵀ X, over a C of garbage, on both code paths
            let want = naive(&transposed(&dg, t, g), &x, g, t, n);
            let mut c = Array2::<f64>::from_elem((g, n), 7.0);
            at_b::<_, Avx2Fma>(dgv, xv, &mut c.view_mut());
            close(&c, &want, "dGᵀ X (FMA)");
            let mut c = Array2::<f64>::from_elem((g, n), 7.0);
            at_b::<_, Portable>(dgv, xv, &mut c.view_mut());
            close(&c, &want, "dGᵀ X");
            // dG W
            let mut c = Array2::<f64>::from_elem((t, n), -3.0);
            a_b::<_, Portable>(dgv, wv, &mut c.view_mut());
            close(&c, &naive(&dg, &w, t, g, n), "dG W");
        }
    }
}

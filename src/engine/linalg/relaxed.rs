//! The relaxed-SIMD wasm build's kernels (`add_matvec_t`, `at_b_row_blocks`' blocks): the multiply-adds
//! as f32x4.relaxed_madd, which the browser runs as a fused multiply-add where the CPU has one.

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

/// `at_b_row_blocks` (see there) in blocks of 4 rows × 8 columns. Not inlined into the
/// training step: inlined, the step ran slower in Chromium.
pub fn at_b_row_blocks(a: &[f32], b: &[f32], c: &mut [f32], g: usize, n: usize) -> usize {
    super::at_b_rows::<f32, super::Portable, 8>(a, b, c, g, n, |r0, c0, rows| at_b_block(a, b, g, n, r0, c0, rows))
}

/// One block: C[r0 + i, c0 + j] = Σ_t A[t, r0 + i] B[t, c0 + j], written into `rows` (C's
/// rows r0..r0 + 4).
#[inline(always)]
fn at_b_block(a: &[f32], b: &[f32], g: usize, n: usize, r0: usize, c0: usize, rows: &mut [f32]) {
    let mut acc = [f32x4_splat(0.0); 8];
    for (a_t, b_t) in a.chunks_exact(g).zip(b.chunks_exact(n)) {
        let a_t: &[f32; 4] = a_t[r0..r0 + 4].try_into().expect("4 rows");
        let b_t: &[f32; 8] = b_t[c0..c0 + 8].try_into().expect("8 columns");
        let (left, right) = (load(b_t, 0), load(b_t, 4));
        for (acc, &a_ti) in acc.chunks_exact_mut(2).zip(a_t) {
            let a_ti = f32x4_splat(a_ti);
            acc[0] = f32x4_relaxed_madd(a_ti, left, acc[0]);
            acc[1] = f32x4_relaxed_madd(a_ti, right, acc[1]);
        }
    }
    for (row, acc) in rows.chunks_exact_mut(n).zip(acc.chunks_exact(2)) {
        let out: &mut [f32; 8] = (&mut row[c0..c0 + 8]).try_into().expect("8 columns");
        store(out, 0, acc[0]);
        store(out, 4, acc[1]);
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

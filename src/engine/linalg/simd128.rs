//! wasm SIMD (simd128, which the relaxed build has too): `transpose_tile`.

use core::arch::wasm32::*;

/// `transpose_tile`: four loads, two rounds of four shuffles, four stores.
#[inline(always)]
pub fn transpose_tile(s: &[f32], cols: usize, out: &mut [f32], rows: usize, r: usize, c: usize) {
    // One check for the whole tile: its last row in `s`, its last column in `out`.
    assert!(super::tile_fits(s.len(), cols, r, c) && super::tile_fits(out.len(), rows, c, r));
    // SAFETY: row r + i of the tile starts at (r + i) · cols + c, and (r + i) · cols + c + 4
    // ≤ s.len() for i ≤ 3 (checked above); v128 loads need no alignment.
    let [a, b, e, f] = std::array::from_fn(|i| unsafe { v128_load(s.as_ptr().add((r + i) * cols + c) as *const v128) });
    // [a0 b0 a1 b1], [a2 b2 a3 b3], and the same of e and f
    let (ab01, ab23) = (i32x4_shuffle::<0, 4, 1, 5>(a, b), i32x4_shuffle::<2, 6, 3, 7>(a, b));
    let (ef01, ef23) = (i32x4_shuffle::<0, 4, 1, 5>(e, f), i32x4_shuffle::<2, 6, 3, 7>(e, f));
    // column j of the tile: [a_j b_j e_j f_j]
    let columns = [
        i64x2_shuffle::<0, 2>(ab01, ef01),
        i64x2_shuffle::<1, 3>(ab01, ef01),
        i64x2_shuffle::<0, 2>(ab23, ef23),
        i64x2_shuffle::<1, 3>(ab23, ef23),
    ];
    for (j, v) in columns.into_iter().enumerate() {
        // SAFETY: as for the loads, (c + j) · rows + r + 4 ≤ out.len() for j ≤ 3.
        unsafe { v128_store(out.as_mut_ptr().add((c + j) * rows + r) as *mut v128, v) };
    }
}

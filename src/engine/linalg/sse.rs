//! SSE, which every x86-64 CPU has: `transpose_tile`.

use core::arch::x86_64::*;

/// `transpose_tile`: four loads, two rounds of four shuffles, four stores.
#[inline(always)]
pub fn transpose_tile(s: &[f32], cols: usize, out: &mut [f32], rows: usize, r: usize, c: usize) {
    // One check for the whole tile: its last row in `s`, its last column in `out`.
    assert!(super::tile_fits(s.len(), cols, r, c) && super::tile_fits(out.len(), rows, c, r));
    // SAFETY: SSE is part of x86-64 itself. Row r + i of the tile starts at (r + i) · cols + c,
    // and (r + i) · cols + c + 4 ≤ s.len() for i ≤ 3; column j's at (c + j) · rows + r, and
    // (c + j) · rows + r + 4 ≤ out.len() for j ≤ 3 (both checked above); unaligned loads
    // and stores.
    unsafe {
        let [a, b, e, f] = std::array::from_fn(|i| _mm_loadu_ps(s.as_ptr().add((r + i) * cols + c)));
        // [a0 b0 a1 b1], [a2 b2 a3 b3], and the same of e and f
        let (ab01, ab23) = (_mm_unpacklo_ps(a, b), _mm_unpackhi_ps(a, b));
        let (ef01, ef23) = (_mm_unpacklo_ps(e, f), _mm_unpackhi_ps(e, f));
        // column j of the tile: [a_j b_j e_j f_j]
        let columns = [
            _mm_movelh_ps(ab01, ef01),
            _mm_movehl_ps(ef01, ab01),
            _mm_movelh_ps(ab23, ef23),
            _mm_movehl_ps(ef23, ab23),
        ];
        for (j, v) in columns.into_iter().enumerate() {
            _mm_storeu_ps(out.as_mut_ptr().add((c + j) * rows + r), v);
        }
    }
}

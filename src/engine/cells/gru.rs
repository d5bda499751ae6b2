//! GRU, gates r z n stacked in that order:
//! r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
//! n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.

use crate::engine::real::Real;

/// Stores the activated gates [r z n] and `gh_n` = W_hn h + b_hn for the backward pass.
#[inline(always)]
pub fn forward<R: Real>(gi: &[R], gh: &[R], h_prev: &[R], gates: &mut [R], gh_n: &mut [R], h: &mut [R]) {
    let n = h.len();
    for j in 0..n {
        let r = (gi[j] + gh[j]).sigmoid();
        let z = (gi[n + j] + gh[n + j]).sigmoid();
        // n = tanh(gi_n + r (W_hn h + b_hn))
        let hn = gh[2 * n + j];
        let nn = (gi[2 * n + j] + r * hn).tanh();
        gates[j] = r;
        gates[n + j] = z;
        gates[2 * n + j] = nn;
        gh_n[j] = hn;
        // h' = (1 − z) n + z h
        h[j] = (R::ONE - z) * nn + z * h_prev[j];
    }
}

/// Given dh' in `dh`, writes the gradients of both projections (`dgi`, `dgh`, which
/// differ in the n rows) and replaces `dh` by the direct part of dL/dh, z ⊙ dh'
/// (the network adds W_hh^T dgh).
#[inline(always)]
pub fn backward<R: Real>(gates: &[R], gh_n: &[R], h_prev: &[R], dh: &mut [R], dgi: &mut [R], dgh: &mut [R]) {
    let n = dh.len();
    for j in 0..n {
        let (r, z, nn) = (gates[j], gates[n + j], gates[2 * n + j]);
        let d = dh[j];
        // dn = dh' (1 − z);  dz = dh' (h − n)
        let dn = d * (R::ONE - z);
        let dz = d * (h_prev[j] - nn);
        // through tanh: da_n = dn (1 − n²); it reaches gi_n directly and gh_n through r
        let dan = dn * (R::ONE - nn * nn);
        // dr = da_n gh_n
        let dr = dan * gh_n[j];
        let dar = dr * r * (R::ONE - r);
        let daz = dz * z * (R::ONE - z);
        dgi[j] = dar;
        dgh[j] = dar;
        dgi[n + j] = daz;
        dgh[n + j] = daz;
        dgi[2 * n + j] = dan;
        dgh[2 * n + j] = dan * r;
        // direct path: dh = dh' z
        dh[j] = d * z;
    }
}

//! LSTM, gates i f g o stacked in that order:
//! i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o) with a_? = W_i? x + b_i? + W_h? h + b_h?;
//! c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c').

use crate::engine::real::Real;

/// Stores the activated gates [i f g o] and tanh(c') for the backward pass.
#[inline(always)]
pub fn forward<R: Real>(gi: &[R], gh: &[R], c_prev: &[R], gates: &mut [R], c: &mut [R], tanh_c: &mut [R], h: &mut [R]) {
    let n = h.len();
    for j in 0..n {
        // i, f, g, o from the summed projections
        let i = (gi[j] + gh[j]).sigmoid();
        let f = (gi[n + j] + gh[n + j]).sigmoid();
        let g = (gi[2 * n + j] + gh[2 * n + j]).tanh();
        let o = (gi[3 * n + j] + gh[3 * n + j]).sigmoid();
        // c' = f c + i g;  h' = o tanh(c')
        let cj = f * c_prev[j] + i * g;
        let tc = cj.tanh();
        gates[j] = i;
        gates[n + j] = f;
        gates[2 * n + j] = g;
        gates[3 * n + j] = o;
        c[j] = cj;
        tanh_c[j] = tc;
        h[j] = o * tc;
    }
}

/// Given dh' and `dc` = dL/dc' from later steps, writes the pre-activation gradients
/// `da` [i f g o] (both projections share them: dgi = dgh = da) and leaves dL/dc in `dc`.
#[inline(always)]
pub fn backward<R: Real>(gates: &[R], c_prev: &[R], tanh_c: &[R], dh: &[R], dc: &mut [R], da: &mut [R]) {
    let n = dh.len();
    for j in 0..n {
        let (i, f, g, o) = (gates[j], gates[n + j], gates[2 * n + j], gates[3 * n + j]);
        let tc = tanh_c[j];
        // dc' += dh' o (1 − tanh²c')
        let dct = dc[j] + dh[j] * o * (R::ONE - tc * tc);
        // do = dh' tanh c';  di = dc' g;  dg = dc' i;  df = dc' c
        let d_o = dh[j] * tc;
        let d_i = dct * g;
        let d_g = dct * i;
        let d_f = dct * c_prev[j];
        // through σ' = s(1 − s) and tanh' = 1 − g²
        da[j] = d_i * i * (R::ONE - i);
        da[n + j] = d_f * f * (R::ONE - f);
        da[2 * n + j] = d_g * (R::ONE - g * g);
        da[3 * n + j] = d_o * o * (R::ONE - o);
        // dc = dc' f
        dc[j] = dct * f;
    }
}

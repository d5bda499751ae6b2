//! Elman RNN: h' = act(W_ih x + b_ih + W_hh h + b_hh), act = tanh or relu.

use crate::engine::real::{tanh_of_sum, Real};
use crate::training::config::Nonlinearity;

/// h' = act(gi + gh)
#[inline(always)]
pub fn forward<R: Real>(act: Nonlinearity, gi: &[R], gh: &[R], h: &mut [R]) {
    match act {
        Nonlinearity::Tanh => tanh_of_sum(gi, gh, h),
        Nonlinearity::Relu => {
            for ((h, &a), &b) in h.iter_mut().zip(gi).zip(gh) {
                let s = a + b;
                *h = if s > R::ZERO { s } else { R::ZERO };
            }
        }
    }
}

/// da = dh' ⊙ act'(a), from the output h': tanh' = 1 − h'², relu' = [h' > 0].
/// Both projections share the pre-activation a, so dgi = dgh = da.
#[inline(always)]
pub fn backward<R: Real>(act: Nonlinearity, h: &[R], dh: &[R], da: &mut [R]) {
    match act {
        Nonlinearity::Tanh => {
            for ((d, &h), &g) in da.iter_mut().zip(h).zip(dh) {
                *d = g * (R::ONE - h * h);
            }
        }
        Nonlinearity::Relu => {
            for ((d, &h), &g) in da.iter_mut().zip(h).zip(dh) {
                *d = if h > R::ZERO { g } else { R::ZERO };
            }
        }
    }
}

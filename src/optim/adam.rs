//! Adam as `torch.optim.Adam` (no weight decay, not amsgrad), step by step:
//!   m ← m + (1 − β1)(g − m)            (torch's lerp)
//!   v ← β2 v + (1 − β2) g²
//!   p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
//! The bias corrections are computed in f64 and the element-wise work in f32, as in PyTorch.

use crate::real::Real;
use serde::{Deserialize, Serialize};

/// Gradients smaller than this are taken as zero: (1 − β2)·g² would be subnormal below
/// about 3e-17, and subnormal arithmetic is many times slower (wasm cannot flush it to zero).
/// Such a gradient moves its parameter by less than lr·1e-8 per step.
const TINY_GRAD: f32 = 1e-16;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adam {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// Steps taken (t in the bias corrections).
    pub step: u64,
    pub exp_avg: Vec<f32>,
    pub exp_avg_sq: Vec<f32>,
}

impl Adam {
    pub fn new(lr: f64, beta1: f64, beta2: f64, eps: f64, n: usize) -> Self {
        Adam { lr, beta1, beta2, eps, step: 0, exp_avg: vec![0.0; n], exp_avg_sq: vec![0.0; n] }
    }

    pub fn reset(&mut self) {
        self.step = 0;
        self.exp_avg.iter_mut().for_each(|m| *m = 0.0);
        self.exp_avg_sq.iter_mut().for_each(|v| *v = 0.0);
    }

    #[inline(always)]
    pub fn step(&mut self, params: &mut [f32], grads: &[f32]) {
        self.step += 1;
        let t = self.step.min(i32::MAX as u64) as i32;
        let bias_correction1 = 1.0 - self.beta1.powi(t);
        let bias_correction2 = 1.0 - self.beta2.powi(t);
        let step_size = (self.lr / bias_correction1) as f32;
        let bc2_sqrt = bias_correction2.sqrt() as f32;
        let (w1, beta2, w2, eps) =
            ((1.0 - self.beta1) as f32, self.beta2 as f32, (1.0 - self.beta2) as f32, self.eps as f32);
        for (((p, &g), m), v) in params.iter_mut().zip(grads).zip(&mut self.exp_avg).zip(&mut self.exp_avg_sq) {
            // Tiny gradients and moments are flushed so nothing turns subnormal (see `Real::flush`).
            let g = if g.abs() < TINY_GRAD { 0.0 } else { g };
            *m = (*m + w1 * (g - *m)).flush();
            *v = (beta2 * *v + w2 * g * g).flush();
            // denom = √v / √(1 − β2^t) + ε;  p += (−step_size · m) / denom, in that order, as
            // torch's addcdiv_ rounds it
            let denom = v.sqrt() / bc2_sqrt + eps;
            *p -= step_size * *m / denom;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_two_steps_match_hand_computed_values() {
        // lr 0.1, β = (0.9, 0.999), ε = 1e-8; p = 1, g = 0.5 then g = −1.
        let mut adam = Adam::new(0.1, 0.9, 0.999, 1e-8, 1);
        let mut p = [1.0f32];
        adam.step(&mut p, &[0.5]);
        // m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25 → p = 1 − 0.1·0.5/(0.5 + 1e-8)
        assert!((p[0] as f64 - (1.0 - 0.1 * 0.5 / (0.5 + 1e-8))).abs() < 1e-7, "{}", p[0]);
        adam.step(&mut p, &[-1.0]);
        // m = 0.9·0.05 − 0.1 = −0.055; v = 0.999·0.00025 + 0.001 = 0.00124975
        let (m, v) = (-0.055f64, 0.001_249_75f64);
        let expected = 0.9 - 0.1 / (1.0 - 0.81) * m / ((v / (1.0 - 0.999f64.powi(2))).sqrt() + 1e-8);
        assert!((p[0] as f64 - expected).abs() < 1e-6, "{} vs {expected}", p[0]);
        assert!((adam.exp_avg[0] as f64 - m).abs() < 1e-8);
        assert!((adam.exp_avg_sq[0] as f64 - v).abs() < 1e-9);
    }

    #[test]
    fn zero_gradients_decay_the_moments_to_zero_never_subnormal() {
        let mut adam = Adam::new(0.01, 0.9, 0.999, 1e-8, 1);
        let mut p = [0.0f32];
        adam.step(&mut p, &[1.0]);
        for _ in 0..200_000 {
            adam.step(&mut p, &[0.0]);
            for x in [adam.exp_avg[0], adam.exp_avg_sq[0]] {
                assert!(x == 0.0 || x.is_normal(), "subnormal moment {x:e}");
            }
        }
        assert_eq!(adam.exp_avg[0], 0.0);
        assert_eq!(adam.exp_avg_sq[0], 0.0);
    }
}

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
        let constants = self.constants();
        let moments = (&mut self.exp_avg[..], &mut self.exp_avg_sq[..]);
        // Once √(1 − β2^t) rounds to 1 in f32 (from about step 16,600 with β2 = 0.999), √v / 1
        // is √v exactly: the loop without that division gives the same bits, sooner (division
        // is the slowest of its operations).
        if constants.bias_correction2_sqrt == 1.0 {
            update::<false>(params, grads, moments, &constants);
        } else {
            update::<true>(params, grads, moments, &constants);
        }
    }

    /// The constants of step t = `self.step`, the bias corrections computed in f64.
    fn constants(&self) -> StepConstants {
        let t = self.step.min(i32::MAX as u64) as i32;
        let bias_correction1 = 1.0 - self.beta1.powi(t);
        let bias_correction2 = 1.0 - self.beta2.powi(t);
        StepConstants {
            one_minus_beta1: (1.0 - self.beta1) as f32,
            beta2: self.beta2 as f32,
            one_minus_beta2: (1.0 - self.beta2) as f32,
            eps: self.eps as f32,
            step_size: (self.lr / bias_correction1) as f32,
            bias_correction2_sqrt: bias_correction2.sqrt() as f32,
        }
    }
}

/// What one Adam step needs besides the tensors, rounded to f32: 1 − β1, β2, 1 − β2, ε,
/// lr / (1 − β1^t) and √(1 − β2^t).
struct StepConstants {
    one_minus_beta1: f32,
    beta2: f32,
    one_minus_beta2: f32,
    eps: f32,
    step_size: f32,
    bias_correction2_sqrt: f32,
}

/// One Adam update of every parameter; `CORRECT_V` divides √v by √(1 − β2^t) (see `Adam::step`).
#[inline(always)]
fn update<const CORRECT_V: bool>(
    params: &mut [f32],
    grads: &[f32],
    (exp_avg, exp_avg_sq): (&mut [f32], &mut [f32]),
    k: &StepConstants,
) {
    for (((p, &g), m), v) in params.iter_mut().zip(grads).zip(exp_avg).zip(exp_avg_sq) {
        // Tiny gradients and moments are flushed so nothing turns subnormal (see `Real::flush`).
        let g = if g.abs() < TINY_GRAD { 0.0 } else { g };
        *m = (*m + k.one_minus_beta1 * (g - *m)).flush();
        *v = (k.beta2 * *v + k.one_minus_beta2 * g * g).flush();
        // denom = √v / √(1 − β2^t) + ε;  p += (−step_size · m) / denom, in that order, as
        // torch's addcdiv_ rounds it
        let denom = if CORRECT_V { v.sqrt() / k.bias_correction2_sqrt } else { v.sqrt() } + k.eps;
        *p -= k.step_size * *m / denom;
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
    fn once_the_bias_correction_rounds_to_one_skipping_its_division_changes_no_bit() {
        let n = 4099;
        let wave = |i: usize, k: usize, scale: f32| ((i * k % 2003) as f32 - 1001.0) * scale;
        let grads: Vec<f32> = (0..n).map(|i| wave(i, 7919, 1e-4)).collect();
        for (t, rounds_to_one) in [(100, false), (16_000, false), (17_000, true), (20_000, true)] {
            let mut adam = Adam::new(0.02, 0.9, 0.999, 1e-8, n);
            adam.step = t - 1;
            adam.exp_avg = (0..n).map(|i| wave(i, 104_729, 1e-5)).collect();
            adam.exp_avg_sq = (0..n).map(|i| wave(i, 1_299_709, 1e-9).abs()).collect();
            let mut reference = adam.clone();
            let (mut p, mut p_reference) = (vec![0.5f32; n], vec![0.5f32; n]);
            adam.step(&mut p, &grads);
            // The step's update with the division by √(1 − β2^t), whatever it rounds to
            reference.step += 1;
            let constants = reference.constants();
            let root = constants.bias_correction2_sqrt;
            assert_eq!(root == 1.0, rounds_to_one, "√(1 − β2^t) at t = {t}: {root}");
            let moments = (&mut reference.exp_avg[..], &mut reference.exp_avg_sq[..]);
            update::<true>(&mut p_reference, &grads, moments, &constants);
            // The first element whose bits differ
            let differ = |u: &[f32], v: &[f32]| u.iter().zip(v).position(|(a, b)| a.to_bits() != b.to_bits());
            assert_eq!(differ(&p, &p_reference), None, "parameters at t = {t}");
            assert_eq!(differ(&adam.exp_avg_sq, &reference.exp_avg_sq), None, "v at t = {t}");
            assert_eq!(differ(&adam.exp_avg, &reference.exp_avg), None, "m at t = {t}");
        }
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

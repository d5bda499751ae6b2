//! Adam as `torch.optim.Adam` (not amsgrad; weight decay as PyTorch's L2, not AdamW), step by step:
//!   g ← g + λ θ                        (weight_decay λ; skipped while λ = 0)
//!   m ← m + (1 − β1)(g − m)            (torch's lerp)
//!   v ← β2 v + (1 − β2) g²
//!   p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
//! The bias corrections are computed in f64 and the element-wise work in f32, as in PyTorch.

use crate::engine::real::Real;
use crate::training::config::Config;

/// Gradients smaller than this are taken as zero: (1 − β2)·g² would be subnormal below
/// about 3e-17, and subnormal arithmetic is many times slower (wasm cannot flush it to zero).
/// Such a gradient moves its parameter by less than lr·1e-8 per step.
const TINY_GRAD: f32 = 1e-16;

/// Adam's state; its hyper-parameters (lr, β1, β2, ε, λ) are the `Config`'s.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Adam {
    /// Steps taken (t in the bias corrections).
    pub step: u64,
    #[serde(with = "crate::engine::floats")]
    pub exp_avg: Vec<f32>,
    #[serde(with = "crate::engine::floats")]
    pub exp_avg_sq: Vec<f32>,
}

impl Adam {
    /// Step 0 for `n` parameters.
    #[cfg(test)]
    pub fn new(n: usize) -> Self {
        Adam { step: 0, exp_avg: vec![0.0; n], exp_avg_sq: vec![0.0; n] }
    }

    pub fn reset(&mut self) {
        self.step = 0;
        self.exp_avg.iter_mut().for_each(|m| *m = 0.0);
        self.exp_avg_sq.iter_mut().for_each(|v| *v = 0.0);
    }

    #[inline(always)]
    pub fn step(&mut self, params: &mut [f32], grads: &[f32], config: &Config) {
        self.step += 1;
        let k = self.constants(config);
        let moments = (&mut self.exp_avg[..], &mut self.exp_avg_sq[..]);
        // Once √(1 − β2^t) rounds to 1 in f32 (from about step 16,600 with β2 = 0.999), √v / 1
        // is √v exactly: the loop without that division gives the same bits, sooner (division
        // is the slowest of its operations).
        match (k.bias_correction2_sqrt == 1.0, k.weight_decay == 0.0) {
            (true, true) => update::<false, false>(params, grads, moments, &k),
            (false, true) => update::<true, false>(params, grads, moments, &k),
            (true, false) => update::<false, true>(params, grads, moments, &k),
            (false, false) => update::<true, true>(params, grads, moments, &k),
        }
    }

    /// The constants of step t = `self.step` with `config`'s hyper-parameters, the bias
    /// corrections computed in f64.
    fn constants(&self, config: &Config) -> StepConstants {
        let t = self.step.min(i32::MAX as u64) as i32;
        let bias_correction1 = 1.0 - config.beta1.powi(t);
        let bias_correction2 = 1.0 - config.beta2.powi(t);
        StepConstants {
            weight_decay: config.weight_decay as f32,
            one_minus_beta1: (1.0 - config.beta1) as f32,
            beta2: config.beta2 as f32,
            one_minus_beta2: (1.0 - config.beta2) as f32,
            eps: config.eps as f32,
            step_size: (config.lr / bias_correction1) as f32,
            bias_correction2_sqrt: bias_correction2.sqrt() as f32,
        }
    }
}

/// What one Adam step needs besides the tensors, rounded to f32: λ, 1 − β1, β2, 1 − β2, ε,
/// lr / (1 − β1^t) and √(1 − β2^t).
struct StepConstants {
    weight_decay: f32,
    one_minus_beta1: f32,
    beta2: f32,
    one_minus_beta2: f32,
    eps: f32,
    step_size: f32,
    bias_correction2_sqrt: f32,
}

/// One Adam update of every parameter; `CORRECT_V` divides √v by √(1 − β2^t) (see `Adam::step`),
/// `DECAY` adds λθ to the gradient.
#[inline(always)]
fn update<const CORRECT_V: bool, const DECAY: bool>(
    params: &mut [f32],
    grads: &[f32],
    (exp_avg, exp_avg_sq): (&mut [f32], &mut [f32]),
    k: &StepConstants,
) {
    for (((p, &g), m), v) in params.iter_mut().zip(grads).zip(exp_avg).zip(exp_avg_sq) {
        // g ← g + λθ (torch's grad.add(param, alpha=weight_decay))
        let g = if DECAY { g + k.weight_decay * *p } else { g };
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
        let config = Config { lr: 0.1, ..Config::default() };
        let mut adam = Adam::new(1);
        let mut p = [1.0f32];
        adam.step(&mut p, &[0.5], &config);
        // m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25 → p = 1 − 0.1·0.5/(0.5 + 1e-8)
        assert!((p[0] as f64 - (1.0 - 0.1 * 0.5 / (0.5 + 1e-8))).abs() < 1e-7, "{}", p[0]);
        adam.step(&mut p, &[-1.0], &config);
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
        let config = Config::default();
        for (t, rounds_to_one) in [(100, false), (16_000, false), (17_000, true), (20_000, true)] {
            let mut adam = Adam::new(n);
            adam.step = t - 1;
            adam.exp_avg = (0..n).map(|i| wave(i, 104_729, 1e-5)).collect();
            adam.exp_avg_sq = (0..n).map(|i| wave(i, 1_299_709, 1e-9).abs()).collect();
            let mut reference = adam.clone();
            let (mut p, mut p_reference) = (vec![0.5f32; n], vec![0.5f32; n]);
            adam.step(&mut p, &grads, &config);
            // The step's update with the division by √(1 − β2^t), whatever it rounds to
            reference.step += 1;
            let constants = reference.constants(&config);
            let root = constants.bias_correction2_sqrt;
            assert_eq!(root == 1.0, rounds_to_one, "√(1 − β2^t) at t = {t}: {root}");
            let moments = (&mut reference.exp_avg[..], &mut reference.exp_avg_sq[..]);
            update::<true, false>(&mut p_reference, &grads, moments, &constants);
            // The first element whose bits differ
            let differ = |u: &[f32], v: &[f32]| u.iter().zip(v).position(|(a, b)| a.to_bits() != b.to_bits());
            assert_eq!(differ(&p, &p_reference), None, "parameters at t = {t}");
            assert_eq!(differ(&adam.exp_avg_sq, &reference.exp_avg_sq), None, "v at t = {t}");
            assert_eq!(differ(&adam.exp_avg, &reference.exp_avg), None, "m at t = {t}");
        }
    }

    #[test]
    fn zero_gradients_decay_the_moments_to_zero_never_subnormal() {
        let config = Config { lr: 0.01, ..Config::default() };
        let mut adam = Adam::new(1);
        let mut p = [0.0f32];
        adam.step(&mut p, &[1.0], &config);
        for _ in 0..200_000 {
            adam.step(&mut p, &[0.0], &config);
            for x in [adam.exp_avg[0], adam.exp_avg_sq[0]] {
                assert!(x == 0.0 || x.is_normal(), "subnormal moment {x:e}");
            }
        }
        assert_eq!(adam.exp_avg[0], 0.0);
        assert_eq!(adam.exp_avg_sq[0], 0.0);
    }

    #[test]
    fn weight_decay_adds_lambda_theta_to_the_gradient() {
        // With λ = 0.1 and θ = 2, a gradient of 0.3 steps as a gradient of 0.5 without decay.
        let decayed = Config { weight_decay: 0.1, ..Config::default() };
        let (mut a, mut b) = (Adam::new(1), Adam::new(1));
        let (mut p, mut q) = ([2.0f32], [2.0f32]);
        a.step(&mut p, &[0.3], &decayed);
        b.step(&mut q, &[0.5], &Config::default());
        assert_eq!((p, a.exp_avg[0], a.exp_avg_sq[0]), (q, b.exp_avg[0], b.exp_avg_sq[0]));
    }
}

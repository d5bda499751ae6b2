//! SGD as `torch.optim.SGD` (no dampening, not Nesterov), step by step:
//!   g ← g + λ θ                                   (weight_decay λ; skipped while λ = 0)
//!   b ← g on the first step, then b ← μ b + g;   θ ← θ − lr · b   (μ = 0: θ ← θ − lr · g)
//! As in PyTorch, a momentum set during a run starts its buffer from the next gradient, and
//! a momentum set back to 0 leaves the buffer as it was (it goes on from there if raised again).

use crate::engine::real::Real;
use crate::training::config::Config;

/// SGD's state; its hyper-parameters (lr, μ, λ) are the `Config`'s.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sgd {
    pub step: u64,
    /// Empty while no step has used momentum (PyTorch's state has no momentum_buffer then).
    #[serde(with = "crate::engine::floats")]
    pub momentum_buffer: Vec<f32>,
    /// The buffer was made during the run and takes the next gradient as it is.
    pub fresh_buffer: bool,
}

impl Sgd {
    /// Step 0 for `n` parameters, with a momentum buffer if `momentum` > 0.
    #[cfg(test)]
    pub fn new(momentum: f64, n: usize) -> Self {
        Sgd { step: 0, momentum_buffer: vec![0.0; if momentum > 0.0 { n } else { 0 }], fresh_buffer: false }
    }

    pub fn reset(&mut self) {
        self.step = 0;
        self.fresh_buffer = false;
        self.momentum_buffer.iter_mut().for_each(|b| *b = 0.0);
    }

    /// Momentum is now `momentum`: the buffer is allocated (by `try_reserve`, so running out is
    /// an error) the first time momentum is used, and starts from the next gradient.
    pub fn prepare(&mut self, momentum: f64, n: usize) -> Result<(), crate::engine::alloc::OutOfMemory> {
        if momentum > 0.0 && self.momentum_buffer.is_empty() {
            self.momentum_buffer = crate::engine::alloc::filled(n, 0.0)?;
            self.fresh_buffer = true;
        }
        Ok(())
    }

    #[inline(always)]
    pub fn step(&mut self, params: &mut [f32], grads: &[f32], config: &Config) {
        if config.weight_decay == 0.0 {
            self.update::<false>(params, grads, config);
        } else {
            self.update::<true>(params, grads, config);
        }
        self.step += 1;
    }

    /// One update of every parameter; `DECAY` adds λθ to the gradient.
    #[inline(always)]
    fn update<const DECAY: bool>(&mut self, params: &mut [f32], grads: &[f32], config: &Config) {
        let lr = config.lr as f32;
        let weight_decay = config.weight_decay as f32;
        // g ← g + λθ (torch's d_p.add(param, alpha=weight_decay))
        let decayed = |g: f32, p: f32| if DECAY { g + weight_decay * p } else { g };
        if config.momentum == 0.0 || self.momentum_buffer.is_empty() {
            for (p, &g) in params.iter_mut().zip(grads) {
                *p -= lr * decayed(g, *p);
            }
        } else {
            let mu = config.momentum as f32;
            let first = self.step == 0 || self.fresh_buffer;
            for ((p, &g), b) in params.iter_mut().zip(grads).zip(&mut self.momentum_buffer) {
                let g = decayed(g, *p);
                *b = if first { g } else { (mu * *b + g).flush() };
                *p -= lr * *b;
            }
            self.fresh_buffer = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgd(lr: f64, momentum: f64, weight_decay: f64) -> Config {
        Config { optimizer: crate::OptimizerKind::Sgd, lr, momentum, weight_decay, ..Config::default() }
    }

    #[test]
    fn plain_sgd_subtracts_lr_times_gradient() {
        let mut o = Sgd::new(0.0, 2);
        let mut p = [1.0f32, -2.0];
        o.step(&mut p, &[0.2, -4.0], &sgd(0.5, 0.0, 0.0));
        assert_eq!(p, [0.9, 0.0]);
    }

    #[test]
    fn momentum_starts_from_the_first_gradient() {
        let config = sgd(0.1, 0.9, 0.0);
        let mut o = Sgd::new(0.9, 1);
        let mut p = [0.0f32];
        o.step(&mut p, &[1.0], &config); // b = 1 → p = −0.1
        o.step(&mut p, &[1.0], &config); // b = 0.9 + 1 = 1.9 → p = −0.1 − 0.19
        assert!((p[0] - (-0.29)).abs() < 1e-7, "{}", p[0]);
        assert!((o.momentum_buffer[0] - 1.9).abs() < 1e-7);
    }

    #[test]
    fn weight_decay_adds_lambda_theta_to_the_gradient_before_momentum() {
        // λ = 0.5, θ = 2: the gradient 1 becomes 2, with and without momentum.
        let mut plain = Sgd::new(0.0, 1);
        let mut p = [2.0f32];
        plain.step(&mut p, &[1.0], &sgd(0.25, 0.0, 0.5));
        assert_eq!(p, [1.5]);
        let config = sgd(0.25, 0.5, 0.5);
        let mut o = Sgd::new(0.5, 1);
        let mut q = [2.0f32];
        o.step(&mut q, &[1.0], &config); // g = 1 + 0.5·2 = 2, b = 2, θ = 2 − 0.5 = 1.5
        o.step(&mut q, &[1.0], &config); // g = 1 + 0.75 = 1.75, b = 1 + 1.75 = 2.75, θ = 1.5 − 0.6875
        assert_eq!((q, o.momentum_buffer[0]), ([0.8125], 2.75));
    }
}

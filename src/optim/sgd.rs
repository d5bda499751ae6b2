//! SGD as `torch.optim.SGD` (no dampening, not Nesterov, no weight decay):
//!   b ← g on the first step, then b ← μ b + g;   p ← p − lr · b   (μ = 0: p ← p − lr · g)
//! As in PyTorch, a momentum set during a run starts its buffer from the next gradient, and
//! a momentum set back to 0 leaves the buffer as it was (it goes on from there if raised again).

use crate::real::Real;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sgd {
    pub lr: f64,
    pub momentum: f64,
    pub step: u64,
    /// Empty while no step has used momentum (PyTorch's state has no momentum_buffer then).
    pub momentum_buffer: Vec<f32>,
    /// The buffer was made during the run and takes the next gradient as it is.
    #[serde(default)]
    pub fresh_buffer: bool,
}

impl Sgd {
    pub fn new(lr: f64, momentum: f64, n: usize) -> Self {
        Sgd {
            lr,
            momentum,
            step: 0,
            momentum_buffer: vec![0.0; if momentum > 0.0 { n } else { 0 }],
            fresh_buffer: false,
        }
    }

    pub fn reset(&mut self) {
        self.step = 0;
        self.fresh_buffer = false;
        self.momentum_buffer.iter_mut().for_each(|b| *b = 0.0);
    }

    /// A new momentum: the buffer is allocated (by `try_reserve`, so running out is an error)
    /// the first time momentum is used, and starts from the next gradient.
    pub fn set_momentum(&mut self, momentum: f64, n: usize) -> Result<(), crate::alloc::OutOfMemory> {
        if momentum > 0.0 && self.momentum_buffer.is_empty() {
            self.momentum_buffer = crate::alloc::filled(n, 0.0)?;
            self.fresh_buffer = true;
        }
        self.momentum = momentum;
        Ok(())
    }

    #[inline(always)]
    pub fn step(&mut self, params: &mut [f32], grads: &[f32]) {
        let lr = self.lr as f32;
        if self.momentum == 0.0 || self.momentum_buffer.is_empty() {
            for (p, &g) in params.iter_mut().zip(grads) {
                *p -= lr * g;
            }
        } else {
            let mu = self.momentum as f32;
            let first = self.step == 0 || self.fresh_buffer;
            for ((p, &g), b) in params.iter_mut().zip(grads).zip(&mut self.momentum_buffer) {
                *b = if first { g } else { (mu * *b + g).flush() };
                *p -= lr * *b;
            }
            self.fresh_buffer = false;
        }
        self.step += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sgd_subtracts_lr_times_gradient() {
        let mut sgd = Sgd::new(0.5, 0.0, 2);
        let mut p = [1.0f32, -2.0];
        sgd.step(&mut p, &[0.2, -4.0]);
        assert_eq!(p, [0.9, 0.0]);
    }

    #[test]
    fn momentum_starts_from_the_first_gradient() {
        let mut sgd = Sgd::new(0.1, 0.9, 1);
        let mut p = [0.0f32];
        sgd.step(&mut p, &[1.0]); // b = 1 → p = −0.1
        sgd.step(&mut p, &[1.0]); // b = 0.9 + 1 = 1.9 → p = −0.1 − 0.19
        assert!((p[0] - (-0.29)).abs() < 1e-7, "{}", p[0]);
        assert!((sgd.momentum_buffer[0] - 1.9).abs() < 1e-7);
    }
}

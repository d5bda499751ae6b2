//! Optimizers with PyTorch's semantics, over the network's flat parameter buffer. Each holds
//! only its state (moments, step count); its hyper-parameters are read from the run's
//! `Config` at every step, so a live change has one home.

pub mod adam;
pub mod clip;
pub mod sgd;

pub use adam::Adam;
pub use clip::{clip_coefficient, clip_grad_norm};
pub use sgd::Sgd;

use crate::engine::alloc::{Buffers, OutOfMemory};
use crate::training::config::{Config, OptimizerKind};
use serde::{Deserialize, Serialize};

/// The configured optimizer's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Optimizer {
    Adam(Adam),
    Sgd(Sgd),
}

impl Optimizer {
    /// The state of `config`'s optimizer at step 0, its buffers allocated (or only counted)
    /// by `bufs`: Adam's two moments, SGD's momentum buffer where momentum is on.
    pub fn build(config: &Config, n_params: usize, bufs: &mut Buffers) -> Result<Self, OutOfMemory> {
        Ok(match config.optimizer {
            OptimizerKind::Adam => Optimizer::Adam(Adam {
                step: 0,
                exp_avg: bufs.filled(n_params, 0.0)?,
                exp_avg_sq: bufs.filled(n_params, 0.0)?,
            }),
            OptimizerKind::Sgd => Optimizer::Sgd(Sgd {
                step: 0,
                momentum_buffer: bufs.filled(if config.momentum > 0.0 { n_params } else { 0 }, 0.0)?,
                fresh_buffer: false,
            }),
        })
    }

    /// The per-parameter state: Adam's two moments, or SGD's momentum buffer (empty
    /// without momentum).
    pub fn moments(&self) -> Vec<(&'static str, &[f32])> {
        match self {
            Optimizer::Adam(o) => vec![("exp_avg", &o.exp_avg[..]), ("exp_avg_sq", &o.exp_avg_sq[..])],
            Optimizer::Sgd(o) => vec![("momentum_buffer", &o.momentum_buffer[..])],
        }
    }

    /// params -= update(grads), with `config`'s hyper-parameters.
    #[inline(always)]
    pub fn step(&mut self, params: &mut [f32], grads: &[f32], config: &Config) {
        match self {
            Optimizer::Adam(o) => o.step(params, grads, config),
            Optimizer::Sgd(o) => o.step(params, grads, config),
        }
    }

    /// Makes the state `config`'s hyper-parameters need, after a live change: SGD's momentum
    /// buffer, the first time momentum is turned on during the run (it starts from the next
    /// gradient, as in PyTorch). Running out of memory leaves the state as it was.
    pub fn prepare(&mut self, config: &Config, n_params: usize) -> Result<(), OutOfMemory> {
        match self {
            Optimizer::Adam(_) => Ok(()),
            Optimizer::Sgd(o) => o.prepare(config.momentum, n_params),
        }
    }

    /// Forgets all state (moments, step count).
    pub fn reset(&mut self) {
        match self {
            Optimizer::Adam(o) => o.reset(),
            Optimizer::Sgd(o) => o.reset(),
        }
    }
}

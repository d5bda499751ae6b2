//! Optimizers with PyTorch's semantics, over the network's flat parameter buffer.

pub mod adam;
pub mod clip;
pub mod sgd;

pub use adam::Adam;
pub use clip::clip_grad_norm;
pub use sgd::Sgd;

use crate::alloc::{Buffers, OutOfMemory};
use crate::config::{Config, OptimizerKind};
use crate::hyper::HyperParameter;
use serde::{Deserialize, Serialize};

/// The configured optimizer and its state (moments, step count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Optimizer {
    Adam(Adam),
    Sgd(Sgd),
}

impl Optimizer {
    pub fn new(config: &Config, n_params: usize) -> Self {
        match config.optimizer {
            OptimizerKind::Adam => {
                Optimizer::Adam(Adam::new(config.lr, config.beta1, config.beta2, config.eps, n_params))
            }
            OptimizerKind::Sgd => Optimizer::Sgd(Sgd::new(config.lr, config.momentum, n_params)),
        }
    }

    /// `new`, with the moments allocated (or only counted) by `bufs`.
    pub fn build(config: &Config, n_params: usize, bufs: &mut Buffers) -> Result<Self, OutOfMemory> {
        Ok(match Optimizer::new(config, 0) {
            Optimizer::Adam(mut o) => {
                o.exp_avg = bufs.filled(n_params, 0.0)?;
                o.exp_avg_sq = bufs.filled(n_params, 0.0)?;
                Optimizer::Adam(o)
            }
            Optimizer::Sgd(mut o) => {
                o.momentum_buffer = bufs.filled(if o.momentum > 0.0 { n_params } else { 0 }, 0.0)?;
                Optimizer::Sgd(o)
            }
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

    /// params -= update(grads)
    #[inline(always)]
    pub fn step(&mut self, params: &mut [f32], grads: &[f32]) {
        match self {
            Optimizer::Adam(o) => o.step(params, grads),
            Optimizer::Sgd(o) => o.step(params, grads),
        }
    }

    /// Sets one hyper-parameter of the running optimizer, as a PyTorch loop sets
    /// `param_groups[0][name]`; those of the other optimizer (and clipNorm) are not its own.
    pub fn set(&mut self, parameter: HyperParameter, value: f64, n_params: usize) -> Result<(), OutOfMemory> {
        match (self, parameter) {
            (Optimizer::Adam(o), HyperParameter::Lr) => o.lr = value,
            (Optimizer::Adam(o), HyperParameter::Beta1) => o.beta1 = value,
            (Optimizer::Adam(o), HyperParameter::Beta2) => o.beta2 = value,
            (Optimizer::Adam(o), HyperParameter::Eps) => o.eps = value,
            (Optimizer::Sgd(o), HyperParameter::Lr) => o.lr = value,
            (Optimizer::Sgd(o), HyperParameter::Momentum) => o.set_momentum(value, n_params)?,
            _ => {}
        }
        Ok(())
    }

    /// Forgets all state (moments, step count), keeping the hyperparameters.
    pub fn reset(&mut self) {
        match self {
            Optimizer::Adam(o) => o.reset(),
            Optimizer::Sgd(o) => o.reset(),
        }
    }
}

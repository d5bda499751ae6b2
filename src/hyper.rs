//! The optimizer settings that may change while a run goes on, as a PyTorch loop changes
//! `optimizer.param_groups[0]['lr']` (or `clip_grad_norm_`'s max_norm) between steps: their
//! names and the record of each change.

use crate::config::names;
use crate::Config;
use serde::{Deserialize, Serialize};

/// One optimizer setting that applies to a running trainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HyperParameter {
    Lr,
    Momentum,
    Beta1,
    Beta2,
    Eps,
    ClipNorm,
}

names!(HyperParameter, "hyper-parameter",
    HyperParameter::Lr => "lr", HyperParameter::Momentum => "momentum", HyperParameter::Beta1 => "beta1",
    HyperParameter::Beta2 => "beta2", HyperParameter::Eps => "eps", HyperParameter::ClipNorm => "clipNorm");

impl HyperParameter {
    pub const ALL: [HyperParameter; 6] = [
        HyperParameter::Lr,
        HyperParameter::Momentum,
        HyperParameter::Beta1,
        HyperParameter::Beta2,
        HyperParameter::Eps,
        HyperParameter::ClipNorm,
    ];

    /// Whether it changes training with `optimizer` (momentum is SGD's; β1, β2 and ε Adam's).
    pub fn applies_to(self, optimizer: crate::config::OptimizerKind) -> bool {
        use crate::config::OptimizerKind::{Adam, Sgd};
        !matches!(
            (self, optimizer),
            (HyperParameter::Momentum, Adam)
                | (HyperParameter::Beta1 | HyperParameter::Beta2 | HyperParameter::Eps, Sgd)
        )
    }

    /// Its value in `config`.
    pub fn get(self, config: &Config) -> f64 {
        match self {
            HyperParameter::Lr => config.lr,
            HyperParameter::Momentum => config.momentum,
            HyperParameter::Beta1 => config.beta1,
            HyperParameter::Beta2 => config.beta2,
            HyperParameter::Eps => config.eps,
            HyperParameter::ClipNorm => config.clip_norm,
        }
    }

    /// Sets its value in `config` (not validated).
    pub fn set(self, config: &mut Config, value: f64) {
        match self {
            HyperParameter::Lr => config.lr = value,
            HyperParameter::Momentum => config.momentum = value,
            HyperParameter::Beta1 => config.beta1 = value,
            HyperParameter::Beta2 => config.beta2 = value,
            HyperParameter::Eps => config.eps = value,
            HyperParameter::ClipNorm => config.clip_norm = value,
        }
    }
}

/// A change made during a run: from window `step` on (the window trained `step`-th, counting
/// from 0, is the first to use it), `parameter` is `value`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HyperChange {
    pub step: u64,
    pub parameter: HyperParameter,
    pub value: f64,
}

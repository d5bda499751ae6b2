//! The whole training state as JSON: configuration, weights, optimizer moments and step
//! counts, carried hidden state, step number and loss history. Importing a checkpoint
//! and training on gives bit for bit the losses the original run would have given.

use crate::config::{Config, OptimizerKind};
use crate::content::{self, Content};
use crate::error::Error;
use crate::hyper::HyperChange;
use crate::loss_history::LossHistory;
use crate::network::State;
use crate::optim::{Adam, Optimizer, Sgd};
use crate::state_dict_json;
use crate::trainer::{Origin, Trainer};
use crate::weights_file::parse_json;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` field that marks a checkpoint.
pub const FORMAT: &str = "rnn-playground checkpoint";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checkpoint {
    format: String,
    version: u32,
    config: Config,
    step: u64,
    weights: Value,
    optimizer: SavedOptimizer,
    hidden: Vec<f32>,
    cell: Vec<f32>,
    losses: LossHistory,
    /// The global gradient norm of every step (absent in older checkpoints).
    #[serde(default)]
    gradient_norms: Option<LossHistory>,
    /// The configuration at step 0 and the hyper-parameter changes since (absent in older
    /// checkpoints: no change was made).
    #[serde(default)]
    start_config: Option<Config>,
    #[serde(default)]
    changes: Vec<HyperChange>,
    /// The run started from its seed (false, or absent in older checkpoints: not known).
    #[serde(default)]
    from_seed: bool,
}

impl Trainer {
    /// The whole training state as JSON. Errors when training diverged (weights,
    /// optimizer moments or carried state hold NaN or infinite numbers): such a
    /// checkpoint could not be imported.
    pub fn export_checkpoint(&self) -> Result<String, Error> {
        self.check_finite("checkpoint's weights", &self.net.params)?;
        for (name, values) in self.optimizer.moments() {
            self.check_finite(&format!("checkpoint's optimizer {name}"), values)?;
        }
        self.check_finite("checkpoint's hidden state", &self.state.h)?;
        self.check_finite("checkpoint's cell state", &self.state.c)?;
        self.ensure_export_memory()?;
        let checkpoint = Checkpoint {
            format: FORMAT.into(),
            version: VERSION,
            config: self.config.clone(),
            step: self.step,
            weights: state_dict_json::to_value(&self.net.layout, &self.net.params),
            optimizer: SavedOptimizer::of(&self.optimizer, &self.config),
            hidden: self.state.h.clone(),
            cell: self.state.c.clone(),
            losses: self.history.clone(),
            gradient_norms: Some(self.grad_norms.clone()),
            start_config: Some(self.start_config.clone()),
            changes: self.changes.clone(),
            from_seed: self.origin == Origin::Seed,
        };
        serde_json::to_string(&checkpoint).map_err(|e| Error(format!("cannot write the checkpoint: {e}")))
    }

    /// A trainer that continues exactly where the checkpoint's run stopped; `bytes` is
    /// the checkpoint's JSON text.
    pub fn from_checkpoint(bytes: &[u8]) -> Result<Trainer, Error> {
        if content::classify(bytes) != Content::Json {
            return Err(Error(format!("this file is {}; a checkpoint is JSON", content::describe(bytes))));
        }
        let value = parse_json(bytes, "the checkpoint")?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(Error::new("not an rnn-playground checkpoint (its \"format\" field is missing or different)"));
        }
        let cp: Checkpoint = serde_json::from_value(value).map_err(|e| Error(format!("invalid checkpoint: {e}")))?;
        if cp.version != VERSION {
            return Err(Error(format!("checkpoint version {} is not supported (expected {VERSION})", cp.version)));
        }
        let mut trainer = Trainer::new(cp.config.clone())?;
        let params = state_dict_json::from_value(&trainer.net.layout, &cp.weights, &trainer.model_name())?;
        let optimizer = cp.optimizer.restore(&cp.config, trainer.net.params.len())?;
        check_vec("hidden", &cp.hidden, trainer.state.h.len())?;
        check_vec("cell", &cp.cell, trainer.state.c.len())?;
        if !cp.losses.is_consistent() {
            return Err(Error::new("checkpoint loss history is inconsistent"));
        }
        trainer.net.params = params;
        trainer.optimizer = optimizer;
        trainer.state = State { h: cp.hidden, c: cp.cell };
        trainer.step = cp.step;
        trainer.history = cp.losses;
        if let Some(norms) = cp.gradient_norms.filter(LossHistory::is_consistent) {
            trainer.grad_norms = norms;
        }
        if let Some(start) = cp.start_config {
            start.validate().map_err(|e| Error(format!("checkpoint start_config: {}", e.0)))?;
            trainer.start_config = start;
        }
        if cp.changes.iter().any(|c| c.step > cp.step || !c.value.is_finite()) {
            return Err(Error::new("checkpoint changes name a step after the checkpoint's or a non-finite value"));
        }
        trainer.changes = cp.changes;
        trainer.origin = if cp.from_seed { Origin::Seed } else { Origin::Unknown };
        trainer.preview();
        Ok(trainer)
    }
}

fn check_vec(field: &str, v: &[f32], len: usize) -> Result<(), Error> {
    if v.len() != len {
        return Err(Error(format!("checkpoint {field} has {} values, the model needs {len}", v.len())));
    }
    if v.iter().any(|x| !x.is_finite()) {
        return Err(Error(format!("checkpoint {field} holds a non-finite number")));
    }
    Ok(())
}

/// The optimizer as a checkpoint writes it: its hyper-parameters (the config's, written again
/// so that each optimizer's entry reads alone) and its state.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SavedOptimizer {
    Adam {
        lr: f64,
        beta1: f64,
        beta2: f64,
        eps: f64,
        step: u64,
        exp_avg: Vec<f32>,
        exp_avg_sq: Vec<f32>,
    },
    Sgd {
        lr: f64,
        momentum: f64,
        step: u64,
        momentum_buffer: Vec<f32>,
        #[serde(default)]
        fresh_buffer: bool,
    },
}

impl SavedOptimizer {
    fn of(optimizer: &Optimizer, c: &Config) -> Self {
        match optimizer.clone() {
            Optimizer::Adam(Adam { step, exp_avg, exp_avg_sq }) => {
                SavedOptimizer::Adam { lr: c.lr, beta1: c.beta1, beta2: c.beta2, eps: c.eps, step, exp_avg, exp_avg_sq }
            }
            Optimizer::Sgd(Sgd { step, momentum_buffer, fresh_buffer }) => {
                SavedOptimizer::Sgd { lr: c.lr, momentum: c.momentum, step, momentum_buffer, fresh_buffer }
            }
        }
    }

    /// The optimizer's state, once it is checked to be `config`'s optimizer with the same
    /// hyper-parameters and one finite moment per parameter.
    fn restore(self, c: &Config, n_params: usize) -> Result<Optimizer, Error> {
        match (self, c.optimizer) {
            (SavedOptimizer::Adam { lr, beta1, beta2, eps, step, exp_avg, exp_avg_sq }, OptimizerKind::Adam) => {
                if (lr, beta1, beta2, eps) != (c.lr, c.beta1, c.beta2, c.eps) {
                    return Err(Error::new("checkpoint Adam hyperparameters differ from its config"));
                }
                check_vec("optimizer exp_avg", &exp_avg, n_params)?;
                check_vec("optimizer exp_avg_sq", &exp_avg_sq, n_params)?;
                Ok(Optimizer::Adam(Adam { step, exp_avg, exp_avg_sq }))
            }
            (SavedOptimizer::Sgd { lr, momentum, step, momentum_buffer, fresh_buffer }, OptimizerKind::Sgd) => {
                if (lr, momentum) != (c.lr, c.momentum) {
                    return Err(Error::new("checkpoint SGD hyperparameters differ from its config"));
                }
                // Empty until a step uses momentum (which may have been set during the run).
                let len = if momentum_buffer.is_empty() { 0 } else { n_params };
                check_vec("optimizer momentum_buffer", &momentum_buffer, len)?;
                Ok(Optimizer::Sgd(Sgd { step, momentum_buffer, fresh_buffer }))
            }
            _ => Err(Error::new("checkpoint optimizer differs from the one its config names")),
        }
    }
}

//! The record of a training run in the format of the PyTorch fixtures
//! (tests/fixtures/README.md): configuration, initial and final state dicts, and every
//! step's loss and predictions. `train --record` writes it; the parity tests read it.

use crate::config::{CellKind, Config, Nonlinearity, OptimizerKind};
use crate::error::Error;
use crate::state_dict;
use crate::tasks::Task;
use crate::trainer::Trainer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub config: RecordConfig,
    pub initial_state_dict: Value,
    pub losses: Vec<f64>,
    pub predictions: Vec<Vec<f64>>,
    pub final_state_dict: Value,
    /// Only in the PyTorch fixtures: the same run in float64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub float64_losses: Option<Vec<f64>>,
}

/// The fixtures' `config`; the fields after `seed` are this engine's additions, with
/// the tutorial's values when absent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordConfig {
    pub cell: CellKind,
    #[serde(default = "tanh")]
    pub nonlinearity: Nonlinearity,
    pub hidden: usize,
    pub layers: usize,
    pub lr: f64,
    pub optimizer: OptimizerKind,
    pub steps: u64,
    pub time_step: usize,
    pub seed: u32,
    #[serde(default = "sin_cos")]
    pub task: Task,
    #[serde(default)]
    pub momentum: f64,
    #[serde(default)]
    pub clip_norm: f64,
}

fn tanh() -> Nonlinearity {
    Nonlinearity::Tanh
}
fn sin_cos() -> Task {
    Task::SinCos
}

impl RecordConfig {
    /// The run's configuration (Adam's β and ε are PyTorch's defaults).
    pub fn to_config(&self) -> Config {
        Config {
            cell: self.cell,
            nonlinearity: self.nonlinearity,
            hidden: self.hidden,
            layers: self.layers,
            lr: self.lr,
            optimizer: self.optimizer,
            momentum: self.momentum,
            clip_norm: self.clip_norm,
            time_step: self.time_step,
            seed: self.seed,
            task: self.task,
            ..Config::default()
        }
    }
}

impl Record {
    pub fn parse(json: &str) -> Result<Record, Error> {
        serde_json::from_str(json).map_err(|e| Error(format!("not a training record: {e}")))
    }

    /// Trains `steps` windows with `trainer` (from wherever it stands) and records them;
    /// `on_step(step, loss)` is called after each.
    pub fn run(trainer: &mut Trainer, steps: u64, mut on_step: impl FnMut(u64, f32)) -> Record {
        let c = trainer.config().clone();
        let initial_state_dict = state_dict::to_value(&trainer.network().layout, &trainer.network().params);
        let mut losses = Vec::with_capacity(steps as usize);
        let mut predictions = Vec::with_capacity(steps as usize);
        for i in 0..steps {
            let loss = trainer.step();
            losses.push(loss as f64);
            predictions.push(trainer.last_window().prediction.iter().map(|&p| p as f64).collect());
            on_step(i + 1, loss);
        }
        Record {
            config: RecordConfig {
                cell: c.cell,
                nonlinearity: c.nonlinearity,
                hidden: c.hidden,
                layers: c.layers,
                lr: c.lr,
                optimizer: c.optimizer,
                steps,
                time_step: c.time_step,
                seed: c.seed,
                task: c.task,
                momentum: c.momentum,
                clip_norm: c.clip_norm,
            },
            initial_state_dict,
            losses,
            predictions,
            final_state_dict: state_dict::to_value(&trainer.network().layout, &trainer.network().params),
            float64_losses: None,
        }
    }
}

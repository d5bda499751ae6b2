//! The record of a training run in the format of the PyTorch fixtures
//! (tests/fixtures/README.md): configuration, initial and final state dicts, and every
//! step's loss and predictions. `train --record` writes it (`record_writer`); the parity
//! tests read it.

use crate::error::Error;
use crate::training::config::{CellKind, Config, Nonlinearity, OptimizerKind};
use crate::training::tasks::Task;
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
    /// PyTorch's `weight_decay` (L2 added to the gradient); left out when 0.
    #[serde(default, skip_serializing_if = "crate::training::config::is_zero")]
    pub weight_decay: f64,
    #[serde(default)]
    pub clip_norm: f64,
    /// False for a run whose windows each start from h = 0 (`--no-carry`); left out when true,
    /// as in the PyTorch fixtures.
    #[serde(default = "carried", skip_serializing_if = "is_carried")]
    pub carry_state: bool,
}

fn carried() -> bool {
    true
}
fn is_carried(carry_state: &bool) -> bool {
    *carry_state
}

fn tanh() -> Nonlinearity {
    Nonlinearity::Tanh
}
fn sin_cos() -> Task {
    Task::SinCos
}

impl RecordConfig {
    /// The record's config of a run of `steps` windows with `c`.
    pub fn of(c: &Config, steps: u64) -> Self {
        RecordConfig {
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
            weight_decay: c.weight_decay,
            clip_norm: c.clip_norm,
            carry_state: c.carry_state,
        }
    }

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
            weight_decay: self.weight_decay,
            clip_norm: self.clip_norm,
            time_step: self.time_step,
            seed: self.seed,
            task: self.task,
            carry_state: self.carry_state,
            ..Config::default()
        }
    }
}

impl Record {
    pub fn parse(json: &str) -> Result<Record, Error> {
        serde_json::from_str(json)
            .map_err(|e| Error::new(crate::messages::RECORD_INVALID).text("detail", e.to_string()))
    }
}

//! The configuration of a training run. Its fields' names, ranges, defaults (the tutorial's)
//! and validation are declared once, in `settings::SETTINGS`.

use crate::training::choice::names;
use crate::training::tasks::Task;
use serde::{Deserialize, Serialize};

/// The recurrent cell, with PyTorch's equations (see `cells`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    Rnn,
    Lstm,
    Gru,
}

/// The Elman RNN's activation (LSTM and GRU ignore it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Nonlinearity {
    Tanh,
    Relu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    Adam,
    Sgd,
}

/// Everything that defines a run: one field per `Scope::Structural` or `Scope::Live` row of
/// `settings::SETTINGS`, which holds each one's range and default. Build it with
/// `Config::default()` and field updates, then `validate()` (every constructor that takes a
/// `Config` validates it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub task: Task,
    pub cell: CellKind,
    pub nonlinearity: Nonlinearity,
    /// Hidden units per layer.
    pub hidden: usize,
    /// Stacked recurrent layers.
    pub layers: usize,
    /// Points per window.
    pub time_step: usize,
    pub optimizer: OptimizerKind,
    pub lr: f64,
    /// SGD's momentum μ (0: plain SGD).
    pub momentum: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// L2 penalty λ: both optimizers take g + λθ as the gradient (PyTorch's `weight_decay`).
    /// Checkpoints leave it out while 0 (`files::checkpoint`).
    pub weight_decay: f64,
    /// Largest global gradient norm before clipping; 0 turns clipping off.
    pub clip_norm: f64,
    /// `torch.manual_seed(seed)`.
    pub seed: u32,
    /// Carry the hidden state (h, and c for an LSTM) from one window into the next, its
    /// gradient cut at the boundary (the tutorial's protocol); false starts every window
    /// from h = 0, c = 0.
    pub carry_state: bool,
}

/// serde's `skip_serializing_if` for a field left out while 0.
pub(crate) fn is_zero(x: &f64) -> bool {
    *x == 0.0
}
impl Config {
    /// Gates stacked in each weight matrix: 1 (RNN), 4 (LSTM: i f g o), 3 (GRU: r z n).
    pub fn gates(&self) -> usize {
        match self.cell {
            CellKind::Rnn => 1,
            CellKind::Lstm => 4,
            CellKind::Gru => 3,
        }
    }
}

names!(CellKind, "cell",
    CellKind::Rnn => "rnn", "RNN (Elman)", "",
    CellKind::Lstm => "lstm", "LSTM", "",
    CellKind::Gru => "gru", "GRU", "");
names!(Nonlinearity, "nonlinearity",
    Nonlinearity::Tanh => "tanh", "tanh", "",
    Nonlinearity::Relu => "relu", "ReLU", "");
names!(OptimizerKind, "optimizer",
    OptimizerKind::Adam => "adam", "Adam", "",
    OptimizerKind::Sgd => "sgd", "SGD", "");

//! The one validated configuration of a training run; its defaults are the tutorial's.

use crate::error::Error;
use crate::tasks::Task;
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

/// Everything that defines a run. Build it with `Config::default()` and field updates,
/// then `validate()` (every constructor that takes a `Config` validates it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub cell: CellKind,
    pub nonlinearity: Nonlinearity,
    /// Hidden units per layer, 1 to 256.
    pub hidden: usize,
    /// Stacked recurrent layers, 1 to 4.
    pub layers: usize,
    pub lr: f64,
    pub optimizer: OptimizerKind,
    /// SGD momentum, 0 (plain SGD) to below 1.
    pub momentum: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// Largest global gradient norm before clipping; 0 turns clipping off.
    pub clip_norm: f64,
    /// Points per window, 2 to 200.
    pub time_step: usize,
    /// `torch.manual_seed(seed)`.
    pub seed: u32,
    pub task: Task,
    /// Carry the hidden state (h, and c for an LSTM) from one window into the next, its
    /// gradient cut at the boundary (the tutorial's protocol); false starts every window
    /// from h = 0, c = 0.
    pub carry_state: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            cell: CellKind::Rnn,
            nonlinearity: Nonlinearity::Tanh,
            hidden: 32,
            layers: 1,
            lr: 0.02,
            optimizer: OptimizerKind::Adam,
            momentum: 0.0,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            clip_norm: 0.0,
            time_step: 10,
            seed: 1,
            task: Task::SinCos,
            carry_state: true,
        }
    }
}

/// Inclusive ranges of the numeric fields, shared by validation and the command line.
pub const HIDDEN_RANGE: (usize, usize) = (1, 256);
pub const LAYERS_RANGE: (usize, usize) = (1, 4);
pub const TIME_STEP_RANGE: (usize, usize) = (2, 200);
pub const MAX_LR: f64 = 10.0;

impl Config {
    /// Checks every field; the error names the field, its range and the value given.
    pub fn validate(&self) -> Result<(), Error> {
        self.validate_named(str::to_string)
    }

    /// As `validate`, with each field called `name(field)` in the message: `timeStep` for
    /// JavaScript, `--time-step` on the command line.
    pub fn validate_named(&self, name: impl Fn(&str) -> String) -> Result<(), Error> {
        let int = |field: &str, value: usize, range: (usize, usize)| {
            if value < range.0 || value > range.1 {
                return Err(int_range_error(&name(field), range, value));
            }
            Ok(())
        };
        let real = |field: &str, value: f64, ok: bool, range: &str| {
            if !ok || !value.is_finite() {
                return Err(Error(format!("{} must be {range}, got {}", name(field), crate::numbers::compact(value))));
            }
            Ok(())
        };
        let below_one = |v: f64| (0.0..1.0).contains(&v);
        int("hidden", self.hidden, HIDDEN_RANGE)?;
        int("layers", self.layers, LAYERS_RANGE)?;
        int("time_step", self.time_step, TIME_STEP_RANGE)?;
        real("lr", self.lr, self.lr > 0.0 && self.lr <= MAX_LR, &format!("greater than 0 and at most {MAX_LR}"))?;
        real("momentum", self.momentum, below_one(self.momentum), "from 0 to below 1")?;
        real("beta1", self.beta1, below_one(self.beta1), "from 0 to below 1")?;
        real("beta2", self.beta2, below_one(self.beta2), "from 0 to below 1")?;
        real("eps", self.eps, self.eps > 0.0 && self.eps <= 1.0, "greater than 0 and at most 1")?;
        real("clip_norm", self.clip_norm, self.clip_norm >= 0.0, "0 (off) or a positive number")
    }

    /// Gates stacked in each weight matrix: 1 (RNN), 4 (LSTM: i f g o), 3 (GRU: r z n).
    pub fn gates(&self) -> usize {
        match self.cell {
            CellKind::Rnn => 1,
            CellKind::Lstm => 4,
            CellKind::Gru => 3,
        }
    }
}

/// "hidden must be an integer from 1 to 256, got 0"
pub(crate) fn int_range_error(field: &str, (lo, hi): (usize, usize), value: impl std::fmt::Display) -> Error {
    Error(format!("{field} must be an integer from {lo} to {hi}, got {value}"))
}

/// `name()` and `from_name()` for an enum of named choices.
macro_rules! names {
    ($ty:ty, $what:literal, $($variant:path => $name:literal),+) => {
        impl $ty {
            /// The name used in configurations, URLs and the command line.
            pub fn name(self) -> &'static str {
                match self { $($variant => $name),+ }
            }
            pub fn from_name(name: &str) -> Result<Self, $crate::error::Error> {
                match name {
                    $($name => Ok($variant),)+
                    _ => Err($crate::error::Error(format!(
                        concat!($what, " must be one of {}, got {:?}"),
                        [$($name),+].join(", "), name
                    ))),
                }
            }
        }
    };
}

pub(crate) use names;

names!(CellKind, "cell", CellKind::Rnn => "rnn", CellKind::Lstm => "lstm", CellKind::Gru => "gru");
names!(Nonlinearity, "nonlinearity", Nonlinearity::Tanh => "tanh", Nonlinearity::Relu => "relu");
names!(OptimizerKind, "optimizer", OptimizerKind::Adam => "adam", OptimizerKind::Sgd => "sgd");

//! rnn-playground: a recurrent regressor (Elman RNN, LSTM, GRU) with hand-written
//! gradients that reproduces PyTorch's training of the sin→cos tutorial step by step.
//!
//! Three layers, with no import cycle between files (`tests/layout.rs`). The engine reads a
//! run's `training::config::Config` (the network's shape, the optimizer's hyper-parameters);
//! the trainer reads and writes weights through `files`, whose checkpoints read the trainer.
//! - `engine`: the network (cells, BPTT), its parameters, the optimizers, the matrix
//!   products and their kernels, memory: the maths, nothing of files or the browser.
//! - `training`: a run's configuration (the settings table), its data tasks, the trainer
//!   that steps window after window, live hyper-parameter changes, histories, and the
//!   PyTorch script that reproduces a run.
//! - `files`: what goes in and out as bytes: state dicts (JSON, safetensors), weights files
//!   judged by their content, checkpoints, and recorded runs.
//! - `charts` draws a trainer's data on any plotters backend; `wasm` (wasm32 only) is the
//!   JavaScript API, translating between JS values and the rest.

pub mod charts;
pub mod engine;
pub mod error;
pub mod files;
pub mod messages;
pub mod numbers;
pub mod serde_errors;
pub mod training;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::isa::Isa;
pub use engine::network::Network;
pub use error::Error;
pub use training::config::{CellKind, Config, Nonlinearity, OptimizerKind};
pub use training::tasks::Task;
pub use training::trainer::Trainer;

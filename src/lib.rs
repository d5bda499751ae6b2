//! rnn-playground: a recurrent regressor (Elman RNN, LSTM, GRU) with hand-written
//! gradients that reproduces PyTorch's training of the sin→cos tutorial step by step.
//!
//! The engine (everything but `charts` and `wasm`) knows nothing of the browser.

pub mod alloc;
pub mod cells;
pub mod charts;
pub mod checkpoint;
pub mod choice;
pub mod config;
pub mod content;
pub mod error;
pub mod fixture;
pub mod hyper;
pub mod isa;
pub mod linalg;
pub mod loss_history;
pub mod network;
pub mod numbers;
pub mod optim;
pub mod params;
pub mod pytorch_script;
pub mod real;
pub mod recent_windows;
pub mod record_writer;
pub mod rng;
pub mod safetensors_file;
pub mod settings;
pub mod state_dict;
pub mod state_dict_json;
pub mod tasks;
pub mod trainer;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod weights_file;

pub use config::{CellKind, Config, Nonlinearity, OptimizerKind};
pub use error::Error;
pub use isa::Isa;
pub use network::Network;
pub use tasks::Task;
pub use trainer::Trainer;

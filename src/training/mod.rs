//! A training run: its configuration and the one table of settings it is declared in, the
//! data tasks, the trainer (window after window, the state carried over), live changes of
//! hyper-parameters, the loss and gradient histories, and the PyTorch script of a run.

pub mod choice;
pub mod config;
pub mod hyper;
pub mod loss_history;
pub mod pytorch_script;
pub mod recent_windows;
pub mod settings;
pub mod step_trace;
pub mod tasks;
pub mod trainer;

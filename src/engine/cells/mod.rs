//! One time step of each recurrent cell, forward and backward, with PyTorch's equations.
//!
//! Each cell receives its two affine projections already computed by the network:
//! `gi = W_ih x + b_ih` and `gh = W_hh h + b_hh` (rows stacked gate by gate), and in the
//! backward pass returns their gradients `dgi`, `dgh`. The network turns those into
//! weight gradients and the gradient flowing into the previous hidden state.

pub mod gru;
pub mod lstm;
pub mod rnn;

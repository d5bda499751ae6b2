//! The maths: the recurrent network and its hand-written backward pass (truncated BPTT), the
//! cells, the parameters in PyTorch's layout, the optimizers, the matrix products and the
//! kernels they run on, and memory that running out of is an error. Nothing here reads a file
//! or knows the browser.

pub mod alloc;
pub mod cells;
pub mod floats;
pub mod isa;
pub mod linalg;
pub mod network;
pub mod optim;
pub mod params;
pub mod real;
pub mod rng;

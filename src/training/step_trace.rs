//! The record of one training step (`Trainer::trace_step`): what the forward pass computed at
//! every layer and time step, the gradients backpropagation through time left on the hidden
//! states and the parameters, clipping, and what the optimizer changed. It is what a view of
//! the network unrolled over the window shows, phase by phase.

use crate::engine::network::ForwardRecord;

/// One training step, recorded. With L layers, T time steps and H hidden units; parameter
/// vectors are flat in the layout of `Network::layout` (tensor by tensor in `state_dict`
/// order, each row-major in PyTorch's shape).
#[derive(Debug, Clone, PartialEq)]
pub struct StepTrace {
    /// The window index k trained (the step count before the step).
    pub step: u64,
    /// The window's time points, input x_t, target y_t and prediction ŷ_t, T values each.
    pub t: Vec<f64>,
    pub x: Vec<f32>,
    pub target: Vec<f32>,
    pub prediction: Vec<f32>,
    /// L = mean_t (ŷ_t − y_t)².
    pub loss: f32,
    /// h0, c0, h_t, c_t, the gates and the two projections of every layer and step.
    pub forward: ForwardRecord<f32>,
    /// dL/dh_t of every layer and step, L × T × H, before clipping.
    pub dl_dh: Vec<f32>,
    /// dL/dθ before clipping.
    pub gradients: Vec<f32>,
    /// ‖dL/dθ‖₂ over all parameters, before clipping.
    pub gradient_norm: f32,
    /// The factor clipping multiplied the gradients by: max_norm / (‖g‖ + 1e-6) when that is
    /// below 1 (`torch.nn.utils.clip_grad_norm_`), else 1.
    pub clip_scale: f32,
    /// θ after the optimizer's step − θ before.
    pub update: Vec<f32>,
}

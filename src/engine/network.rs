//! The recurrent regressor: stacked cells and a linear head at every time step,
//! trained on one window at a time by backpropagation through time, truncated at the
//! window: the state carried in from the previous window is an input whose gradient
//! is dropped.
//!
//! Layers are processed one after another over the whole window (as cuDNN does): what does
//! not depend on the previous step is one matrix product over the window (the input
//! projections W_ih x_t + b_ih, the weight gradients, the gradient of the layer's input),
//! through ndarray's `general_mat_mul`; only the recurrence W_hh h_{t−1} (and W_hhᵀ dgh going
//! back) runs step by step, on a hand kernel (`linalg::Panels::add_matvec_t`, over W_hhᵀ and
//! W_hh packed in column panels once per window and layer). Every buffer is
//! allocated once when the network is built; the matrix products' packing buffer is
//! matrixmultiply's own, kept from one product to the next (vendor/README.md) and made large
//! enough when the trainer is built (`reserve_packing_buffer`), so that a training step
//! allocates nothing.

use crate::engine::alloc::{Buffers, OutOfMemory};
use crate::engine::cells::{gru, lstm, rnn};
use crate::engine::linalg::{a_b, add_a_bt, at_b, axpy, dot, panels, uses_matrixmultiply, Kernel, Panels, Portable};
use crate::engine::params::ParamLayout;
use crate::engine::real::Real;
use crate::engine::rng::Mt19937;
use crate::training::config::{CellKind, Config, Nonlinearity};
use ndarray::{s, Array, Array1, Array2, Dimension};
use serde::{Deserialize, Serialize};

/// The hidden state carried between windows: `h` (and for an LSTM `c`) of every layer,
/// layer after layer, `layers × hidden`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "R: bytemuck::Pod", deserialize = "R: bytemuck::Pod"))]
pub struct State<R> {
    #[serde(with = "crate::engine::floats")]
    pub h: Vec<R>,
    #[serde(with = "crate::engine::floats")]
    pub c: Vec<R>,
}

impl<R: Real> State<R> {
    pub fn zeros(config: &Config) -> Self {
        let n = config.layers * config.hidden;
        State { h: vec![R::ZERO; n], c: vec![R::ZERO; if config.cell == CellKind::Lstm { n } else { 0 }] }
    }

    /// `zeros`, allocated (or counted) by `bufs`.
    pub fn build(config: &Config, bufs: &mut Buffers) -> Result<Self, OutOfMemory> {
        let n = config.layers * config.hidden;
        Ok(State {
            h: bufs.filled(n, R::ZERO)?,
            c: bufs.filled(if config.cell == CellKind::Lstm { n } else { 0 }, R::ZERO)?,
        })
    }
}

/// What one `forward` computed, layer by layer (`Network::forward_record`). With L layers,
/// T time steps, H hidden units and G gates (RNN 1, LSTM 4: i f g o, GRU 3: r z n), each
/// layer 0 first and time steps in order:
#[derive(Debug, Clone, PartialEq)]
pub struct ForwardRecord<R> {
    /// The state the window started from, L × H (`c0`: the LSTM's cell state, empty otherwise).
    pub h0: Vec<R>,
    pub c0: Vec<R>,
    /// h_t, L × T × H (`c`: the LSTM's c_t, empty otherwise).
    pub h: Vec<R>,
    pub c: Vec<R>,
    /// The activated gates, L × T × G × H (empty for the RNN).
    pub gates: Vec<R>,
    /// The two projections each cell sums, L × T × G × H: ih_t = W_ih x_t + b_ih (x_t the
    /// layer's input) and hh_t = W_hh h_{t−1} + b_hh.
    pub ih: Vec<R>,
    pub hh: Vec<R>,
}

/// What the charts and readouts read of a network's last `forward` and `backward`
/// (`Network::outputs`), with T = time_step, H = hidden, L = layers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "R: bytemuck::Pod", deserialize = "R: bytemuck::Pod"))]
pub struct Outputs<R> {
    /// ŷ_t, T values.
    #[serde(with = "crate::engine::floats")]
    pub prediction: Vec<R>,
    /// The first layer whose h_t are in `hidden_states`: 0 for every layer, L − 1 for the top one.
    pub first_layer: usize,
    /// h_t of the layers from `first_layer` up, (L − first_layer) × T × H, the lowest first.
    #[serde(with = "crate::engine::floats")]
    pub hidden_states: Vec<R>,
    /// The state the window started from, L × H (and the LSTM's c).
    pub window_start: State<R>,
    /// ‖dL/dh_t‖ and ‖dℓ_T/dh_t‖, L × T each.
    #[serde(with = "crate::engine::floats")]
    pub hidden_gradient_norms: Vec<f32>,
    #[serde(with = "crate::engine::floats")]
    pub last_step_gradient_norms: Vec<f32>,
}

#[derive(Debug, Clone)]
pub struct Network<R> {
    pub cell: CellKind,
    pub nonlinearity: Nonlinearity,
    pub hidden: usize,
    pub time_step: usize,
    pub layout: ParamLayout,
    /// All parameters, flat, in `state_dict` order (see `params`); `ParamLayout` gives each
    /// tensor's place and its ndarray views.
    pub params: Vec<R>,
    /// dL/dparams of the last `backward`, same layout.
    pub grads: Vec<R>,
    ws: Workspace<R>,
    /// `backward` also follows the loss of the window's last time step alone back through
    /// time (`last_step_gradient_norms`): a second stream of dh, about as costly as the
    /// recurrent half of the backward pass, so only when a page shows it.
    pub track_last_step: bool,
    /// `track_last_step` also on a window whose loss is not finite, where training stops
    /// (`Trainer::train_until_diverged`): so that window's last-step gradient is followed
    /// however many windows the call trained.
    pub(crate) track_non_finite: bool,
}

/// Activations kept for the backward pass, and scratch space (T = time_step, H = hidden,
/// G = gates · hidden). Every array is in standard (row-major) layout.
#[derive(Debug, Clone)]
struct Workspace<R> {
    /// [T, 1]: the window's input.
    x: Array2<R>,
    /// Per layer, [T+1, H]: row 0 is the carried state, row t+1 the output at step t.
    hs: Vec<Array2<R>>,
    /// Per layer, [T+1, H] cell states (LSTM only).
    cs: Vec<Array2<R>>,
    /// Per layer, [T, G] activated gates (LSTM, GRU).
    gates: Vec<Array2<R>>,
    /// Per layer, [T, H]: tanh(c') for the LSTM, W_hn h + b_hn for the GRU.
    aux: Vec<Array2<R>>,
    /// [T, G]: W_ih x_t + b_ih for all steps.
    gi: Array2<R>,
    /// [T, G]: dL/d(W_ih x_t + b_ih), from the backward pass.
    dgi: Array2<R>,
    /// H · G: the layer's W_hhᵀ in column panels (`linalg::panels`), for the forward recurrence.
    w_hh_t: Array1<R>,
    /// G · H: W_hh in column panels, for the backward recurrence; empty for H ≤ 32, where
    /// every code path's panel holds all H columns and the kernel reads W_hh as it is.
    w_hh: Array1<R>,
    /// G · H: W_ih (of the layers above the first) in column panels, for `track_last_step`;
    /// empty for H ≤ 32 or one layer. Allocated with the rest, even while nothing is tracked.
    w_ih: Array1<R>,
    /// [G]: W_hh h + b_hh of the current step.
    gh: Array1<R>,
    /// [T, G]: dL/d(W_hh h + b_hh) (GRU only; the other cells' equals `dgi`).
    dgh: Array2<R>,
    /// [T, H]: dL/d(output of the layer being differentiated), and dL/d(its input).
    dout: Array2<R>,
    dinput: Array2<R>,
    /// [H]: dL/dh and dL/dc flowing back from later steps.
    dh: Array1<R>,
    dc: Array1<R>,
    /// [T]: ŷ_t, and dL/dŷ_t.
    pred: Array1<R>,
    dpred: Array1<R>,
    /// [layers, T]: ‖dL/dh_t‖ of the last backward pass.
    dh_norms: Array2<f32>,
    /// The same for the loss of the window's last time step alone (`track_last_step`):
    /// the gradient that reaches h_t only through time, and its own buffers.
    last_norms: Array2<f32>,
    last_dh: Array1<R>,
    last_dc: Array1<R>,
    last_dgi: Array1<R>,
    last_dgh: Array1<R>,
    last_dout: Array2<R>,
    last_dinput: Array2<R>,
}

impl<R: Real> Network<R> {
    /// A network with all parameters zero; `config` must be valid. Aborts if the memory is
    /// not there, as `vec!` does: the trainer uses `build`, which returns an error instead.
    pub fn zeros(config: &Config) -> Self {
        Network::build(config, &mut Buffers::allocating()).expect("memory for the network's buffers")
    }

    /// A network with all parameters zero, every buffer allocated (or only counted) by
    /// `bufs`; `config` must be valid.
    pub fn build(config: &Config, bufs: &mut Buffers) -> Result<Self, OutOfMemory> {
        let layout = ParamLayout::new(config);
        let (t, h, g, layers) = (config.time_step, config.hidden, config.gates() * config.hidden, config.layers);
        let per_layer = |bufs: &mut Buffers, rows: usize, cols: usize| -> Result<Vec<Array2<R>>, OutOfMemory> {
            (0..layers).map(|_| bufs.array2(rows, cols, R::ZERO)).collect()
        };
        let lstm = config.cell == CellKind::Lstm;
        let gated = config.cell != CellKind::Rnn;
        // The baseline path's panels, the narrower: wider matrices are packed on every path.
        let narrowest_panel = Portable::PANEL;
        let ws = Workspace {
            x: bufs.array2(t, 1, R::ZERO)?,
            hs: per_layer(bufs, t + 1, h)?,
            cs: per_layer(bufs, if lstm { t + 1 } else { 0 }, h)?,
            gates: per_layer(bufs, if gated { t } else { 0 }, g)?,
            aux: per_layer(bufs, if gated { t } else { 0 }, h)?,
            gi: bufs.array2(t, g, R::ZERO)?,
            dgi: bufs.array2(t, g, R::ZERO)?,
            w_hh_t: bufs.array1(h * g, R::ZERO)?,
            w_hh: bufs.array1(if h > narrowest_panel { h * g } else { 0 }, R::ZERO)?,
            w_ih: bufs.array1(if h > narrowest_panel && layers > 1 { h * g } else { 0 }, R::ZERO)?,
            gh: bufs.array1(g, R::ZERO)?,
            dgh: bufs.array2(if config.cell == CellKind::Gru { t } else { 0 }, g, R::ZERO)?,
            dout: bufs.array2(t, h, R::ZERO)?,
            dinput: bufs.array2(t, h, R::ZERO)?,
            dh: bufs.array1(h, R::ZERO)?,
            dc: bufs.array1(h, R::ZERO)?,
            pred: bufs.array1(t, R::ZERO)?,
            dpred: bufs.array1(t, R::ZERO)?,
            dh_norms: bufs.array2(layers, t, 0.0)?,
            last_norms: bufs.array2(layers, t, 0.0)?,
            last_dh: bufs.array1(h, R::ZERO)?,
            last_dc: bufs.array1(h, R::ZERO)?,
            last_dgi: bufs.array1(g, R::ZERO)?,
            last_dgh: bufs.array1(g, R::ZERO)?,
            last_dout: bufs.array2(t, h, R::ZERO)?,
            last_dinput: bufs.array2(t, h, R::ZERO)?,
        };
        Ok(Network {
            cell: config.cell,
            nonlinearity: config.nonlinearity,
            hidden: h,
            time_step: t,
            params: bufs.filled(layout.len, R::ZERO)?,
            grads: bufs.filled(layout.len, R::ZERO)?,
            layout,
            ws,
            track_last_step: false,
            track_non_finite: false,
        })
    }

    /// A network with the initial parameters of `torch.manual_seed(seed)` (see `init`).
    pub fn seeded(config: &Config, seed: u32) -> Self {
        let mut net = Network::zeros(config);
        net.init(seed);
        net
    }

    /// Sets the parameters to those of `torch.manual_seed(seed)` then building
    /// `nn.RNN`/`LSTM`/`GRU` and the `nn.Linear` head, bit for bit: every tensor in
    /// `state_dict` order from U(−b, b). The recurrent layer uses b = 1/√hidden; the head's
    /// weight uses kaiming_uniform_(a = √5), whose bound PyTorch computes as √3 · gain/√fan_in.
    /// Allocates nothing. The gradients stay as they are (`forget_backward` zeroes them, with
    /// their norms, for a new run).
    pub fn init(&mut self, seed: u32) {
        let mut rng = Mt19937::new(seed);
        let fan_in = self.hidden as f64;
        let b_rnn = 1.0 / fan_in.sqrt();
        let a = 5f64.sqrt();
        let gain = (2.0 / (1.0 + a * a)).sqrt();
        let b_head_w = 3f64.sqrt() * (gain / fan_in.sqrt());
        let head_w = self.layout.out_w.clone();
        let n = self.params.len();
        for (range, bound) in [(0..head_w.start, b_rnn), (head_w.clone(), b_head_w), (head_w.end..n, b_rnn)] {
            // The generator's values, drawn in order through a small buffer.
            let mut chunk = [0f32; 64];
            for part in self.params[range].chunks_mut(chunk.len()) {
                let values = &mut chunk[..part.len()];
                rng.fill_uniform(values, bound);
                for (p, &v) in part.iter_mut().zip(values.iter()) {
                    *p = R::from_f64(v as f64);
                }
            }
        }
    }

    /// Makes matrixmultiply's packing buffer as large as this network's window products need
    /// (fallibly: `linalg::uses_matrixmultiply`), so that not even the first training step
    /// allocates. The buffer is the calling thread's: on another thread the first products
    /// make it. The products, as [m, k] × [k, n], are `forward_with`'s and `backward_with`'s.
    pub fn reserve_packing_buffer(&self) {
        let t = self.time_step;
        for (l, layer) in self.layout.layers.iter().enumerate() {
            let (g, n, h) = (layer.rows, layer.input, layer.hidden);
            // X W_ihᵀ, dGHᵀ H_prev, dGIᵀ X and, above the first layer, dGI W_ih.
            uses_matrixmultiply::<R>(t, n, g);
            uses_matrixmultiply::<R>(g, t, h);
            uses_matrixmultiply::<R>(g, t, n);
            if l > 0 {
                uses_matrixmultiply::<R>(t, g, n);
            }
        }
    }

    /// Runs the window `x` (length `time_step`) from the carried `state`; keeps every
    /// activation for `backward` and the outputs for `predictions`.
    pub fn forward(&mut self, x: &[R], state: &State<R>) {
        self.forward_with::<Portable>(x, state)
    }

    /// `forward`, its hand loops those of the kernel `K` (`linalg::Kernel`).
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    pub(crate) fn forward_with<K: Kernel>(&mut self, x: &[R], state: &State<R>) {
        let (t_len, h) = (self.time_step, self.hidden);
        let Network { params, ws, layout, cell, nonlinearity, .. } = self;
        slice_mut(&mut ws.x).copy_from_slice(&x[..t_len]);
        for (l, layer) in layout.layers.iter().enumerate() {
            let g = layer.rows;
            let (b_ih, b_hh) = (&params[layer.b_ih.clone()], &params[layer.b_hh.clone()]);
            let (lower, upper) = ws.hs.split_at_mut(l);
            let hs = &mut upper[0];
            let input = if l == 0 { ws.x.view() } else { lower[l - 1].slice(s![1.., ..]) };
            // GI = X W_ihᵀ + b_ih: gi_t = W_ih x_t + b_ih for every step at once
            slice_mut(&mut ws.gi).chunks_exact_mut(g).for_each(|gi_t| gi_t.copy_from_slice(b_ih));
            add_a_bt::<R, K>(input, layer.w_ih(params), &mut ws.gi.view_mut());
            // The recurrence runs on W_hhᵀ's column panels, whose rows the kernel sums in registers.
            let w_hh_t = panels::<R, K>(layer.w_hh(params).reversed_axes(), slice_mut(&mut ws.w_hh_t));
            slice_mut(hs)[..h].copy_from_slice(&state.h[l * h..(l + 1) * h]);
            if *cell == CellKind::Lstm {
                slice_mut(&mut ws.cs[l])[..h].copy_from_slice(&state.c[l * h..(l + 1) * h]);
            }
            let hs = slice_mut(hs);
            let (gi, gh) = (slice(&ws.gi), slice_mut(&mut ws.gh));
            for t in 0..t_len {
                let (past, future) = hs.split_at_mut((t + 1) * h);
                let (h_prev, h_next) = (&past[t * h..], &mut future[..h]);
                let gi = &gi[t * g..(t + 1) * g];
                // gh = W_hh h + b_hh
                gh.copy_from_slice(b_hh);
                w_hh_t.add_matvec_t::<K>(h_prev, gh);
                match cell {
                    CellKind::Rnn => rnn::forward(*nonlinearity, gi, gh, h_next),
                    CellKind::Lstm => {
                        let (c_past, c_future) = slice_mut(&mut ws.cs[l]).split_at_mut((t + 1) * h);
                        lstm::forward(
                            gi,
                            gh,
                            &c_past[t * h..],
                            &mut slice_mut(&mut ws.gates[l])[t * g..(t + 1) * g],
                            &mut c_future[..h],
                            &mut slice_mut(&mut ws.aux[l])[t * h..(t + 1) * h],
                            h_next,
                        );
                    }
                    CellKind::Gru => gru::forward(
                        gi,
                        gh,
                        h_prev,
                        &mut slice_mut(&mut ws.gates[l])[t * g..(t + 1) * g],
                        &mut slice_mut(&mut ws.aux[l])[t * h..(t + 1) * h],
                        h_next,
                    ),
                }
            }
        }
        // ŷ_t = out.weight · h_t + out.bias, on the top layer
        let (out_w, out_b) = (&params[layout.out_w.clone()], params[layout.out_b.start]);
        let top = &slice(&ws.hs[layout.layers.len() - 1])[h..];
        for (p, h_t) in ws.pred.iter_mut().zip(top.chunks_exact(h)) {
            *p = dot(out_w, h_t) + out_b;
        }
    }

    /// L = mean_t (ŷ_t − y_t)² of the last `forward`.
    pub fn loss(&self, y: &[R]) -> R {
        let mut sum = R::ZERO;
        for (&p, &y) in self.ws.pred.iter().zip(y) {
            sum += (p - y) * (p - y);
        }
        sum / R::from_f64(self.time_step as f64)
    }

    /// Writes dL/dparams of the last `forward` into `grads` (overwriting them).
    pub fn backward(&mut self, y: &[R]) {
        self.backward_with::<Portable>(y)
    }

    /// `backward`; `K` as in `forward_with`. Truncated backpropagation through time over
    /// the window, layer by layer from the top, each from t = T−1 down to 0:
    ///   dL/dŷ_t = 2 (ŷ_t − y_t) / T
    ///   d out.weight = Σ_t dŷ_t h_t;  d out.bias = Σ_t dŷ_t;  the top layer's dh_t from above = dŷ_t out.weight
    ///   dh_t = (from above) + (from step t+1);  dgi_t, dgh_t = the cell's backward step
    ///   dh_{t−1} = W_hhᵀ dgh_t (+ z ⊙ dh_t for the GRU); at t = 0 the carried state's is dropped
    ///   dW_hh = Σ_t dgh_t ⊗ h_{t−1};  db_hh = Σ_t dgh_t;  dW_ih = Σ_t dgi_t ⊗ x_t;  db_ih = Σ_t dgi_t
    ///   below the top: the layer beneath's dh from above is dx_t = W_ihᵀ dgi_t
    /// With `track_last_step`, `last_step_backward` then follows the last step's loss alone.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    pub(crate) fn backward_with<K: Kernel>(&mut self, y: &[R]) {
        let (t_len, h) = (self.time_step, self.hidden);
        let Network { params, grads, ws, layout, cell, nonlinearity, .. } = self;
        grads.iter_mut().for_each(|d| *d = R::ZERO);
        let top = layout.layers.len() - 1;

        // Head: dL/dŷ_t = 2 (ŷ_t − y_t) / T
        let scale = R::from_f64(2.0 / t_len as f64);
        for ((d, &p), &y) in slice_mut(&mut ws.dpred).iter_mut().zip(slice(&ws.pred)).zip(y) {
            *d = scale * (p - y);
        }
        // d out.weight = Σ_t dŷ_t h_t;  d out.bias = Σ_t dŷ_t;  dh_t = dŷ_t out.weight
        let out_w = &params[layout.out_w.clone()];
        let (h_top, dpred) = (&slice(&ws.hs[top])[h..], slice(&ws.dpred));
        for ((&dp, h_t), dout_t) in
            dpred.iter().zip(h_top.chunks_exact(h)).zip(slice_mut(&mut ws.dout).chunks_exact_mut(h))
        {
            axpy(dp, h_t, &mut grads[layout.out_w.clone()]);
            for (d, &w) in dout_t.iter_mut().zip(out_w) {
                *d = dp * w;
            }
        }
        grads[layout.out_b.start] = dpred.iter().fold(R::ZERO, |s, &d| s + d);

        for l in (0..=top).rev() {
            let layer = &layout.layers[l];
            let g = layer.rows;
            let w_hh = panels::<R, K>(layer.w_hh(params), slice_mut(&mut ws.w_hh));
            ws.dh.fill(R::ZERO);
            ws.dc.fill(R::ZERO);
            let (dh, dc) = (slice_mut(&mut ws.dh), slice_mut(&mut ws.dc));
            let (dgi_all, dgh_all) = (slice_mut(&mut ws.dgi), slice_mut(&mut ws.dgh));
            let (dout, hs) = (slice(&ws.dout), slice(&ws.hs[l]));
            for t in (0..t_len).rev() {
                let (h_prev, h_t) = (&hs[t * h..(t + 1) * h], &hs[(t + 1) * h..(t + 2) * h]);
                let saved = Saved { gates: &ws.gates[l], cs: &ws.cs[l], aux: &ws.aux[l], h_prev, h_t, t, g, h };
                let dgh = if *cell == CellKind::Gru { &mut dgh_all[t * g..(t + 1) * g] } else { &mut [][..] };
                let grads = Grads { dh, dc, dgi: &mut dgi_all[t * g..(t + 1) * g], dgh };
                // ‖dL/dh_t‖, for the gradient-flow chart
                let dh_norm = &mut ws.dh_norms[[l, t]];
                step_back::<R, K>(*cell, *nonlinearity, &saved, &w_hh, &dout[t * h..(t + 1) * h], grads, Faded::Zeroed, |dh| {
                    *dh_norm = norm(dh)
                });
            }
            // The weight gradients, each one matrix product over the window. RNN and LSTM:
            // both projections share one pre-activation, dgh = dgi.
            let dgh = if *cell == CellKind::Gru { &ws.dgh } else { &ws.dgi };
            let input = if l == 0 { ws.x.view() } else { ws.hs[l - 1].slice(s![1.., ..]) };
            // dW_hh = dGHᵀ H_prev (Σ_t dgh_t ⊗ h_{t−1});  db_hh = Σ_t dgh_t
            let h_prev = ws.hs[l].slice(s![..t_len, ..]);
            at_b::<R, K>(dgh.view(), h_prev, &mut layer.w_hh_mut(grads));
            add_row_sum(slice(dgh), &mut grads[layer.b_hh.clone()]);
            // dW_ih = dGIᵀ X (Σ_t dgi_t ⊗ x_t);  db_ih = Σ_t dgi_t
            at_b::<R, K>(ws.dgi.view(), input, &mut layer.w_ih_mut(grads));
            add_row_sum(slice(&ws.dgi), &mut grads[layer.b_ih.clone()]);
            // Below the top layer: dX = dGI W_ih (dx_t = W_ihᵀ dgi_t), the gradient of the
            // layer beneath's output.
            if l > 0 {
                a_b::<R, K>(ws.dgi.view(), layer.w_ih(params), &mut ws.dinput.view_mut());
                std::mem::swap(&mut ws.dout, &mut ws.dinput);
            }
        }
        if self.track_last_step {
            self.last_step_backward::<K>();
        }
    }

    /// ‖dℓ_T/dh_t‖ for every layer and step (`last_step_gradient_norms`): the gradient of the
    /// window's last time step's loss ℓ_T alone, which reaches h_t (t < T−1) only back through
    /// time. The same steps as `backward_with`, over the activations the forward pass saved
    /// and the head gradient it left, without parameter gradients:
    ///   the top layer's dh_t from above = dŷ_{T−1} out.weight at t = T−1, 0 before
    ///   dh_t = (from above) + (from step t+1);  dh_{t−1} = W_hhᵀ dgh_t (+ z ⊙ dh_t for the GRU)
    ///   below the top: the layer beneath's dh from above is dx_t = W_ihᵀ dgi_t
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn last_step_backward<K: Kernel>(&mut self) {
        let (t_len, h) = (self.time_step, self.hidden);
        let Network { params, ws, layout, cell, nonlinearity, .. } = self;
        let top = layout.layers.len() - 1;
        let out_w = &params[layout.out_w.clone()];
        let dp = slice(&ws.dpred)[t_len - 1];
        let last_dout = slice_mut(&mut ws.last_dout);
        last_dout.iter_mut().for_each(|d| *d = R::ZERO);
        for (d, &w) in last_dout[(t_len - 1) * h..].iter_mut().zip(out_w) {
            *d = dp * w;
        }
        for l in (0..=top).rev() {
            let layer = &layout.layers[l];
            let g = layer.rows;
            let w_hh = panels::<R, K>(layer.w_hh(params), slice_mut(&mut ws.w_hh));
            let w_ih = (l > 0).then(|| panels::<R, K>(layer.w_ih(params), slice_mut(&mut ws.w_ih)));
            ws.last_dh.fill(R::ZERO);
            ws.last_dc.fill(R::ZERO);
            let (dh, dc) = (slice_mut(&mut ws.last_dh), slice_mut(&mut ws.last_dc));
            let (dgi, dgh) = (slice_mut(&mut ws.last_dgi), slice_mut(&mut ws.last_dgh));
            let (dout, dinput) = (slice(&ws.last_dout), slice_mut(&mut ws.last_dinput));
            let hs = slice(&ws.hs[l]);
            for t in (0..t_len).rev() {
                let (h_prev, h_t) = (&hs[t * h..(t + 1) * h], &hs[(t + 1) * h..(t + 2) * h]);
                let saved = Saved { gates: &ws.gates[l], cs: &ws.cs[l], aux: &ws.aux[l], h_prev, h_t, t, g, h };
                let norm_t = &mut ws.last_norms[[l, t]];
                let grads = Grads { dh, dc, dgi, dgh };
                step_back::<R, K>(*cell, *nonlinearity, &saved, &w_hh, &dout[t * h..(t + 1) * h], grads, Faded::Kept, |dh| {
                    *norm_t = norm(dh)
                });
                // A plain RNN's fades by orders of magnitude: never into subnormals.
                dh.iter_mut().for_each(|d| *d = d.flush());
                if let Some(w_ih) = &w_ih {
                    // dx_t = W_ihᵀ dgi_t, for the layer beneath (l > 0)
                    let dx = &mut dinput[t * h..(t + 1) * h];
                    dx.iter_mut().for_each(|d| *d = R::ZERO);
                    w_ih.add_matvec_t::<K>(dgi, dx);
                }
            }
            if l > 0 {
                std::mem::swap(&mut ws.last_dout, &mut ws.last_dinput);
            }
        }
    }

    /// Writes the last window's final h (and c) into `state`, for the next window.
    /// Tiny values are flushed to zero so that they never turn subnormal.
    pub fn carry(&self, state: &mut State<R>) {
        let (t, h) = (self.time_step, self.hidden);
        for (l, hs) in self.ws.hs.iter().enumerate() {
            for (s, &v) in state.h[l * h..(l + 1) * h].iter_mut().zip(hs.row(t)) {
                *s = v.flush();
            }
        }
        for (l, cs) in self.ws.cs.iter().enumerate().filter(|(_, cs)| !cs.is_empty()) {
            for (s, &v) in state.c[l * h..(l + 1) * h].iter_mut().zip(cs.row(t)) {
                *s = v.flush();
            }
        }
    }

    /// One window of truncated BPTT: forward from `state`, loss, gradients into
    /// `grads`, and `state` advanced to the window's end. Returns the loss.
    pub fn train_window(&mut self, x: &[R], y: &[R], state: &mut State<R>) -> R {
        self.train_window_with::<Portable>(x, y, state)
    }

    /// `train_window`; `K` as in `forward_with`.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    pub(crate) fn train_window_with<K: Kernel>(&mut self, x: &[R], y: &[R], state: &mut State<R>) -> R {
        self.forward_with::<K>(x, state);
        let loss = self.loss(y);
        let track = self.track_last_step;
        self.track_last_step |= self.track_non_finite && !loss.to_f64().is_finite();
        self.backward_with::<K>(y);
        self.track_last_step = track;
        self.carry(state);
        loss
    }

    /// ŷ of the last `forward`, one per time step.
    pub fn predictions(&self) -> &[R] {
        slice(&self.ws.pred)
    }

    /// No `backward` yet (a new run): the gradients and their norms through time are zeros, as
    /// a new network's are, not those of the run before.
    pub fn forget_backward(&mut self) {
        self.grads.iter_mut().for_each(|g| *g = R::ZERO);
        self.ws.dh_norms.fill(0.0);
        self.ws.last_norms.fill(0.0);
    }

    /// ‖dL/dh_t‖ of the last `backward`, for every layer and time step (`layers × time_step`,
    /// layer 0 first): the gradient of the window's loss reaching the hidden state h_t of
    /// step t, from the output above and from the later steps, before any clipping.
    pub fn hidden_gradient_norms(&self) -> &[f32] {
        slice(&self.ws.dh_norms)
    }

    /// ‖dℓ_T/dh_t‖ of the last `backward` with `track_last_step` on (zeros otherwise), laid
    /// out as `hidden_gradient_norms`: the gradient of the loss of the window's last time step
    /// alone, which reaches h_t only back through time. It shows what backpropagation through
    /// time carries: a plain RNN's fades over the steps, an LSTM's holds up.
    pub fn last_step_gradient_norms(&self) -> &[f32] {
        slice(&self.ws.last_norms)
    }

    /// The top layer's h at each step of the last `forward`, `time_step × hidden`.
    pub fn hidden_states(&self) -> &[R] {
        self.layer_hidden_states(self.ws.hs.len() - 1)
    }

    /// Layer `layer`'s h (0 the lowest) at each step of the last `forward`, `time_step ×
    /// hidden`. Panics unless `layer < layers`.
    pub fn layer_hidden_states(&self, layer: usize) -> &[R] {
        &slice(&self.ws.hs[layer])[self.hidden..]
    }

    /// The state the last `forward` started from: h (and c) of every layer, `layers × hidden`.
    pub fn window_start(&self) -> State<R> {
        let h = self.hidden;
        State {
            h: self.ws.hs.iter().flat_map(|hs| slice(hs)[..h].iter().copied()).collect(),
            c: self.ws.cs.iter().filter(|cs| !cs.is_empty()).flat_map(|cs| slice(cs)[..h].iter().copied()).collect(),
        }
    }

    /// What the charts and readouts read of the last `forward` and `backward`: ŷ, h_t of the
    /// layers from `first_layer` up (clamped to the top one), the state the window started
    /// from and the gradient norms.
    pub fn outputs(&self, first_layer: usize) -> Outputs<R> {
        let layers = self.ws.hs.len();
        let first_layer = first_layer.min(layers - 1);
        Outputs {
            prediction: self.predictions().to_vec(),
            first_layer,
            hidden_states: (first_layer..layers).flat_map(|l| self.layer_hidden_states(l).iter().copied()).collect(),
            window_start: self.window_start(),
            hidden_gradient_norms: self.hidden_gradient_norms().to_vec(),
            last_step_gradient_norms: self.last_step_gradient_norms().to_vec(),
        }
    }

    /// Whether `o` has this network's lengths (`set_outputs` takes it).
    pub fn outputs_fit(&self, o: &Outputs<R>) -> bool {
        let (h, ws) = (self.hidden, &self.ws);
        let lstm_layers = ws.cs.iter().filter(|cs| !cs.is_empty()).count();
        o.prediction.len() == ws.pred.len()
            && o.first_layer < ws.hs.len()
            && o.hidden_states.len() == (ws.hs.len() - o.first_layer) * self.hidden_states().len()
            && o.window_start.h.len() == ws.hs.len() * h
            && o.window_start.c.len() == lstm_layers * h
            && o.hidden_gradient_norms.len() == ws.dh_norms.len()
            && o.last_step_gradient_norms.len() == ws.last_norms.len()
    }

    /// Puts back `outputs` of a network of the same configuration (another thread's), so
    /// that everything `outputs` reads, and `input_influence`'s starting state, are its (the
    /// h_t of layers below `o.first_layer` stay this network's own); the rest of the
    /// workspace (scratch for the next pass) is left. False, changing nothing, unless
    /// `outputs_fit(o)`.
    pub fn set_outputs(&mut self, o: &Outputs<R>) -> bool {
        if !self.outputs_fit(o) {
            return false;
        }
        let h = self.hidden;
        let ws = &mut self.ws;
        slice_mut(&mut ws.pred).copy_from_slice(&o.prediction);
        let per_layer = o.hidden_states.len() / (ws.hs.len() - o.first_layer);
        for (l, hs) in ws.hs.iter_mut().enumerate() {
            slice_mut(hs)[..h].copy_from_slice(&o.window_start.h[l * h..(l + 1) * h]);
            if let Some(k) = l.checked_sub(o.first_layer) {
                slice_mut(hs)[h..].copy_from_slice(&o.hidden_states[k * per_layer..(k + 1) * per_layer]);
            }
        }
        for (l, cs) in ws.cs.iter_mut().filter(|cs| !cs.is_empty()).enumerate() {
            slice_mut(cs)[..h].copy_from_slice(&o.window_start.c[l * h..(l + 1) * h]);
        }
        slice_mut(&mut ws.dh_norms).copy_from_slice(&o.hidden_gradient_norms);
        slice_mut(&mut ws.last_norms).copy_from_slice(&o.last_step_gradient_norms);
        true
    }

    /// Everything the last `forward` computed, layer by layer, for a step's record
    /// (`Trainer::trace_step`); allocates. See `ForwardRecord` for the layouts.
    pub fn forward_record(&self) -> ForwardRecord<R> {
        let (t_len, h) = (self.time_step, self.hidden);
        let ws = &self.ws;
        let rows = |a: &Array2<R>| slice(a)[h..].to_vec();
        let (mut ih, mut hh) = (Vec::new(), Vec::new());
        for (l, layer) in self.layout.layers.iter().enumerate() {
            let (b_ih, b_hh) = (&self.params[layer.b_ih.clone()], &self.params[layer.b_hh.clone()]);
            let input = if l == 0 { ws.x.view() } else { ws.hs[l - 1].slice(s![1.., ..]) };
            // ih_t = W_ih x_t + b_ih;  hh_t = W_hh h_{t−1} + b_hh
            let (ih_l, hh_l) = (
                input.dot(&layer.w_ih(&self.params).t()),
                ws.hs[l].slice(s![..t_len, ..]).dot(&layer.w_hh(&self.params).t()),
            );
            for (rows, out, b) in [(ih_l, &mut ih, b_ih), (hh_l, &mut hh, b_hh)] {
                for row in rows.rows() {
                    out.extend(row.iter().zip(b).map(|(&v, &b)| v + b));
                }
            }
        }
        let start = self.window_start();
        ForwardRecord {
            h0: start.h,
            c0: start.c,
            h: ws.hs.iter().flat_map(rows).collect(),
            c: ws.cs.iter().filter(|cs| !cs.is_empty()).flat_map(rows).collect(),
            gates: ws.gates.iter().flat_map(|g| slice(g).iter().copied()).collect(),
            ih,
            hh,
        }
    }

    /// dL/dh_t of the last `backward`'s loss for every layer and step, `layers × time_step ×
    /// hidden`, layer 0 first: from the output above and from the later steps, before any
    /// clipping (PyTorch's `h_t.grad` with `retain_grad()` on an unrolled loop). Allocates.
    pub fn hidden_gradients(&self) -> Vec<R> {
        let out_w = &self.params[self.layout.out_w.clone()];
        let d_top: Vec<R> = self.ws.dpred.iter().flat_map(|&dp| out_w.iter().map(move |&w| dp * w)).collect();
        self.backprop(&d_top).0
    }

    /// |∂ŷ_t/∂x_s| for s = 0 … t (`t < time_step`) through the activations of the last
    /// `forward`, its starting state held fixed (as truncated backpropagation sees it): how
    /// far back the prediction at step t looks. Allocates.
    pub fn input_influence(&self, t: usize) -> Vec<R> {
        let h = self.hidden;
        let mut d_top = vec![R::ZERO; self.time_step * h];
        d_top[t * h..(t + 1) * h].copy_from_slice(&self.params[self.layout.out_w.clone()]);
        self.backprop(&d_top).1[..=t].iter().map(|&d| if d < R::ZERO { -d } else { d }).collect()
    }

    /// Bytes `hidden_gradients` and `input_influence` allocate besides their result, at most.
    pub fn backprop_bytes(&self) -> usize {
        let (t, h, g) = (self.time_step, self.hidden, self.layout.layers[0].rows);
        // dL/dh above and below, dL/dgi of every step, dh, dc, dL/dgh, the packed W_hh.
        (2 * t * h + t * g + 2 * h + g + g * h).saturating_mul(std::mem::size_of::<R>())
    }

    /// Backpropagation through the activations of the last `forward` of a loss whose gradient
    /// with respect to the top layer's outputs is `d_top` (`time_step × hidden`), with the
    /// equations of `backward_with`: returns dL/dh_t of every layer and step
    /// (`layers × time_step × hidden`) and dL/dx_t (`time_step`). The carried state's
    /// gradient is dropped, as in training. On the portable kernel (with relaxed SIMD's fused
    /// multiply-adds in that wasm build), in buffers of its own: `backprop_bytes`.
    fn backprop(&self, d_top: &[R]) -> (Vec<R>, Vec<R>) {
        let (t_len, h) = (self.time_step, self.hidden);
        let (ws, params) = (&self.ws, &self.params);
        let layers = self.layout.layers.len();
        let gru = self.cell == CellKind::Gru;
        let mut dh_all = vec![R::ZERO; layers * t_len * h];
        let mut d_above = Array2::from_shape_vec((t_len, h), d_top.to_vec()).expect("d_top is time_step × hidden");
        // W_hh packed in panels, where it is wider than one (each layer's in turn).
        let g = self.layout.layers[0].rows;
        let mut panel_buf = vec![R::ZERO; if h > Portable::PANEL { g * h } else { 0 }];
        for l in (0..layers).rev() {
            let layer = &self.layout.layers[l];
            let w_hh = panels::<R, Portable>(layer.w_hh(params), &mut panel_buf);
            let (mut dh, mut dc) = (vec![R::ZERO; h], vec![R::ZERO; h]);
            let mut dgi = Array2::zeros((t_len, g));
            let mut dgh = vec![R::ZERO; if gru { g } else { 0 }];
            let hs = slice(&ws.hs[l]);
            for t in (0..t_len).rev() {
                let (h_prev, h_t) = (&hs[t * h..(t + 1) * h], &hs[(t + 1) * h..(t + 2) * h]);
                let saved = Saved { gates: &ws.gates[l], cs: &ws.cs[l], aux: &ws.aux[l], h_prev, h_t, t, g, h };
                let grads = Grads {
                    dh: &mut dh,
                    dc: &mut dc,
                    dgi: &mut slice_mut(&mut dgi)[t * g..(t + 1) * g],
                    dgh: &mut dgh,
                };
                let seen = &mut dh_all[(l * t_len + t) * h..][..h];
                step_back::<R, Portable>(
                    self.cell,
                    self.nonlinearity,
                    &saved,
                    &w_hh,
                    &slice(&d_above)[t * h..(t + 1) * h],
                    grads,
                    Faded::Kept,
                    |dh| seen.copy_from_slice(dh),
                );
            }
            // dX = dGI W_ih (dx_t = W_ihᵀ dgi_t): the gradient of the layer's input
            let mut d_below = Array2::zeros((t_len, layer.input));
            a_b::<R, Portable>(dgi.view(), layer.w_ih(params), &mut d_below.view_mut());
            d_above = d_below;
        }
        (dh_all, d_above.into_raw_vec_and_offset().0)
    }
}

/// out += Σ_t A[t, :], for A [T, out.len()] row-major.
#[inline(always)]
fn add_row_sum<R: Real>(a: &[R], out: &mut [R]) {
    for row in a.chunks_exact(out.len()) {
        for (o, &v) in out.iter_mut().zip(row) {
            *o += v;
        }
    }
}

/// The elements of a workspace array (all are built in standard layout), for the hand kernels.
fn slice<R, D: Dimension>(a: &Array<R, D>) -> &[R] {
    a.as_slice().expect("workspace arrays are in standard layout")
}
fn slice_mut<R, D: Dimension>(a: &mut Array<R, D>) -> &mut [R] {
    a.as_slice_mut().expect("workspace arrays are in standard layout")
}

/// ‖v‖₂, in f64.
#[inline(always)]
fn norm<R: Real>(v: &[R]) -> f32 {
    crate::engine::linalg::sum_of_squares(v).sqrt() as f32
}

/// What the forward pass kept of step `t` of one layer: the activated gates, the cell states
/// (LSTM), the auxiliary values (tanh c' for the LSTM, W_hn h + b_hn for the GRU), h_{t−1}, h_t.
struct Saved<'a, R> {
    gates: &'a Array2<R>,
    cs: &'a Array2<R>,
    aux: &'a Array2<R>,
    h_prev: &'a [R],
    h_t: &'a [R],
    t: usize,
    /// Gate rows (G·H) and hidden units.
    g: usize,
    h: usize,
}

/// The gradients one step back through time works on: dL/dh (and the LSTM's dL/dc) carried
/// from step t+1, and this step's gradients of the input projection (`dgi`, G·H) and, for the
/// GRU, of the recurrent one (`dgh`; empty for the other cells).
struct Grads<'a, R> {
    dh: &'a mut [R],
    dc: &'a mut [R],
    dgi: &'a mut [R],
    dgh: &'a mut [R],
}

/// One step back through time of one layer, at step `saved.t` (`backward_with`'s equations):
///   dh_t = (from above: `above`) + (from step t+1: `dh`), handed to `seen`
///   dgi_t (, dgh_t) = the cell's backward step
///   dh ← dh_{t−1} = W_hhᵀ dgh_t (+ z ⊙ dh_t for the GRU); at t = 0, h_{t−1} is the carried
///   state, whose gradient is dropped (dh is left as the cell's step left it)
#[inline(always)]
fn step_back<R: Real, K: Kernel>(
    cell: CellKind,
    nonlinearity: Nonlinearity,
    saved: &Saved<'_, R>,
    w_hh: &Panels<'_, R>,
    above: &[R],
    g: Grads<'_, R>,
    faded: Faded,
    seen: impl FnOnce(&[R]),
) {
    add_row_sum(above, g.dh);
    seen(g.dh);
    cell_backward(cell, nonlinearity, saved, g.dh, g.dc, g.dgi, g.dgh);
    if faded == Faded::Zeroed {
        for v in [&mut *g.dgi, &mut *g.dgh, &mut *g.dc] {
            v.iter_mut().for_each(|d| *d = d.flush_faded());
        }
    }
    if saved.t > 0 {
        if cell != CellKind::Gru {
            g.dh.iter_mut().for_each(|d| *d = R::ZERO);
        }
        let dgh: &[R] = if cell == CellKind::Gru { g.dgh } else { g.dgi };
        w_hh.add_matvec_t::<K>(dgh, g.dh);
        if faded == Faded::Zeroed {
            g.dh.iter_mut().for_each(|d| *d = d.flush_faded());
        }
    }
}

/// What `step_back` does with gradients that faded going back through time (through saturated
/// gates, an LSTM's dL/dc through small forget gates, a GRU's dh through small z).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Faded {
    /// Training's backward pass: zero once they move no weight, before the window's products
    /// with the activations make them subnormal (`Real::flush_faded`).
    Zeroed,
    /// The figures of h_t's gradients (dL/dh_t, the gradient-flow chart's last-step stream):
    /// kept as small as they are, as PyTorch's `h_t.grad` has them.
    Kept,
}

/// One step of the cell's backward pass, with PyTorch's equations (`cells/`): from dL/dh_t
/// (and the LSTM's dL/dc, advanced to step t−1) to the gradient of the input projection `dgi`
/// (and the GRU's recurrent projection `dgh`; the GRU also leaves z ⊙ dh_t, its part of
/// dL/dh_{t−1}, in `dh`).
fn cell_backward<R: Real>(
    cell: CellKind,
    nonlinearity: Nonlinearity,
    s: &Saved<'_, R>,
    dh: &mut [R],
    dc: &mut [R],
    dgi: &mut [R],
    dgh: &mut [R],
) {
    let (t, g, h) = (s.t, s.g, s.h);
    let (gates, cs, aux) = (slice(s.gates), slice(s.cs), slice(s.aux));
    match cell {
        CellKind::Rnn => rnn::backward(nonlinearity, s.h_t, dh, dgi),
        CellKind::Lstm => {
            lstm::backward(&gates[t * g..(t + 1) * g], &cs[t * h..(t + 1) * h], &aux[t * h..(t + 1) * h], dh, dc, dgi)
        }
        CellKind::Gru => gru::backward(&gates[t * g..(t + 1) * g], &aux[t * h..(t + 1) * h], s.h_prev, dh, dgi, dgh),
    }
}

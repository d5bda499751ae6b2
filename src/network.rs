//! The recurrent regressor: stacked cells and a linear head at every time step,
//! trained on one window at a time by backpropagation through time, truncated at the
//! window: the state carried in from the previous window is an input whose gradient
//! is dropped.
//!
//! Layers are processed one after another over the whole window (as cuDNN does), with
//! every buffer allocated once when the network is built: a training step allocates nothing.

use crate::alloc::{Buffers, OutOfMemory};
use crate::cells::{gru, lstm, rnn};
use crate::config::{CellKind, Config, Nonlinearity};
use crate::linalg::{add_matvec_t, add_outer_sum, add_row_sum, axpy, dot, transpose};
use crate::params::ParamLayout;
use crate::real::Real;
use crate::rng::Mt19937;

/// The hidden state carried between windows: `h` (and for an LSTM `c`) of every layer,
/// layer after layer, `layers × hidden`.
#[derive(Debug, Clone, PartialEq)]
pub struct State<R> {
    pub h: Vec<R>,
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

#[derive(Debug, Clone)]
pub struct Network<R> {
    pub cell: CellKind,
    pub nonlinearity: Nonlinearity,
    pub hidden: usize,
    pub time_step: usize,
    pub layout: ParamLayout,
    /// All parameters, flat, in `state_dict` order (see `params`).
    pub params: Vec<R>,
    /// dL/dparams of the last `backward`, same layout.
    pub grads: Vec<R>,
    ws: Workspace<R>,
    /// `backward` also follows the loss of the window's last time step alone back through
    /// time (`last_step_gradient_norms`): a second stream of dh, about as costly as the
    /// recurrent half of the backward pass, so only when a page shows it.
    pub track_last_step: bool,
}

/// Activations kept for the backward pass, and scratch space.
#[derive(Debug, Clone)]
struct Workspace<R> {
    x: Vec<R>,
    /// Per layer, (T+1) × H: row 0 is the carried state, row t+1 the output at step t.
    hs: Vec<Vec<R>>,
    /// Per layer, (T+1) × H cell states (LSTM only).
    cs: Vec<Vec<R>>,
    /// Per layer, T × G·H activated gates (LSTM, GRU).
    gates: Vec<Vec<R>>,
    /// Per layer, T × H: tanh(c') for the LSTM, W_hn h + b_hn for the GRU.
    aux: Vec<Vec<R>>,
    /// T × G·H: W_ih x + b_ih for all steps; in the backward pass, dL/d(that).
    gi: Vec<R>,
    dgi: Vec<R>,
    /// The layer's W_ih and W_hh transposed, [input, G·H] and [H, G·H].
    w_ih_t: Vec<R>,
    w_hh_t: Vec<R>,
    /// G·H: W_hh h + b_hh of the current step.
    gh: Vec<R>,
    /// T × G·H: dL/d(W_hh h + b_hh) (GRU only; the other cells' equals `dgi`).
    dgh: Vec<R>,
    /// T × H: dL/d(output of the layer being differentiated), and dL/d(its input).
    dout: Vec<R>,
    dinput: Vec<R>,
    /// H: dL/dh and dL/dc flowing back from later steps.
    dh: Vec<R>,
    dc: Vec<R>,
    pred: Vec<R>,
    /// layers × T: ‖dL/dh_t‖ of the last backward pass, layer 0 first.
    dh_norms: Vec<f32>,
    /// The same for the loss of the window's last time step alone (`track_last_step`):
    /// the gradient that reaches h_t only through time, and its own buffers.
    last_norms: Vec<f32>,
    last_dh: Vec<R>,
    last_dc: Vec<R>,
    last_dgi: Vec<R>,
    last_dgh: Vec<R>,
    last_dout: Vec<R>,
    last_dinput: Vec<R>,
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
        let (t, h, gh) = (config.time_step, config.hidden, config.gates() * config.hidden);
        let per_layer = |bufs: &mut Buffers, len: usize| -> Result<Vec<Vec<R>>, OutOfMemory> {
            (0..config.layers).map(|_| bufs.filled(len, R::ZERO)).collect()
        };
        let lstm = config.cell == CellKind::Lstm;
        let gated = config.cell != CellKind::Rnn;
        let ws = Workspace {
            x: bufs.filled(t, R::ZERO)?,
            hs: per_layer(bufs, (t + 1) * h)?,
            cs: per_layer(bufs, if lstm { (t + 1) * h } else { 0 })?,
            gates: per_layer(bufs, if gated { t * gh } else { 0 })?,
            aux: per_layer(bufs, if gated { t * h } else { 0 })?,
            gi: bufs.filled(t * gh, R::ZERO)?,
            dgi: bufs.filled(t * gh, R::ZERO)?,
            w_ih_t: bufs.filled(gh * h, R::ZERO)?,
            w_hh_t: bufs.filled(gh * h, R::ZERO)?,
            gh: bufs.filled(gh, R::ZERO)?,
            dgh: bufs.filled(if config.cell == CellKind::Gru { t * gh } else { 0 }, R::ZERO)?,
            dout: bufs.filled(t * h, R::ZERO)?,
            dinput: bufs.filled(t * h, R::ZERO)?,
            dh: bufs.filled(h, R::ZERO)?,
            dc: bufs.filled(h, R::ZERO)?,
            pred: bufs.filled(t, R::ZERO)?,
            dh_norms: bufs.filled(config.layers * t, 0.0)?,
            last_norms: bufs.filled(config.layers * t, 0.0)?,
            last_dh: bufs.filled(h, R::ZERO)?,
            last_dc: bufs.filled(h, R::ZERO)?,
            last_dgi: bufs.filled(gh, R::ZERO)?,
            last_dgh: bufs.filled(gh, R::ZERO)?,
            last_dout: bufs.filled(t * h, R::ZERO)?,
            last_dinput: bufs.filled(t * h, R::ZERO)?,
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
        })
    }

    /// A network with the initial parameters of `torch.manual_seed(seed)` (see `init`).
    pub fn seeded(config: &Config, seed: u32) -> Self {
        let mut net = Network::zeros(config);
        net.init(seed);
        net
    }

    /// Sets the parameters to those of `torch.manual_seed(seed)` then building
    /// `nn.RNN`/`LSTM`/`GRU` and the `nn.Linear` head, bit for bit, and the gradients to
    /// zero: every tensor in `state_dict` order from U(−b, b). The recurrent layer uses
    /// b = 1/√hidden; the head's weight uses kaiming_uniform_(a = √5), whose bound PyTorch
    /// computes as √3 · gain/√fan_in. Allocates nothing.
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
        self.grads.iter_mut().for_each(|g| *g = R::ZERO);
    }

    fn gate_rows(&self) -> usize {
        match self.cell {
            CellKind::Rnn => self.hidden,
            CellKind::Lstm => 4 * self.hidden,
            CellKind::Gru => 3 * self.hidden,
        }
    }

    /// Runs the window `x` (length `time_step`) from the carried `state`; keeps every
    /// activation for `backward` and the outputs for `predictions`.
    pub fn forward(&mut self, x: &[R], state: &State<R>) {
        let (t_len, h, g) = (self.time_step, self.hidden, self.gate_rows());
        let Network { params, ws, layout, cell, nonlinearity, .. } = self;
        ws.x.copy_from_slice(&x[..t_len]);
        for (l, ranges) in layout.layers.iter().enumerate() {
            let (w_ih, b_ih) = (&params[ranges.w_ih.clone()], &params[ranges.b_ih.clone()]);
            let (w_hh, b_hh) = (&params[ranges.w_hh.clone()], &params[ranges.b_hh.clone()]);
            let (lower, upper) = ws.hs.split_at_mut(l);
            let hs = &mut upper[0];
            let input: &[R] = if l == 0 { &ws.x } else { &lower[l - 1][h..] };
            let n_in = ranges.input;
            // The products below run on transposed weights: Wᵀ's rows are then summed with
            // block accumulators that stay in registers (see `linalg::add_matvec_t`).
            transpose(w_ih, n_in, &mut ws.w_ih_t);
            transpose(w_hh, h, &mut ws.w_hh_t);
            // gi_t = W_ih x_t + b_ih, for every step at once
            for (gi, x_t) in ws.gi.chunks_exact_mut(g).zip(input.chunks_exact(n_in)) {
                gi.copy_from_slice(b_ih);
                add_matvec_t(&ws.w_ih_t, x_t, gi);
            }
            hs[..h].copy_from_slice(&state.h[l * h..(l + 1) * h]);
            if *cell == CellKind::Lstm {
                ws.cs[l][..h].copy_from_slice(&state.c[l * h..(l + 1) * h]);
            }
            for t in 0..t_len {
                let (past, future) = hs.split_at_mut((t + 1) * h);
                let (h_prev, h_next) = (&past[t * h..], &mut future[..h]);
                let gi = &ws.gi[t * g..(t + 1) * g];
                // gh = W_hh h + b_hh
                ws.gh.copy_from_slice(b_hh);
                add_matvec_t(&ws.w_hh_t, h_prev, &mut ws.gh);
                match cell {
                    CellKind::Rnn => rnn::forward(*nonlinearity, gi, &ws.gh, h_next),
                    CellKind::Lstm => {
                        let (c_past, c_future) = ws.cs[l].split_at_mut((t + 1) * h);
                        lstm::forward(
                            gi,
                            &ws.gh,
                            &c_past[t * h..],
                            &mut ws.gates[l][t * g..(t + 1) * g],
                            &mut c_future[..h],
                            &mut ws.aux[l][t * h..(t + 1) * h],
                            h_next,
                        );
                    }
                    CellKind::Gru => gru::forward(
                        gi,
                        &ws.gh,
                        h_prev,
                        &mut ws.gates[l][t * g..(t + 1) * g],
                        &mut ws.aux[l][t * h..(t + 1) * h],
                        h_next,
                    ),
                }
            }
        }
        // ŷ_t = out.weight · h_t + out.bias, on the top layer
        let (out_w, out_b) = (&params[layout.out_w.clone()], params[layout.out_b.start]);
        let top = &ws.hs[layout.layers.len() - 1][h..];
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
        let (t_len, h, g) = (self.time_step, self.hidden, self.gate_rows());
        let Network { params, grads, ws, layout, cell, nonlinearity, track_last_step, .. } = self;
        let track = *track_last_step;
        grads.iter_mut().for_each(|d| *d = R::ZERO);
        let top = layout.layers.len() - 1;

        // Head: dL/dŷ_t = 2 (ŷ_t − y_t) / T; d out.weight += dŷ h_t; d out.bias += dŷ; dh_t = dŷ out.weight
        let scale = R::from_f64(2.0 / t_len as f64);
        let out_w = &params[layout.out_w.clone()];
        for (t, (&p, &y)) in ws.pred.iter().zip(y).enumerate() {
            let dp = scale * (p - y);
            let h_t = &ws.hs[top][(t + 1) * h..(t + 2) * h];
            axpy(dp, h_t, &mut grads[layout.out_w.clone()]);
            grads[layout.out_b.start] += dp;
            for (d, &w) in ws.dout[t * h..(t + 1) * h].iter_mut().zip(out_w) {
                *d = dp * w;
            }
        }
        // The last step's loss alone: its head gradient enters at t = T−1 only.
        if track {
            ws.last_dout.iter_mut().for_each(|d| *d = R::ZERO);
            let last = t_len - 1;
            let dp = scale * (ws.pred[last] - y[last]);
            for (d, &w) in ws.last_dout[last * h..].iter_mut().zip(out_w) {
                *d = dp * w;
            }
        }

        for l in (0..=top).rev() {
            let ranges = &layout.layers[l];
            let w_hh = &params[ranges.w_hh.clone()];
            ws.dh.iter_mut().for_each(|d| *d = R::ZERO);
            ws.dc.iter_mut().for_each(|d| *d = R::ZERO);
            ws.last_dh.iter_mut().for_each(|d| *d = R::ZERO);
            ws.last_dc.iter_mut().for_each(|d| *d = R::ZERO);
            for t in (0..t_len).rev() {
                let hs = &ws.hs[l];
                let (h_prev, h_t) = (&hs[t * h..(t + 1) * h], &hs[(t + 1) * h..(t + 2) * h]);
                // dL/dh_t: from the output above plus from step t+1
                for (d, &o) in ws.dh.iter_mut().zip(&ws.dout[t * h..(t + 1) * h]) {
                    *d += o;
                }
                // ‖dL/dh_t‖, for the gradient-flow chart
                ws.dh_norms[l * t_len + t] = norm(&ws.dh);
                let saved = Saved { gates: &ws.gates[l], cs: &ws.cs[l], aux: &ws.aux[l], h_prev, h_t, t, g, h };
                let dgh = if *cell == CellKind::Gru { &mut ws.dgh[t * g..(t + 1) * g] } else { &mut [][..] };
                cell_backward(
                    *cell,
                    *nonlinearity,
                    &saved,
                    &mut ws.dh,
                    &mut ws.dc,
                    &mut ws.dgi[t * g..(t + 1) * g],
                    dgh,
                );
                // dh_{t−1} = (GRU: z ⊙ dh_t) + W_hhᵀ dgh_t; at t = 0, h_{t−1} is the carried
                // state, whose gradient is dropped.
                if t > 0 {
                    if *cell != CellKind::Gru {
                        ws.dh.iter_mut().for_each(|d| *d = R::ZERO);
                    }
                    let dgh =
                        if *cell == CellKind::Gru { &ws.dgh[t * g..(t + 1) * g] } else { &ws.dgi[t * g..(t + 1) * g] };
                    add_matvec_t(w_hh, dgh, &mut ws.dh);
                }
                if track {
                    // The same steps for the last time step's loss alone (no parameter gradients).
                    for (d, &o) in ws.last_dh.iter_mut().zip(&ws.last_dout[t * h..(t + 1) * h]) {
                        *d += o;
                    }
                    ws.last_norms[l * t_len + t] = norm(&ws.last_dh);
                    cell_backward(
                        *cell,
                        *nonlinearity,
                        &saved,
                        &mut ws.last_dh,
                        &mut ws.last_dc,
                        &mut ws.last_dgi,
                        &mut ws.last_dgh,
                    );
                    if l > 0 {
                        // dx_t = W_ihᵀ dgi_t, for the layer beneath
                        let dx = &mut ws.last_dinput[t * h..(t + 1) * h];
                        dx.iter_mut().for_each(|d| *d = R::ZERO);
                        add_matvec_t(&params[layout.layers[l].w_ih.clone()], &ws.last_dgi, dx);
                    }
                    if t > 0 {
                        if *cell != CellKind::Gru {
                            ws.last_dh.iter_mut().for_each(|d| *d = R::ZERO);
                        }
                        let dgh = if *cell == CellKind::Gru { &ws.last_dgh } else { &ws.last_dgi };
                        add_matvec_t(w_hh, dgh, &mut ws.last_dh);
                        // A plain RNN's fades by orders of magnitude: never into subnormals.
                        ws.last_dh.iter_mut().for_each(|d| *d = d.flush());
                    }
                }
            }
            if track && l > 0 {
                std::mem::swap(&mut ws.last_dout, &mut ws.last_dinput);
            }
            // RNN and LSTM: both projections share one pre-activation, dgh = dgi.
            let dgh: &[R] = if *cell == CellKind::Gru { &ws.dgh } else { &ws.dgi };
            let input: &[R] = if l == 0 { &ws.x } else { &ws.hs[l - 1][h..] };
            let n_in = ranges.input;
            // dW_hh += Σ_t dgh_t ⊗ h_{t−1};  db_hh += Σ_t dgh_t
            add_outer_sum(dgh, g, &ws.hs[l][..t_len * h], h, &mut grads[ranges.w_hh.clone()]);
            add_row_sum(dgh, &mut grads[ranges.b_hh.clone()]);
            // dW_ih += Σ_t dgi_t ⊗ x_t;  db_ih += Σ_t dgi_t
            add_outer_sum(&ws.dgi, g, input, n_in, &mut grads[ranges.w_ih.clone()]);
            add_row_sum(&ws.dgi, &mut grads[ranges.b_ih.clone()]);
            // Below the top layer: dx_t = W_ihᵀ dgi_t is the gradient of the layer beneath's output.
            if l > 0 {
                let w_ih = &params[ranges.w_ih.clone()];
                for (dx, dgi) in ws.dinput.chunks_exact_mut(h).zip(ws.dgi.chunks_exact(g)) {
                    dx.iter_mut().for_each(|d| *d = R::ZERO);
                    add_matvec_t(w_ih, dgi, dx);
                }
                std::mem::swap(&mut ws.dout, &mut ws.dinput);
            }
        }
    }

    /// Writes the last window's final h (and c) into `state`, for the next window.
    /// Tiny values are flushed to zero so that they never turn subnormal.
    pub fn carry(&self, state: &mut State<R>) {
        let (t, h) = (self.time_step, self.hidden);
        for (l, hs) in self.ws.hs.iter().enumerate() {
            for (s, &v) in state.h[l * h..(l + 1) * h].iter_mut().zip(&hs[t * h..]) {
                *s = v.flush();
            }
        }
        for (l, cs) in self.ws.cs.iter().enumerate().filter(|(_, cs)| !cs.is_empty()) {
            for (s, &v) in state.c[l * h..(l + 1) * h].iter_mut().zip(&cs[t * h..]) {
                *s = v.flush();
            }
        }
    }

    /// One window of truncated BPTT: forward from `state`, loss, gradients into
    /// `grads`, and `state` advanced to the window's end. Returns the loss.
    pub fn train_window(&mut self, x: &[R], y: &[R], state: &mut State<R>) -> R {
        self.forward(x, state);
        let loss = self.loss(y);
        self.backward(y);
        self.carry(state);
        loss
    }

    /// ŷ of the last `forward`, one per time step.
    pub fn predictions(&self) -> &[R] {
        &self.ws.pred
    }

    /// ‖dL/dh_t‖ of the last `backward`, for every layer and time step (`layers × time_step`,
    /// layer 0 first): the gradient of the window's loss reaching the hidden state h_t of
    /// step t, from the output above and from the later steps, before any clipping.
    pub fn hidden_gradient_norms(&self) -> &[f32] {
        &self.ws.dh_norms
    }

    /// ‖dℓ_T/dh_t‖ of the last `backward` with `track_last_step` on (zeros otherwise), laid
    /// out as `hidden_gradient_norms`: the gradient of the loss of the window's last time step
    /// alone, which reaches h_t only back through time. It shows what backpropagation through
    /// time carries: a plain RNN's fades over the steps, an LSTM's holds up.
    pub fn last_step_gradient_norms(&self) -> &[f32] {
        &self.ws.last_norms
    }

    /// The top layer's h at each step of the last `forward`, `time_step × hidden`.
    pub fn hidden_states(&self) -> &[R] {
        &self.ws.hs[self.ws.hs.len() - 1][self.hidden..]
    }
}

/// ‖v‖₂, in f64.
fn norm<R: Real>(v: &[R]) -> f32 {
    crate::linalg::sum_of_squares(v).sqrt() as f32
}

/// What the forward pass kept of step `t` of one layer: the activated gates, the cell states
/// (LSTM), the auxiliary values (tanh c' for the LSTM, W_hn h + b_hn for the GRU), h_{t−1}, h_t.
struct Saved<'a, R> {
    gates: &'a [R],
    cs: &'a [R],
    aux: &'a [R],
    h_prev: &'a [R],
    h_t: &'a [R],
    t: usize,
    /// Gate rows (G·H) and hidden units.
    g: usize,
    h: usize,
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
    match cell {
        CellKind::Rnn => rnn::backward(nonlinearity, s.h_t, dh, dgi),
        CellKind::Lstm => lstm::backward(
            &s.gates[t * g..(t + 1) * g],
            &s.cs[t * h..(t + 1) * h],
            &s.aux[t * h..(t + 1) * h],
            dh,
            dc,
            dgi,
        ),
        CellKind::Gru => {
            gru::backward(&s.gates[t * g..(t + 1) * g], &s.aux[t * h..(t + 1) * h], s.h_prev, dh, dgi, dgh)
        }
    }
}

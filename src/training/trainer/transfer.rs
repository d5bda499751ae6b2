//! A trainer's state handed from one thread to another (the page trains in a Web Worker and
//! draws on the main thread), as bytes of this build (postcard), not a file format
//! (checkpoints are that):
//! - the display state: what the charts and readouts read after a step (step count, config,
//!   loss and gradient histories, the last window and its predictions, hidden states,
//!   gradient norms), a few KB to a few hundred, sent as often as frames are drawn;
//! - the exact state: all of it, weights, gradients, optimizer moments and carried state
//!   too, from which another trainer goes on bit for bit as this one would.

use super::{Origin, Trainer, WindowBuf};
use crate::engine::alloc::{self, Buffers};
use crate::engine::floats;
use crate::engine::network::{Outputs, State};
use crate::engine::optim::Optimizer;
use crate::error::Error;
use crate::messages as m;
use crate::training::config::Config;
use crate::training::hyper::HyperChange;
use crate::training::loss_history::LossHistory;
use crate::training::recent_windows::RecentWindows;
use crate::training::settings;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What the charts and readouts read. Borrowed to write, owned when read.
#[derive(Serialize, Deserialize)]
struct DisplayState<'a> {
    config: Cow<'a, Config>,
    start_config: Cow<'a, Config>,
    changes: Cow<'a, [HyperChange]>,
    step: u64,
    diverged_at: Option<u64>,
    losses: Cow<'a, LossHistory>,
    gradient_norms: Cow<'a, LossHistory>,
    recent: Cow<'a, RecentWindows>,
    window: Cow<'a, WindowBuf>,
    outputs: Outputs<f32>,
    /// The weights, when asked for (what `input_influence` runs on), else None.
    #[serde(with = "floats::option")]
    params: Option<Cow<'a, [f32]>>,
}

/// Everything: the display state and what training goes on from.
#[derive(Serialize, Deserialize)]
struct ExactState<'a> {
    display: DisplayState<'a>,
    #[serde(with = "floats")]
    params: Cow<'a, [f32]>,
    #[serde(with = "floats")]
    grads: Cow<'a, [f32]>,
    optimizer: Cow<'a, Optimizer>,
    state: Cow<'a, State<f32>>,
    origin: Cow<'a, Origin>,
    track_last_step: bool,
}

/// The state `bytes` are. Its arrays are copied out of them (`floats`), about their size in
/// all; postcard keeps no message of why that failed, so a failure is told apart afterwards (its
/// arrays freed): a lack of memory says so rather than that the bytes are wrong. (Nothing is
/// probed before: display states are decoded every frame.)
fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Error> {
    postcard::from_bytes(bytes).map_err(|e| {
        if alloc::can_allocate(bytes.len()) {
            Error::new(m::STATE_BYTES).text("detail", e.to_string())
        } else {
            Error::new(m::MEMORY_STATE).nested("size", alloc::size(bytes.len()))
        }
    })
}

/// `value`'s bytes, allocated once at their size (a state is up to tens of MB: no doubling
/// growth, and an error, not a trap, where memory cannot hold them).
fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    let failed = |e: postcard::Error| Error::new(m::STATE_BYTES).text("detail", e.to_string());
    let size = postcard::experimental::serialized_size(value).map_err(failed)?;
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size).map_err(|_| Error::new(m::MEMORY_STATE).nested("size", alloc::size(size)))?;
    postcard::to_extend(value, bytes).map_err(failed)
}

/// `values` has `len` numbers (finite or not: a diverged run's state moves too).
fn check_len(what: &str, values: &[f32], len: usize) -> Result<(), Error> {
    if values.len() != len {
        return Err(Error::new(m::VALUES_COUNT).text("what", what).count("count", values.len()).count("needed", len));
    }
    Ok(())
}

impl Trainer {
    /// The display state, with the weights when `with_params`, and h_t of every layer when
    /// `all_layers` (else of the top one: the lower layers' are for the unrolled view only).
    fn display(&self, with_params: bool, all_layers: bool) -> DisplayState<'_> {
        DisplayState {
            config: Cow::Borrowed(&self.config),
            start_config: Cow::Borrowed(&self.start_config),
            changes: Cow::Borrowed(&self.changes),
            step: self.step,
            diverged_at: self.diverged_at,
            losses: Cow::Borrowed(&self.history),
            gradient_norms: Cow::Borrowed(&self.grad_norms),
            recent: Cow::Borrowed(&self.recent),
            window: Cow::Borrowed(&self.window),
            outputs: self.net.outputs(if all_layers { 0 } else { usize::MAX }),
            params: with_params.then_some(Cow::Borrowed(&self.net.params[..])),
        }
    }

    /// The display state (see the module's doc) as bytes for `apply_display_state`, with the
    /// weights when `with_params` (for a view that runs the network: `input_influence`), and
    /// the hidden states of every layer when `all_layers`, else of the top one (the view's
    /// lower layers then keep theirs: at 4 layers of 256 units and T 200 that is 600 KB less).
    pub fn display_state(&self, with_params: bool, all_layers: bool) -> Result<Vec<u8>, Error> {
        encode(&self.display(with_params, all_layers))
    }

    /// Shows the display state `bytes` of a trainer of the same network (the same settings
    /// but the live ones, which are taken): step count, histories, last window, outputs, the
    /// live settings and their changes, and the weights where they were sent. The optimizer and
    /// carried state (and the weights where they were not sent) stay this trainer's own: a view
    /// to draw, not to train on (restore an exact state for that).
    /// Errors, changing nothing: bytes of another build or version, another network.
    pub fn apply_display_state(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let d: DisplayState = decode(bytes)?;
        self.check_display(&d)?;
        self.optimizer
            .prepare(&d.config, self.net.params.len())
            .map_err(|e| Error::new(m::MEMORY_MOMENTUM).nested("size", alloc::size(e.bytes)))?;
        self.take_display(d);
        Ok(())
    }

    /// Errors unless `d` can be shown by this trainer: the same network, consistent parts.
    fn check_display(&self, d: &DisplayState) -> Result<(), Error> {
        let mut same = self.config.clone();
        for s in settings::live_settings() {
            if let Some(v) = s.get(&d.config) {
                s.set(&mut same, v);
            }
        }
        if same != *d.config {
            return Err(Error::new(m::STATE_NETWORK)
                .nested("model", super::model(&d.config))
                .nested("mine", self.model()));
        }
        d.config.validate()?;
        let t = self.config.time_step;
        let w = &d.window;
        let windows_fit = w.t.len() == t && w.x.len() == t && w.y.len() == t && d.recent.is_consistent(t);
        let params_fit = d.params.as_ref().is_none_or(|p| p.len() == self.net.params.len());
        let consistent = windows_fit && params_fit && d.losses.is_consistent() && d.gradient_norms.is_consistent();
        if !consistent || !self.net.outputs_fit(&d.outputs) {
            return Err(Error::new(m::STATE_BYTES).text("detail", "inconsistent histories, window or outputs"));
        }
        Ok(())
    }

    fn take_display(&mut self, d: DisplayState) {
        self.config = d.config.into_owned();
        self.start_config = d.start_config.into_owned();
        self.changes = d.changes.into_owned();
        self.step = d.step;
        self.diverged_at = d.diverged_at;
        self.history = d.losses.into_owned();
        self.grad_norms = d.gradient_norms.into_owned();
        self.recent = d.recent.into_owned();
        self.window = d.window.into_owned();
        let fits = self.net.set_outputs(&d.outputs);
        debug_assert!(fits, "checked by check_display");
        if let Some(params) = d.params {
            self.net.params.copy_from_slice(&params);
        }
    }

    /// The exact state (see the module's doc) as bytes for `from_exact_state`.
    pub fn exact_state(&self) -> Result<Vec<u8>, Error> {
        encode(&ExactState {
            display: self.display(false, true),
            params: Cow::Borrowed(&self.net.params),
            grads: Cow::Borrowed(&self.net.grads),
            optimizer: Cow::Borrowed(&self.optimizer),
            state: Cow::Borrowed(&self.state),
            origin: Cow::Borrowed(&self.origin),
            track_last_step: self.net.track_last_step,
        })
    }

    /// The trainer whose exact state `bytes` are (`exact_state`): training it goes on bit
    /// for bit as the original would, and it shows what the original showed. Errors: bytes of
    /// another build or version or an inconsistent state (naming what), or not enough memory.
    pub fn from_exact_state(bytes: &[u8]) -> Result<Trainer, Error> {
        let s: ExactState = decode(bytes)?;
        let config = s.display.config.clone().into_owned();
        config.validate()?;
        let mut t = Trainer::build(&config, &mut Buffers::allocating()).map_err(|_| {
            Error::new(m::MEMORY_TRAINER)
                .nested("model", super::model(&config))
                .count("timeStep", config.time_step)
                .nested("size", alloc::size(Trainer::memory_needed(&config)))
        })?;
        t.check_display(&s.display)?;
        let n = t.net.params.len();
        check_len("weights", &s.params, n)?;
        check_len("gradients", &s.grads, n)?;
        check_len("hidden", &s.state.h, t.state.h.len())?;
        check_len("cell", &s.state.c, t.state.c.len())?;
        let optimizer = s.optimizer.into_owned();
        match (&optimizer, &t.optimizer) {
            (Optimizer::Adam(_), Optimizer::Adam(_)) | (Optimizer::Sgd(_), Optimizer::Sgd(_)) => {}
            _ => return Err(Error::new(m::RESUME_OPTIMIZER)),
        }
        for (name, values) in optimizer.moments() {
            let len = if name == "momentum_buffer" && values.is_empty() { 0 } else { n };
            check_len(&format!("optimizer {name}"), values, len)?;
        }
        let origin = s.origin.into_owned();
        if let Origin::Weights(w) = &origin {
            check_len("initial weights", w, n)?;
        }
        t.net.params.copy_from_slice(&s.params);
        t.net.grads.copy_from_slice(&s.grads);
        t.optimizer = optimizer;
        t.state = s.state.into_owned();
        t.origin = origin;
        t.net.track_last_step = s.track_last_step;
        t.take_display(s.display);
        t.net.reserve_packing_buffer();
        Ok(t)
    }
}

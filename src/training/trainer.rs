//! A training run of the tutorial's protocol: window after window, the state carried
//! from one window into the next, one optimizer step per window.

use crate::engine::alloc::{self, Buffers, OutOfMemory};
use crate::engine::isa::Isa;
use crate::engine::linalg::{Kernel, Portable};
use crate::engine::network::{Network, State};
use crate::engine::optim::{clip_coefficient, clip_grad_norm, Optimizer};
use crate::error::{Error, Report};
use crate::files::weights_file;
use crate::messages as m;
use crate::training::config::Config;
use crate::training::hyper::{HyperChange, HyperParameter};
use crate::training::loss_history::LossHistory;
use crate::training::recent_windows::RecentWindows;
use crate::training::settings::Value;
use crate::training::step_trace::StepTrace;
use crate::training::tasks::Windows;
use crate::{files::safetensors_file, files::state_dict, files::state_dict_json};

mod transfer;

pub struct Trainer {
    config: Config,
    net: Network<f32>,
    optimizer: Optimizer,
    /// The state carried into the next window.
    state: State<f32>,
    /// Windows trained so far; the next step trains window `step`.
    step: u64,
    history: LossHistory,
    /// The global gradient norm of every step, before clipping (bounded as `history`).
    grad_norms: LossHistory,
    /// The configuration the run started with at step 0; `config` is the current one.
    start_config: Config,
    /// The hyper-parameter changes made after step 0, in order.
    changes: Vec<HyperChange>,
    /// Where this run's weights at step 0 came from (for `pytorch_script`).
    origin: Origin,
    recent: RecentWindows,
    /// The window last run through the network.
    window: WindowBuf,
    /// The task's windows, their sines computed once.
    windows: Windows,
    /// The first step whose loss was NaN or infinite, since the weights were last set.
    diverged_at: Option<u64>,
    /// The code path `step` and `train` run on.
    isa: Isa,
    /// The network `input_influence` runs the last window on, built when first needed.
    influence_net: Option<Box<Network<f32>>>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct WindowBuf {
    k: u64,
    #[serde(with = "crate::engine::floats")]
    t: Vec<f64>,
    #[serde(with = "crate::engine::floats")]
    x: Vec<f32>,
    #[serde(with = "crate::engine::floats")]
    y: Vec<f32>,
}

/// One window as shown to the user.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    /// Window index.
    pub k: u64,
    pub t: &'a [f64],
    pub input: &'a [f32],
    pub target: &'a [f32],
    pub prediction: &'a [f32],
}

impl Trainer {
    /// A fresh run with `torch.manual_seed(config.seed)` weights. Errors: an invalid
    /// config (naming the field, its range and the value), or not enough memory for the
    /// network's and optimizer's buffers (saying how much the configuration needs).
    pub fn new(config: Config) -> Result<Self, Error> {
        config.validate()?;
        let mut trainer = Trainer::build(&config, &mut Buffers::allocating()).map_err(|_| {
            Error::new(m::MEMORY_TRAINER)
                .nested("model", model(&config))
                .count("timeStep", config.time_step)
                .nested("size", alloc::size(Trainer::memory_needed(&config)))
        })?;
        trainer.net.init(config.seed);
        trainer.net.reserve_packing_buffer();
        trainer.preview();
        Ok(trainer)
    }

    /// Bytes a trainer with `config` (valid) allocates for its buffers: network
    /// parameters, gradients and workspace, optimizer moments, carried state.
    pub fn memory_needed(config: &Config) -> usize {
        let mut count = Buffers::counting();
        let _ = Trainer::build(config, &mut count);
        count.bytes
    }

    /// A trainer at step 0 with every buffer allocated (or only counted) by `bufs`, all zero.
    fn build(config: &Config, bufs: &mut Buffers) -> Result<Self, OutOfMemory> {
        let net = Network::build(config, bufs)?;
        let n = config.time_step;
        Ok(Trainer {
            optimizer: Optimizer::build(config, net.layout.len, bufs)?,
            state: State::build(config, bufs)?,
            step: 0,
            history: LossHistory::default(),
            grad_norms: LossHistory::default(),
            start_config: config.clone(),
            changes: Vec::new(),
            origin: Origin::Seed,
            recent: RecentWindows::new(n),
            window: WindowBuf { k: 0, t: bufs.filled(n, 0.0)?, x: bufs.filled(n, 0.0)?, y: bufs.filled(n, 0.0)? },
            windows: Windows::build(config.task, n, bufs)?,
            net,
            config: config.clone(),
            diverged_at: None,
            isa: Isa::detect(),
            influence_net: None,
        })
    }

    /// Trains one window and returns its loss (NaN or infinite once training diverged).
    pub fn step(&mut self) -> f32 {
        self.train(1)
    }

    /// Trains `n` windows; returns the last loss (NaN if n is 0). The last step's gradient
    /// through time, when tracked, is followed on the last of them only: it is what
    /// `last_step_gradient_norms` shows, and it costs a second pass through time.
    /// This is where the hand loops' kernel (`linalg::Kernel`) is chosen, once per call.
    pub fn train(&mut self, n: u64) -> f32 {
        self.train_windows(n, false)
    }

    /// As `train`, but stops after the first window of this call whose loss is not finite (NaN
    /// or ±∞): on a run that had not diverged, the step count then is the step it diverged at
    /// (`diverged_at`) and the last step's gradient, when tracked, is that window's, however
    /// many windows were asked for. The page trains this way, so that a diverged run stops at
    /// the same step, with the same state, at any speed.
    pub fn train_until_diverged(&mut self, n: u64) -> f32 {
        self.train_windows(n, true)
    }

    fn train_windows(&mut self, n: u64, until_diverged: bool) -> f32 {
        #[cfg(target_arch = "x86_64")]
        if self.isa == Isa::Avx2Fma {
            // SAFETY: `isa` is only ever Avx2Fma on a CPU that has AVX2 and FMA (`set_isa`).
            return unsafe { self.train_avx2_fma(n, until_diverged) };
        }
        self.train_with::<Portable>(n, until_diverged)
    }

    /// `train_windows`, compiled for AVX2 and FMA: everything it inlines (the network's passes,
    /// the hand kernels, the optimizer) is generated with those instructions.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn train_avx2_fma(&mut self, n: u64, until_diverged: bool) -> f32 {
        self.train_with::<crate::engine::linalg::Avx2Fma>(n, until_diverged)
    }

    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn train_with<K: Kernel>(&mut self, n: u64, until_diverged: bool) -> f32 {
        let track = self.net.track_last_step;
        self.net.track_last_step = false;
        self.net.track_non_finite = track && until_diverged;
        let mut loss = f32::NAN;
        for i in 0..n {
            self.net.track_last_step = track && i + 1 == n;
            loss = self.step_with::<K>(false).0;
            if until_diverged && !loss.is_finite() {
                break;
            }
        }
        self.net.track_last_step = track;
        self.net.track_non_finite = false;
        loss
    }

    /// Trains one window exactly as `step` does (the same loss, weights, optimizer state and
    /// carried state afterwards, on the same code path) and returns its record: every
    /// activation, dL/dh_t, the gradients before clipping and the update. Costs a copy of
    /// the activations and parameters and a second pass back through time; `step` pays
    /// nothing for it.
    /// Errors, training nothing, when the memory for the record is not there.
    pub fn trace_step(&mut self) -> Result<StepTrace, Error> {
        alloc::ensure_available(self.trace_bytes(), Error::new(m::THE_STEP_RECORD))?;
        #[cfg(target_arch = "x86_64")]
        if self.isa == Isa::Avx2Fma {
            // SAFETY: as in `train`.
            return Ok(unsafe { self.trace_step_avx2_fma() });
        }
        Ok(self.trace_step_with::<Portable>())
    }

    /// Bytes `trace_step` allocates, at most: the record (the window, h and c with their
    /// starting values, gates and both projections, dL/dh_t, the gradients and the update)
    /// and the buffers of its second pass back through time.
    fn trace_bytes(&self) -> usize {
        let c = &self.config;
        let (l, t, h, g) = (c.layers, c.time_step, c.hidden, c.gates() * c.hidden);
        let floats = 6 * t + 2 * l * h + 2 * l * t * h + 3 * l * t * g + l * t * h + 2 * self.net.params.len();
        floats.saturating_mul(4).saturating_add(self.net.backprop_bytes())
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn trace_step_avx2_fma(&mut self) -> StepTrace {
        self.trace_step_with::<crate::engine::linalg::Avx2Fma>()
    }

    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn trace_step_with<K: Kernel>(&mut self) -> StepTrace {
        self.step_with::<K>(true).1.expect("a traced step returns its record")
    }

    /// One window; with `trace`, also its record (`trace_step`).
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn step_with<K: Kernel>(&mut self, trace: bool) -> (f32, Option<StepTrace>) {
        let k = self.step;
        self.load_window(k);
        if !self.config.carry_state {
            self.clear_state();
        }
        let w = &self.window;
        let loss = self.net.train_window_with::<K>(&w.x, &w.y, &mut self.state);
        let mut record = trace.then(|| self.record_step(loss));
        let norm = if self.config.clip_norm > 0.0 {
            clip_grad_norm(&mut self.net.grads, self.config.clip_norm)
        } else {
            crate::engine::linalg::sum_of_squares(&self.net.grads).sqrt()
        };
        self.grad_norms.push(norm as f32);
        self.optimizer.step(&mut self.net.params, &self.net.grads, &self.config);
        if let Some(r) = &mut record {
            // clip_grad_norm's factor; the update is θ after − θ before (`record_step` kept θ)
            let clipped = self.config.clip_norm > 0.0;
            r.gradient_norm = norm as f32;
            r.clip_scale = clip_coefficient(norm, self.config.clip_norm).filter(|_| clipped).unwrap_or(1.0);
            r.update.iter_mut().zip(&self.net.params).for_each(|(u, &after)| *u = after - *u);
        }
        self.step += 1;
        if !loss.is_finite() && self.diverged_at.is_none() {
            self.diverged_at = Some(self.step);
        }
        self.history.push(loss);
        self.recent.push(k, self.net.predictions());
        (loss, record)
    }

    /// The record of the window just run forward and back (before clipping and the
    /// optimizer's step, which `step_with` adds): the update holds θ before the step.
    fn record_step(&self, loss: f32) -> StepTrace {
        let w = &self.window;
        StepTrace {
            step: w.k,
            t: w.t.clone(),
            x: w.x.clone(),
            target: w.y.clone(),
            prediction: self.net.predictions().to_vec(),
            loss,
            forward: self.net.forward_record(),
            dl_dh: self.net.hidden_gradients(),
            gradients: self.net.grads.clone(),
            gradient_norm: 0.0,
            clip_scale: 1.0,
            update: self.net.params.clone(),
        }
    }

    /// |∂ŷ_t/∂x_s| for s = 0 … t over the last window (`last_window`), with the current
    /// weights and the state that window started from held fixed, as truncated
    /// backpropagation sees it: how far back the prediction at step t looks. The window is
    /// run again on a second network (built on the first call, kept), so nothing the trainer
    /// shows changes. Errors: t ≥ time_step, or no memory for the second network.
    pub fn input_influence(&mut self, t: usize) -> Result<Vec<f32>, Error> {
        if t >= self.config.time_step {
            return Err(Error::new(m::INFLUENCE_STEP)
                .number("steps", self.config.time_step as f64)
                .number("t", t as f64));
        }
        if self.influence_net.is_none() {
            let net = Network::build(&self.config, &mut Buffers::allocating())
                .map_err(|e| Error::new(m::MEMORY_INFLUENCE).nested("size", alloc::size(e.bytes)))?;
            self.influence_net = Some(Box::new(net));
        }
        let net = self.influence_net.as_mut().expect("built above");
        net.params.copy_from_slice(&self.net.params);
        net.forward(&self.window.x, &self.net.window_start());
        Ok(net.input_influence(t))
    }

    /// The code path `step` and `train` run on: the fastest this CPU has, unless `set_isa`
    /// chose another.
    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// Runs `step` and `train` on `isa` (to compare paths, or to test the baseline on a CPU
    /// with more). Errors if this CPU cannot run it; the trainer is unchanged then.
    pub fn set_isa(&mut self, isa: Isa) -> Result<(), Error> {
        if !isa.is_available() {
            return Err(Error::new(m::ISA_UNAVAILABLE).text("isa", isa.name()));
        }
        self.isa = isa;
        Ok(())
    }

    /// Changes one live setting (`settings::Scope::Live`: `lr`, `weightDecay`, `clipNorm`, …,
    /// by its JS name) of the running trainer, as a PyTorch loop changes
    /// `optimizer.param_groups[0]['lr']` between steps: weights, optimizer moments, step
    /// count, carried state and loss history go on. The value is checked as the constructor
    /// checks it (the same message); the change is recorded for `hyper_changes`. Errors
    /// (another setting, a value out of range, no memory for SGD's momentum buffer) leave the
    /// trainer unchanged.
    pub fn set_hyper_parameter(&mut self, name: &str, value: f64) -> Result<(), Error> {
        let parameter = HyperParameter::named(name)?;
        let setting = parameter.setting();
        let mut next = self.config.clone();
        setting.set(&mut next, Value::Real(value));
        next.validate()?;
        if next == self.config {
            return Ok(());
        }
        self.optimizer
            .prepare(&next, self.net.params.len())
            .map_err(|e| Error::new(m::MEMORY_MOMENTUM).nested("size", alloc::size(e.bytes)))?;
        self.config = next;
        if self.step == 0 {
            // Nothing trained yet: the run simply starts with this value.
            self.start_config = self.config.clone();
        } else if setting.applies(&self.config) {
            // (Adam's momentum and SGD's β and ε stay in the config, without effect: not a change.)
            self.changes.retain(|c| !(c.step == self.step && c.parameter == parameter));
            self.changes.push(HyperChange { step: self.step, parameter, value });
        }
        Ok(())
    }

    /// The configuration the run started with (its hyper-parameters before any change).
    pub fn start_config(&self) -> &Config {
        &self.start_config
    }

    /// The hyper-parameter changes made during the run, in order: from window `step` on,
    /// `parameter` had `value`.
    pub fn hyper_changes(&self) -> &[HyperChange] {
        &self.changes
    }

    /// The optimizer's state (moments, step count).
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// The state carried into the next window: h (and an LSTM's c) of every layer.
    pub fn carried_state(&self) -> &State<f32> {
        &self.state
    }

    /// Whether the run started from its seed's weights (false: from imported weights, or
    /// from a checkpoint of a run whose start is not known).
    pub fn started_from_seed(&self) -> bool {
        self.origin == Origin::Seed
    }

    /// This trainer (built with `s.config`, at step 0) continuing the run of `s` exactly, once
    /// `s` is checked to be a state of such a run: one finite value per parameter, optimizer
    /// moment and carried state, consistent histories, valid settings. Errors name what is wrong.
    pub fn resume(mut self, s: Snapshot) -> Result<Trainer, Error> {
        if s.config != self.config {
            return Err(Error::new(m::RESUME_CONFIG));
        }
        check_values("weights", &s.params, self.net.params.len())?;
        match (&s.optimizer, &self.optimizer) {
            (Optimizer::Adam(_), Optimizer::Adam(_)) | (Optimizer::Sgd(_), Optimizer::Sgd(_)) => {}
            _ => return Err(Error::new(m::RESUME_OPTIMIZER)),
        }
        for (name, values) in s.optimizer.moments() {
            // SGD's momentum buffer is empty until a step uses momentum (maybe set during the run).
            let len = if name == "momentum_buffer" && values.is_empty() { 0 } else { self.net.params.len() };
            check_values(&format!("optimizer {name}"), values, len)?;
        }
        check_values("hidden", &s.state.h, self.state.h.len())?;
        check_values("cell", &s.state.c, self.state.c.len())?;
        if !s.losses.is_consistent() {
            return Err(Error::new(m::RESUME_LOSSES));
        }
        s.start_config.validate().map_err(|e| e.within(m::RESUME_START_CONFIG))?;
        if s.changes.iter().any(|c| c.step > s.step || !c.value.is_finite()) {
            return Err(Error::new(m::RESUME_CHANGES));
        }
        self.net.params = s.params;
        self.optimizer = s.optimizer;
        self.state = s.state;
        self.step = s.step;
        self.history = s.losses;
        if s.gradient_norms.is_consistent() {
            self.grad_norms = s.gradient_norms;
        }
        self.start_config = s.start_config;
        self.changes = s.changes;
        self.origin = if s.from_seed { Origin::Seed } else { Origin::Unknown };
        self.preview();
        Ok(self)
    }

    /// Back to step 0 with fresh weights from `seed` (or the configured seed).
    pub fn reset(&mut self, seed: Option<u32>) {
        if let Some(seed) = seed {
            self.config.seed = seed;
        }
        self.net.init(self.config.seed);
        self.restart();
        self.origin = Origin::Seed;
    }

    /// Replaces the weights by those of a weights file (JSON, safetensors or NumPy `.npz`, a
    /// state dict or a recorded run's `initial_state_dict`: see `weights_file`) and starts a new
    /// run from them: step 0, optimizer state and carried state cleared. `name` is the file's
    /// name or path as the user gave it (None: not known), for the Python that messages give for
    /// files to convert. Returns which dict was loaded ("loaded the state dict (safetensors)").
    /// On error the trainer is unchanged.
    pub fn import_weights(&mut self, bytes: &[u8], name: Option<&str>) -> Result<Report, Error> {
        let weights = weights_file::read(&self.net.layout, bytes, &self.model(), name)?;
        let mut start = alloc::filled(weights.params.len(), 0.0f32)
            .map_err(|e| Error::new(m::MEMORY_IMPORT_COPY).nested("size", alloc::size(e.bytes)))?;
        start.copy_from_slice(&weights.params);
        self.net.params = weights.params;
        self.restart();
        self.origin = Origin::Weights(start);
        Ok(weights.loaded)
    }

    /// The weights as a JSON state dict under PyTorch's names and shapes. Errors when
    /// training diverged (the weights hold NaN or infinite numbers).
    pub fn export_weights(&self) -> Result<String, Error> {
        self.check_finite(Error::new(m::DIVERGED_WEIGHTS), &self.net.params)?;
        self.ensure_export_memory()?;
        Ok(state_dict_json::to_value(&self.net.layout, &self.net.params).to_string())
    }

    /// The weights as a safetensors file of F32 tensors (`safetensors.torch.load_file`
    /// reads it). Errors as `export_weights`.
    pub fn export_safetensors(&self) -> Result<Vec<u8>, Error> {
        self.check_finite(Error::new(m::DIVERGED_WEIGHTS), &self.net.params)?;
        safetensors_file::to_bytes(&self.net.layout, &self.net.params)
    }

    /// Checks that the memory a JSON export builds (a tree of values, then its text: well
    /// under 100 bytes per parameter) is there, so that running out is an error.
    pub(crate) fn ensure_export_memory(&self) -> Result<(), Error> {
        alloc::ensure_available(self.net.params.len().saturating_mul(100), Error::new(m::THE_EXPORT))
    }

    /// `Ok` unless `values` hold a NaN or an infinity; the error names the step at which
    /// training diverged.
    pub(crate) fn check_finite(&self, what: Error, values: &[f32]) -> Result<(), Error> {
        state_dict::check_finite(what, values, self.diverged_at.unwrap_or(self.step))
    }

    /// "RNN (tanh) with hidden 32 and 1 layer", for messages.
    pub fn model_name(&self) -> String {
        model(&self.config).to_string()
    }

    /// `model_name` as a message.
    pub fn model(&self) -> Error {
        model(&self.config)
    }

    /// Starts a new run from the current weights and settings: step 0, optimizer state and
    /// carried state cleared, the history and the record of changes emptied.
    fn restart(&mut self) {
        self.diverged_at = None;
        self.net.forget_backward();
        self.optimizer.reset();
        self.clear_state();
        self.step = 0;
        self.history = LossHistory::default();
        self.grad_norms = LossHistory::default();
        self.start_config = self.config.clone();
        self.changes.clear();
        self.recent.clear();
        self.preview();
    }

    /// h = 0 (and c = 0) for the next window.
    fn clear_state(&mut self) {
        self.state.h.iter_mut().for_each(|v| *v = 0.0);
        self.state.c.iter_mut().for_each(|v| *v = 0.0);
    }

    /// Runs window `step` forward without training, so the charts show what the net
    /// predicts before it learns from it.
    fn preview(&mut self) {
        self.load_window(self.step);
        self.net.forward(&self.window.x, &self.state);
    }

    fn load_window(&mut self, k: u64) {
        let w = &mut self.window;
        w.k = k;
        self.windows.fill(k, self.config.seed, &mut w.t, &mut w.x, &mut w.y);
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn step_count(&self) -> u64 {
        self.step
    }

    pub fn network(&self) -> &Network<f32> {
        &self.net
    }

    /// dL/dparams of the last step, after clipping, in the layout of `network().layout`
    /// (all zero before the first step).
    pub fn gradients(&self) -> &[f32] {
        &self.net.grads
    }

    pub fn losses(&self) -> &LossHistory {
        &self.history
    }

    /// The last window run through the network, with its predictions.
    pub fn last_window(&self) -> Window<'_> {
        let w = &self.window;
        Window { k: w.k, t: &w.t, input: &w.x, target: &w.y, prediction: self.net.predictions() }
    }

    /// L = mean_t (ŷ_t − y_t)² of the last window's prediction against its target, in f32 as
    /// training computes it (`Network::loss`): the loss the window was trained with, or, after a
    /// restore, that of the next window's forward pass, shown before it trains.
    pub fn last_window_loss(&self) -> f32 {
        self.net.loss(&self.window.y)
    }

    /// The global gradient norm ‖dL/dparams‖ of every step before clipping, bounded and
    /// coarsened as `losses()` (same stride).
    pub fn gradient_norms(&self) -> &LossHistory {
        &self.grad_norms
    }

    /// ‖dL/dh_t‖ of the last step for every layer and time step, `layers × time_step`,
    /// layer 0 first (see `Network::hidden_gradient_norms`); zero before the first step.
    pub fn hidden_gradient_norms(&self) -> &[f32] {
        self.net.hidden_gradient_norms()
    }

    /// Whether each step also follows the loss of the window's last time step alone back
    /// through time (`last_step_gradient_norms`); off by default (it costs about as much as
    /// the recurrent half of the backward pass).
    pub fn track_last_step_gradient(&mut self, on: bool) {
        self.net.track_last_step = on;
    }

    /// ‖dℓ_T/dh_t‖ of the last step, laid out as `hidden_gradient_norms`: the gradient of the
    /// window's last time step's loss alone, which reaches h_t only through time (zeros unless
    /// `track_last_step_gradient(true)` was set before that step).
    pub fn last_step_gradient_norms(&self) -> &[f32] {
        self.net.last_step_gradient_norms()
    }

    /// A self-contained PyTorch script that reproduces the first `steps` windows of this run
    /// (see `pytorch_script`): from the seed, or from the imported weights (written into the
    /// script). Errors for a run resumed from a checkpoint whose run did not start from its
    /// seed: its weights at step 0 are not known.
    pub fn pytorch_script(&self, steps: u64) -> Result<String, Error> {
        let weights = match &self.origin {
            Origin::Seed => None,
            Origin::Weights(w) => Some(state_dict_json::to_value(&self.net.layout, w)),
            Origin::Unknown => return Err(Error::new(m::SCRIPT_UNKNOWN_START)),
        };
        Ok(crate::training::pytorch_script::pytorch_script(&self.start_config, &self.changes, weights.as_ref(), steps))
    }

    /// The top layer's hidden state at each step of the last window, `time_step × hidden`.
    pub fn hidden_states(&self) -> &[f32] {
        self.net.hidden_states()
    }

    /// Layer `layer`'s hidden state (0 the lowest) at each step of the last window,
    /// `time_step × hidden`; None unless `layer < layers`.
    pub fn layer_hidden_states(&self, layer: usize) -> Option<&[f32]> {
        (layer < self.config.layers).then(|| self.net.layer_hidden_states(layer))
    }

    /// The last few trained windows (index and predictions), oldest first.
    pub fn recent_windows(&self) -> impl Iterator<Item = (u64, &[f32])> + '_ {
        self.recent.iter()
    }
}

/// A run's whole state, as a checkpoint keeps it (`Trainer::resume` continues from one).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub config: Config,
    /// The configuration at step 0; `changes` were made since.
    pub start_config: Config,
    /// Windows trained.
    pub step: u64,
    /// The weights, in the layout of `network().layout`.
    pub params: Vec<f32>,
    pub optimizer: Optimizer,
    /// The state carried into the next window.
    pub state: State<f32>,
    pub losses: LossHistory,
    pub gradient_norms: LossHistory,
    pub changes: Vec<HyperChange>,
    /// The run started from its seed (false: its weights at step 0 are not known).
    pub from_seed: bool,
}

/// `values` has `len` numbers, all finite.
fn check_values(what: &str, values: &[f32], len: usize) -> Result<(), Error> {
    if values.len() != len {
        return Err(Error::new(m::VALUES_COUNT).text("what", what).count("count", values.len()).count("needed", len));
    }
    if values.iter().any(|x| !x.is_finite()) {
        return Err(Error::new(m::VALUES_FINITE).text("what", what));
    }
    Ok(())
}

/// Where a run's weights at step 0 came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
enum Origin {
    /// `torch.manual_seed(config.seed)`.
    Seed,
    /// An imported weights file (a copy of its parameters, in the network's layout).
    Weights(#[serde(with = "crate::engine::floats")] Vec<f32>),
    /// A checkpoint of a run that did not start from its seed.
    Unknown,
}

/// "RNN (tanh) with hidden 32 and 1 layer", for messages.
pub fn model(c: &Config) -> Error {
    let cell = match c.cell {
        crate::CellKind::Rnn => format!("RNN ({})", c.nonlinearity.name()),
        crate::CellKind::Lstm => "LSTM".into(),
        crate::CellKind::Gru => "GRU".into(),
    };
    let message = if c.layers == 1 { m::MODEL_ONE_LAYER } else { m::MODEL_LAYERS };
    Error::new(message).text("cell", cell).count("hidden", c.hidden).count("layers", c.layers)
}

//! `Trainer`, the JS face of `crate::Trainer`.

use super::errors::{self, error};
#[cfg(feature = "files")]
use super::errors::{got, ArgError};
use super::{config, object};
use crate::engine::alloc;
#[cfg(feature = "files")]
use crate::error::Error;
use crate::messages as m;
use crate::training::settings::{self, Setting, Value};
use crate::training::tasks::Task;
use crate::Trainer;
use js_sys::{Array, Float32Array, Float64Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

/// Most windows one `train(n)` call may run (about a minute of work): keeps the page responsive.
const MAX_TRAIN: f64 = 10_000_000.0;

#[wasm_bindgen(js_name = Trainer)]
pub struct JsTrainer {
    pub(super) inner: Trainer,
}

/// A file name argument: a string, or undefined (not known); a TypeError names `what` otherwise.
#[cfg(feature = "files")]
fn file_name(name: Option<JsValue>, what: &str) -> Result<Option<String>, JsValue> {
    match name.filter(|n| !n.is_undefined() && !n.is_null()) {
        None => Ok(None),
        Some(n) => match n.as_string() {
            Some(s) => Ok(Some(s)),
            None => Err(ArgError::Type(got(Error::new(m::ARG_STRING).text("name", what), &n)).into()),
        },
    }
}

/// The engine's error for a failed build, with what a page can do about memory.
fn build_error(e: crate::Error, config: &crate::Config) -> JsValue {
    if e.message == m::MEMORY_TRAINER {
        return error(e.within(m::MEMORY_TRAINER_FREE).nested("size", alloc::size(Trainer::memory_needed(config))));
    }
    error(e)
}

#[wasm_bindgen(js_class = Trainer)]
impl JsTrainer {
    /// A fresh run; every field of `config` is optional (the tutorial's defaults).
    /// Throws a TypeError for a field of the wrong type or an unknown field, a RangeError
    /// for a value out of range (naming the field, its range and the value), and an
    /// Error when wasm memory cannot hold the trainer (saying how much it needs).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "TrainerConfig")] config: JsValue) -> Result<JsTrainer, JsValue> {
        let config = config::from_js(&config)?;
        let inner = Trainer::new(config.clone()).map_err(|e| build_error(e, &config))?;
        Ok(JsTrainer { inner })
    }

    /// Trains one window and returns its loss (NaN or Infinity once training diverged).
    pub fn step(&mut self) -> f32 {
        self.inner.step()
    }

    /// Trains `n` windows inside wasm and returns the last loss (NaN for n = 0). `n` is an
    /// integer from 0 to 10000000, or a string of one (`'50'`, read as `Number('50')` reads it); a
    /// TypeError or RangeError otherwise.
    pub fn train(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number | string")] n: JsValue,
    ) -> Result<f32, JsValue> {
        let n = errors::integer(&n, "train(n): n", (0.0, MAX_TRAIN), true)?;
        Ok(self.inner.train(n as u64))
    }

    /// As `train(n)`, but stops after the first window of this call whose loss is not finite
    /// (the run diverged): on a run that had not diverged, `stepCount` is then the step it
    /// diverged at, whatever `n` was. The page and the element train this way. `n` as for
    /// `train(n)`.
    #[wasm_bindgen(js_name = trainUntilDiverged)]
    pub fn train_until_diverged(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number | string")] n: JsValue,
    ) -> Result<f32, JsValue> {
        let n = errors::integer(&n, "trainUntilDiverged(n): n", (0.0, MAX_TRAIN), true)?;
        Ok(self.inner.train_until_diverged(n as u64))
    }

    /// Windows trained so far.
    #[wasm_bindgen(getter, js_name = stepCount)]
    pub fn step_count(&self) -> f64 {
        self.inner.step_count() as f64
    }

    /// The full resolved configuration.
    #[wasm_bindgen(unchecked_return_type = "ResolvedTrainerConfig")]
    pub fn config(&self) -> JsValue {
        config::to_js(self.inner.config())
    }

    /// The window last run through the network: its time points `t` (Float64Array), and
    /// `input`, `target`, `prediction` (Float32Array), `timeStep` values each, and its `loss`
    /// (the mean squared error of `prediction`, in float32 as training computes it).
    #[wasm_bindgen(js_name = lastWindow, unchecked_return_type = "LastWindow")]
    pub fn last_window(&self) -> JsValue {
        let w = self.inner.last_window();
        object([
            ("t", Float64Array::from(w.t).into()),
            ("input", Float32Array::from(w.input).into()),
            ("target", Float32Array::from(w.target).into()),
            ("prediction", Float32Array::from(w.prediction).into()),
            ("loss", self.inner.last_window_loss().into()),
        ])
    }

    /// The loss history: entry i is the mean loss over steps [i·lossStride, (i+1)·lossStride);
    /// at most 4097 entries however long the run.
    pub fn losses(&self) -> Float32Array {
        let v: Vec<f32> = self.inner.losses().entries().collect();
        Float32Array::from(&v[..])
    }

    /// Steps each entry of `losses()` covers.
    #[wasm_bindgen(getter, js_name = lossStride)]
    pub fn loss_stride(&self) -> f64 {
        self.inner.losses().stride() as f64
    }

    /// The last window's hidden activations of layer `layer` (an integer from 0, the lowest,
    /// to layers − 1; the top layer when omitted), time_step × hidden, row by row: PyTorch's
    /// `r_out[0]` for the top layer. A RangeError for another layer, a TypeError for a
    /// non-number. (Its TypeScript declaration, with `layer` optional, is in `types.d.ts`.)
    #[wasm_bindgen(js_name = hiddenStates, skip_typescript)]
    pub fn hidden_states(&self, layer: JsValue) -> Result<Float32Array, JsValue> {
        let top = self.inner.config().layers - 1;
        let layer = if layer.is_undefined() {
            top
        } else {
            errors::integer(&layer, "hiddenStates(layer): layer", (0.0, top as f64), false)? as usize
        };
        Ok(Float32Array::from(self.inner.layer_hidden_states(layer).expect("layer checked above")))
    }

    /// The last step's gradients, flat in the order of `parameterNames()`'s tensors.
    pub fn gradients(&self) -> Float32Array {
        Float32Array::from(self.inner.gradients())
    }

    /// The parameter tensors' PyTorch names, in state-dict order.
    #[wasm_bindgen(js_name = parameterNames)]
    pub fn parameter_names(&self) -> Vec<String> {
        self.inner.network().layout.specs.iter().map(|s| s.name.clone()).collect()
    }

    /// The weights under PyTorch's names and shapes: `'json'` (the default) a JSON string,
    /// `'safetensors'` a Uint8Array of a safetensors file. Throws an Error once training
    /// diverged ("training diverged at step N; reset or import weights"), a TypeError or
    /// RangeError for another format. (Its TypeScript overloads are in `mod.rs`.)
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = exportWeights, skip_typescript)]
    pub fn export_weights(
        &self,
        #[wasm_bindgen(unchecked_param_type = "'json' | 'safetensors'")] format: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let Some(format) = format else { return Ok(self.inner.export_weights().map_err(error)?.into()) };
        match format.as_string().as_deref() {
            Some("json") => Ok(self.inner.export_weights().map_err(error)?.into()),
            Some("safetensors") => Ok(Uint8Array::from(&self.inner.export_safetensors().map_err(error)?[..]).into()),
            Some(_) => Err(ArgError::Range(got(Error::new(m::ARG_EXPORT_FORMAT), &format)).into()),
            None => Err(ArgError::Type(got(Error::new(m::ARG_EXPORT_FORMAT_TYPE), &format)).into()),
        }
    }

    /// Loads weights and starts a new run from them (step 0, fresh optimizer). `data` is
    /// a file's content: a string (JSON) or bytes (Uint8Array, ArrayBuffer: JSON, safetensors
    /// or NumPy .npz, judged by content); a state dict, or a recorded run's
    /// `initial_state_dict`. `name` is the file's name, for messages: a PyTorch file, a
    /// TorchScript archive, an .npz that cannot be read as it is or a zipped JSON file gets the
    /// line of Python that converts it, with this name in it. Returns which dict was loaded, an
    /// `EngineReport` (`message` "loaded the state dict (safetensors)", `code`, `params`);
    /// throws an Error listing every problem, leaving everything untouched, or a TypeError for
    /// another type of `data` or `name`. (Its TypeScript declaration, with `name` optional, is
    /// in `types.d.ts`.)
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = importWeights, skip_typescript)]
    pub fn import_weights(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] data: JsValue,
        name: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let bytes = errors::bytes(&data, "importWeights(data): data")?;
        let name = file_name(name, "importWeights(data, name): name")?;
        self.inner.import_weights(&bytes, name.as_deref()).map(|loaded| errors::report(&loaded)).map_err(error)
    }

    /// The whole training state as JSON: config, weights, optimizer moments and step
    /// counts, carried hidden state, step number and loss history. Throws an Error once
    /// training diverged. (Its TypeScript declaration is in `types.d.ts`.)
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = exportCheckpoint, skip_typescript)]
    pub fn export_checkpoint(&self) -> Result<String, JsValue> {
        self.inner.export_checkpoint().map_err(error)
    }

    /// Continues exactly from a checkpoint (its config replaces this trainer's), written by
    /// this build or an earlier one; `data` is its JSON as a string or bytes, `name` the file's
    /// name, for messages. Throws an Error, leaving everything untouched, on any problem (a
    /// checkpoint of a newer version: "this checkpoint was written by a newer version of
    /// rnn-playground (format 2); this one reads up to 1"), or a TypeError for another type of
    /// `data` or `name`. (Its TypeScript declaration is in `types.d.ts`.)
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = importCheckpoint, skip_typescript)]
    pub fn import_checkpoint(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] data: JsValue,
        name: Option<JsValue>,
    ) -> Result<(), JsValue> {
        let bytes = errors::bytes(&data, "importCheckpoint(data): data")?;
        let name = file_name(name, "importCheckpoint(data, name): name")?;
        self.inner = Trainer::from_checkpoint(&bytes, name.as_deref()).map_err(error)?;
        Ok(())
    }

    /// Changes optimizer settings of the running trainer, as a PyTorch loop changes
    /// `optimizer.param_groups[0]['lr']`: any of the settings whose scope is `live` in
    /// `settingsSchema()` (lr, momentum, beta1, beta2, eps, weightDecay, clipNorm), a partial
    /// object. Weights, optimizer moments, step count, carried state and loss
    /// history go on; `config()` and checkpoints report the new values, and each change is
    /// recorded at its step (`hyperParameterChanges()`, `pytorchScript()`). Values are
    /// checked as the constructor checks them (the same TypeError and RangeError messages);
    /// another setting (cell, hidden, …) is a TypeError: it needs a new Trainer. On an
    /// error nothing changes.
    #[wasm_bindgen(js_name = setHyperParameters)]
    pub fn set_hyper_parameters(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "HyperParameters")] values: JsValue,
    ) -> Result<(), JsValue> {
        let live: Vec<&'static Setting> = settings::live_settings().collect();
        let next = config::onto(self.inner.config().clone(), &values, &live, m::HYPER_NOT_OBJECT)?;
        // Checked together above: each one now applies without error (but memory).
        for s in live {
            let value = s.get(&next).map_or(f64::NAN, Value::number);
            self.inner.set_hyper_parameter(s.name, value).map_err(error)?;
        }
        Ok(())
    }

    /// The hyper-parameter changes made during this run, in order: from window `step` on
    /// (counting from 0), `name` had `value`.
    #[wasm_bindgen(js_name = hyperParameterChanges, unchecked_return_type = "HyperParameterChange[]")]
    pub fn hyper_parameter_changes(&self) -> JsValue {
        let list = Array::new();
        for c in self.inner.hyper_changes() {
            list.push(&object([
                ("step", (c.step as f64).into()),
                ("name", c.parameter.name().into()),
                ("value", c.value.into()),
            ]));
        }
        list.into()
    }

    /// ‖dL/dh_t‖ of the last step for every layer and time step: the gradient of the last
    /// window's loss reaching the hidden state h_t (from the output above and the later
    /// steps, before the optimizer step and any clipping). layers × timeStep values, layer
    /// 0 first; zero before the first step.
    #[wasm_bindgen(js_name = hiddenGradientNorms)]
    pub fn hidden_gradient_norms(&self) -> Float32Array {
        Float32Array::from(self.inner.hidden_gradient_norms())
    }

    /// Whether each step also follows the loss of the window's last time step alone back
    /// through time (`lastStepGradientNorms()`); off by default: it costs about as much as the
    /// recurrent half of the backward pass, so `train(n)` does it on its last step only. The
    /// gradient-flow chart turns it on.
    #[wasm_bindgen(js_name = trackLastStepGradient)]
    pub fn track_last_step_gradient(&mut self, on: bool) {
        self.inner.track_last_step_gradient(on);
    }

    /// ‖dℓ_T/dh_t‖ of the last step, laid out as `hiddenGradientNorms()`: the gradient of the
    /// window's last time step's loss alone, which reaches h_t only back through time (a plain
    /// RNN's fades over the steps, an LSTM's holds up). Zeros unless tracked.
    #[wasm_bindgen(js_name = lastStepGradientNorms)]
    pub fn last_step_gradient_norms(&self) -> Float32Array {
        Float32Array::from(self.inner.last_step_gradient_norms())
    }

    /// Trains one window exactly as `step()` does (the same loss, weights, optimizer state and
    /// carried state afterwards) and returns its record (`StepTrace` in the typings): the
    /// window, every layer's h_t (c_t, gates) and the projections its cell summed, dL/dh_t,
    /// the gradients before clipping, clipping's factor and the optimizer's update, by
    /// `parameterNames()`. `step()` and `train(n)` pay nothing for it.
    /// Throws an Error, training nothing, when wasm memory cannot hold the record.
    #[wasm_bindgen(js_name = traceStep, unchecked_return_type = "StepTrace")]
    pub fn trace_step(&mut self) -> Result<JsValue, JsValue> {
        let r = self.inner.trace_step().map_err(error)?;
        let specs = &self.inner.network().layout.specs;
        let tensors = |values: &[f32]| {
            let obj = js_sys::Object::new();
            for spec in specs {
                let array = Float32Array::from(&values[spec.range()]);
                Reflect::set(&obj, &spec.name.as_str().into(), &array).expect("setting a field of a fresh object");
            }
            JsValue::from(obj)
        };
        let f = &r.forward;
        let record = object([
            ("step", (r.step as f64).into()),
            ("t", Float64Array::from(&r.t[..]).into()),
            ("x", Float32Array::from(&r.x[..]).into()),
            ("target", Float32Array::from(&r.target[..]).into()),
            ("prediction", Float32Array::from(&r.prediction[..]).into()),
            ("loss", r.loss.into()),
            ("h0", Float32Array::from(&f.h0[..]).into()),
            ("h", Float32Array::from(&f.h[..]).into()),
            ("ih", Float32Array::from(&f.ih[..]).into()),
            ("hh", Float32Array::from(&f.hh[..]).into()),
            ("dLdh", Float32Array::from(&r.dl_dh[..]).into()),
            ("gradients", tensors(&r.gradients)),
            ("gradientNorm", r.gradient_norm.into()),
            ("clipScale", r.clip_scale.into()),
            ("update", tensors(&r.update)),
        ]);
        // Only the cells that have them: the LSTM's c, the LSTM's and GRU's gates.
        for (name, values) in [("c0", &f.c0), ("c", &f.c), ("gates", &f.gates)] {
            if !values.is_empty() {
                Reflect::set(&record, &name.into(), &Float32Array::from(&values[..])).expect("setting a field");
            }
        }
        Ok(record)
    }

    /// For the last window (`lastWindow()`), with the current weights and the state that
    /// window started from held fixed (as truncated backpropagation sees it): |∂ŷ_t/∂x_s| for
    /// s = 0 … t, t + 1 values: how far back the prediction at step `t` looks. `t` is an
    /// integer from 0 to timeStep − 1 (a RangeError otherwise, a TypeError for a non-number);
    /// an Error if wasm memory cannot hold the copy of the network it runs the window on.
    #[wasm_bindgen(js_name = inputInfluence)]
    pub fn input_influence(&mut self, t: JsValue) -> Result<Float32Array, JsValue> {
        let last = (self.inner.config().time_step - 1) as f64;
        let t = errors::integer(&t, "inputInfluence(t): t", (0.0, last), false)?;
        Ok(Float32Array::from(&self.inner.input_influence(t as usize).map_err(error)?[..]))
    }

    /// The global gradient norm ‖dL/dparams‖ of every step, before clipping: bounded and
    /// coarsened as `losses()`, entry i the mean over steps [i·gradientNormStride,
    /// (i+1)·gradientNormStride) (the same stride as `lossStride`, except in a run resumed from
    /// a checkpoint without norms: they start there).
    #[wasm_bindgen(js_name = gradientNorms)]
    pub fn gradient_norms(&self) -> Float32Array {
        let v: Vec<f32> = self.inner.gradient_norms().entries().collect();
        Float32Array::from(&v[..])
    }

    /// Steps each entry of `gradientNorms()` covers.
    #[wasm_bindgen(getter, js_name = gradientNormStride)]
    pub fn gradient_norm_stride(&self) -> f64 {
        self.inner.gradient_norms().stride() as f64
    }

    /// A self-contained Python script (torch, numpy) that reproduces this run in PyTorch:
    /// the same model and seed, optimizer, hyper-parameters and their changes, windows and
    /// carried state, for `options.steps` windows (default: the steps trained so far; an
    /// integer from 1 to 10000000). Run, it prints one loss per line: this trainer's losses
    /// within the parity tolerance of the PyTorch fixtures. A run that started from imported
    /// weights has them written into the script; one that continues a checkpoint of such a
    /// run throws an Error (its weights at step 0 are not known). (Its TypeScript declaration
    /// is in `types.d.ts`.)
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = pytorchScript, skip_typescript)]
    pub fn pytorch_script(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ steps?: number }")] options: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let steps = match options.filter(|o| !o.is_undefined() && !o.is_null()) {
            None => None,
            Some(o) if !o.is_object() => return Err(ArgError::Type(got(Error::new(m::ARG_SCRIPT_OPTIONS), &o)).into()),
            Some(o) => Reflect::get(&o, &"steps".into())
                .ok()
                .filter(|v| !v.is_undefined())
                .map(|v| errors::integer(&v, "pytorchScript(options): steps", (1.0, MAX_TRAIN), false))
                .transpose()?,
        };
        let steps = steps.map_or(self.inner.step_count().max(1), |s| s as u64);
        self.inner.pytorch_script(steps).map_err(error)
    }

    /// What the charts and readouts read (step count, settings, loss and gradient histories,
    /// the last window and its predictions, hidden states, gradient norms) as bytes of this
    /// build, for `applyDisplayState` on a Trainer of the same network in another thread (the
    /// element trains in a Web Worker and draws on the main thread). Not a file format. With
    /// `weights` true, the weights too (for `inputInfluence` on the other Trainer). With
    /// `allLayers` false, the hidden states of the top layer only (`hiddenStates()`; the other
    /// Trainer's lower layers keep theirs); every layer's by default.
    #[wasm_bindgen(js_name = displayState)]
    pub fn display_state(
        &self,
        weights: Option<bool>,
        #[wasm_bindgen(js_name = allLayers)] all_layers: Option<bool>,
    ) -> Result<Uint8Array, JsValue> {
        let bytes = self.inner.display_state(weights.unwrap_or(false), all_layers.unwrap_or(true)).map_err(error)?;
        Ok(Uint8Array::from(&bytes[..]))
    }

    /// Shows another Trainer's `displayState()`: its step count, histories, last window,
    /// outputs and live settings, and the weights where they were sent. This Trainer's optimizer
    /// and carried state stay its own (a view to draw: `restoreExactState` before training it). Throws an Error, changing
    /// nothing, for bytes of another build or of another network (settings other than the
    /// live ones), a TypeError for another type of `bytes`.
    #[wasm_bindgen(js_name = applyDisplayState)]
    pub fn apply_display_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<(), JsValue> {
        let bytes = errors::bytes(&bytes, "applyDisplayState(bytes): bytes")?;
        self.inner.apply_display_state(&bytes).map_err(error)
    }

    /// The whole state as bytes of this build (weights, gradients, optimizer moments, carried
    /// state, histories, the last window and what was shown of it), for `restoreExactState`:
    /// a Trainer that restores it goes on bit for bit as this one would. Much faster than a
    /// checkpoint, and not a file format (checkpoints are that). Throws an Error when wasm
    /// memory cannot hold the copy.
    #[wasm_bindgen(js_name = exactState)]
    pub fn exact_state(&self) -> Result<Uint8Array, JsValue> {
        Ok(Uint8Array::from(&self.inner.exact_state().map_err(error)?[..]))
    }

    /// Becomes the Trainer whose `exactState()` `bytes` are (its network and settings too).
    /// Throws an Error, changing nothing, for bytes of another build or an inconsistent state,
    /// or when wasm memory cannot hold the network; a TypeError for another type of `bytes`.
    #[wasm_bindgen(js_name = restoreExactState)]
    pub fn restore_exact_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<(), JsValue> {
        let bytes = errors::bytes(&bytes, "restoreExactState(bytes): bytes")?;
        self.inner = Trainer::from_exact_state(&bytes).map_err(error)?;
        Ok(())
    }

    /// The Trainer whose `exactState()` `bytes` are, built from them alone (no default network
    /// first, as `new Trainer()` then `restoreExactState(bytes)` builds); the same errors.
    #[wasm_bindgen(js_name = fromExactState)]
    pub fn from_exact_state(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<JsTrainer, JsValue> {
        let bytes = errors::bytes(&bytes, "fromExactState(bytes): bytes")?;
        Ok(JsTrainer { inner: Trainer::from_exact_state(&bytes).map_err(error)? })
    }

    /// Back to step 0 with fresh weights, from `seed` if given (an integer from 0 to
    /// 4294967295), else the configured seed. (Its TypeScript declaration is in `mod.rs`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn reset(&mut self, seed: Option<JsValue>) -> Result<(), JsValue> {
        let seed = match seed {
            None => None,
            Some(seed) => Some(errors::integer(&seed, "reset(seed): seed", (0.0, u32::MAX as f64), false)? as u32),
        };
        self.inner.reset(seed);
        Ok(())
    }
}

/// The message `new Trainer(config)` would throw for `config`, or undefined when it is
/// valid: a page can check one setting at a time without building a trainer, with the
/// engine's ranges as the only ones.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(#[wasm_bindgen(unchecked_param_type = "TrainerConfig")] config: JsValue) -> Option<String> {
    config::from_js(&config).err().map(|e| e.message())
}

/// The configuration a `new Trainer()` gets: the tutorial's.
#[wasm_bindgen(js_name = defaultConfig, unchecked_return_type = "ResolvedTrainerConfig")]
pub fn default_config() -> JsValue {
    config::to_js(&crate::Config::default())
}

/// The data tasks, with a one-line description each.
#[wasm_bindgen(unchecked_return_type = "TaskInfo[]")]
pub fn tasks() -> JsValue {
    let list = Array::new();
    for task in Task::ALL {
        list.push(&object([("name", task.name().into()), ("description", task.description().into())]));
    }
    list.into()
}

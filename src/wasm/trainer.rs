//! `Trainer`, the JS face of `crate::Trainer`.

use super::config;
use crate::error::Error;
use crate::tasks::Task;
use crate::Trainer;
use js_sys::{Array, Float32Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// Most windows one `train(n)` call may run (about a minute of work): keeps the page responsive.
const MAX_TRAIN: f64 = 10_000_000.0;

#[wasm_bindgen(js_name = Trainer)]
pub struct JsTrainer {
    pub(super) inner: Trainer,
}

fn js_error(e: Error) -> JsError {
    JsError::new(&e.0)
}

#[wasm_bindgen(js_class = Trainer)]
impl JsTrainer {
    /// A fresh run; every field of `config` is optional (the tutorial's defaults).
    /// Throws an Error naming the field, its range and the value for a bad setting.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "TrainerConfig")] config: JsValue) -> Result<JsTrainer, JsError> {
        let config = config::from_js(&config).map_err(js_error)?;
        Ok(JsTrainer { inner: Trainer::new(config).map_err(js_error)? })
    }

    /// Trains one window and returns its loss (NaN or Infinity once training diverged).
    pub fn step(&mut self) -> f32 {
        self.inner.step()
    }

    /// Trains `n` windows inside wasm and returns the last loss (NaN for n = 0).
    pub fn train(&mut self, n: f64) -> Result<f32, JsError> {
        if !(n.fract() == 0.0 && (0.0..=MAX_TRAIN).contains(&n)) {
            return Err(JsError::new(&format!("train(n) needs an integer n from 0 to {MAX_TRAIN}, got {n}")));
        }
        Ok(self.inner.train(n as u64))
    }

    /// Windows trained so far.
    #[wasm_bindgen(getter, js_name = stepCount)]
    pub fn step_count(&self) -> f64 {
        self.inner.step_count() as f64
    }

    /// The full resolved configuration.
    #[wasm_bindgen(unchecked_return_type = "Required<TrainerConfig>")]
    pub fn config(&self) -> JsValue {
        config::to_js(self.inner.config())
    }

    /// The window last run through the network: time axis, input, target, prediction.
    #[wasm_bindgen(js_name = lastWindow, unchecked_return_type = "LastWindow")]
    pub fn last_window(&self) -> JsValue {
        let w = self.inner.last_window();
        let t: Vec<f32> = w.t.iter().map(|&t| t as f32).collect();
        let obj = Object::new();
        for (name, values) in [("t", &t[..]), ("input", w.input), ("target", w.target), ("prediction", w.prediction)] {
            Reflect::set(&obj, &name.into(), &Float32Array::from(values)).expect("setting a field of a fresh object");
        }
        obj.into()
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

    /// The last window's top-layer hidden activations, time_step × hidden, row by row.
    #[wasm_bindgen(js_name = hiddenStates)]
    pub fn hidden_states(&self) -> Float32Array {
        Float32Array::from(self.inner.hidden_states())
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

    /// The weights as a JSON state dict under PyTorch's names and shapes.
    #[wasm_bindgen(js_name = exportWeights)]
    pub fn export_weights(&self) -> String {
        self.inner.export_weights()
    }

    /// Loads a JSON state dict and starts a new run from it (step 0, fresh optimizer);
    /// throws an Error, leaving everything untouched, on any problem.
    #[wasm_bindgen(js_name = importWeights)]
    pub fn import_weights(&mut self, json: &str) -> Result<(), JsError> {
        self.inner.import_weights(json).map_err(js_error)
    }

    /// The whole training state as JSON: config, weights, optimizer moments and step
    /// counts, carried hidden state, step number and loss history.
    #[wasm_bindgen(js_name = exportCheckpoint)]
    pub fn export_checkpoint(&self) -> String {
        self.inner.export_checkpoint()
    }

    /// Continues exactly from a checkpoint (its config replaces this trainer's);
    /// throws an Error, leaving everything untouched, on any problem.
    #[wasm_bindgen(js_name = importCheckpoint)]
    pub fn import_checkpoint(&mut self, json: &str) -> Result<(), JsError> {
        self.inner = Trainer::from_checkpoint(json).map_err(js_error)?;
        Ok(())
    }

    /// Back to step 0 with fresh weights, from `seed` if given (else the configured seed).
    pub fn reset(&mut self, seed: Option<f64>) -> Result<(), JsError> {
        let seed = match seed {
            Some(s) if s.fract() != 0.0 || !(0.0..=u32::MAX as f64).contains(&s) => {
                return Err(JsError::new(&format!("seed must be an integer from 0 to {}, got {s}", u32::MAX)));
            }
            s => s.map(|s| s as u32),
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
    config::from_js(&config).err().map(|e| e.0)
}

/// The configuration a `new Trainer()` gets: the tutorial's.
#[wasm_bindgen(js_name = defaultConfig, unchecked_return_type = "Required<TrainerConfig>")]
pub fn default_config() -> JsValue {
    config::to_js(&crate::Config::default())
}

/// The data tasks, with a one-line description each.
#[wasm_bindgen(unchecked_return_type = "TaskInfo[]")]
pub fn tasks() -> JsValue {
    let list = Array::new();
    for task in Task::ALL {
        let obj = Object::new();
        Reflect::set(&obj, &"name".into(), &task.name().into()).expect("fresh object");
        Reflect::set(&obj, &"description".into(), &task.description().into()).expect("fresh object");
        list.push(&obj);
    }
    list.into()
}

//! The whole training state as JSON: configuration, weights, optimizer moments and step
//! counts, carried hidden state, step number and loss history. Importing a checkpoint
//! and training on gives bit for bit the losses the original run would have given.
//!
//! Every layout earlier builds wrote still loads. They all say `"version": 1`; what changed
//! within it (the fixtures in tests/fixtures/checkpoints/ hold one of each, and say which
//! commits wrote them):
//! 1. the optimizer as `{"kind": "adam", "lr": …}` (until d011c6c); read by `upgrade`;
//! 2. the optimizer as `{"adam": {…}}`, without `gradient_norms`, `start_config`, `changes`,
//!    `config.carry_state` and `sgd.fresh_buffer` (until 2f153dd);
//! 3. without `from_seed` (until 57230c9);
//! 4. without `config.weight_decay` (until e1541fe);
//! 5. the layout written now.
//!
//! Fields added since are optional, and their absence means what the older build did.
//! From now on a change of layout bumps `VERSION` (tests/checkpoint.rs pins the layout of each
//! version), and a newer version is refused before any of its fields is read.

use crate::engine::network::State;
use crate::engine::optim::{Adam, Optimizer, Sgd};
use crate::error::Error;
use crate::files::content::{self, Content, CHECKPOINT_FORMAT as FORMAT};
use crate::files::state_dict::Source;
use crate::files::state_dict_json;
use crate::files::weights_file::parse_json;
use crate::files::zip_archive::ZipKind;
use crate::messages as m;
use crate::serde_errors;
use crate::training::config::{Config, OptimizerKind};
use crate::training::hyper::{HyperChange, HyperParameter};
use crate::training::loss_history::LossHistory;
use crate::training::trainer::{Snapshot, Trainer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use serde_path_to_error::Segment;

/// The layout version this build writes, and the newest it reads.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checkpoint {
    format: String,
    version: u32,
    #[serde(serialize_with = "older_readable")]
    config: Config,
    step: u64,
    weights: Value,
    optimizer: SavedOptimizer,
    hidden: Vec<f32>,
    cell: Vec<f32>,
    losses: LossHistory,
    /// The global gradient norm of every step (absent in older checkpoints).
    #[serde(default)]
    gradient_norms: Option<LossHistory>,
    /// The configuration at step 0 and the hyper-parameter changes since (absent in older
    /// checkpoints: no change was made).
    #[serde(default, serialize_with = "older_readable_start")]
    start_config: Option<Config>,
    #[serde(default)]
    changes: Vec<SavedChange>,
    /// The run started from its seed (false, or absent in older checkpoints: not known).
    #[serde(default)]
    from_seed: bool,
}

/// A config as checkpoints write it: without `weight_decay` while it is 0, so that a checkpoint
/// of a run without weight decay reads in a version from before it existed.
fn config_value(config: &Config) -> Result<Value, serde_json::Error> {
    let mut value = serde_json::to_value(config)?;
    if config.weight_decay == 0.0 {
        if let Value::Object(fields) = &mut value {
            fields.remove("weight_decay");
        }
    }
    Ok(value)
}

/// serde's `serialize_with` for `Checkpoint::config` (`config_value`).
fn older_readable<S: serde::Serializer>(config: &Config, s: S) -> Result<S::Ok, S::Error> {
    config_value(config).map_err(serde::ser::Error::custom)?.serialize(s)
}

/// serde's `serialize_with` for `Checkpoint::start_config` (`config_value`).
fn older_readable_start<S: serde::Serializer>(config: &Option<Config>, s: S) -> Result<S::Ok, S::Error> {
    config.as_ref().map(config_value).transpose().map_err(serde::ser::Error::custom)?.serialize(s)
}

impl Trainer {
    /// The whole training state as JSON. Errors when training diverged (weights,
    /// optimizer moments or carried state hold NaN or infinite numbers): such a
    /// checkpoint could not be imported.
    pub fn export_checkpoint(&self) -> Result<String, Error> {
        let (params, optimizer, state) = (&self.network().params, self.optimizer(), self.carried_state());
        self.check_finite(Error::new(m::DIVERGED_CHECKPOINT_WEIGHTS), params)?;
        for (name, values) in optimizer.moments() {
            self.check_finite(Error::new(m::DIVERGED_CHECKPOINT_MOMENT).text("name", name), values)?;
        }
        self.check_finite(Error::new(m::DIVERGED_CHECKPOINT_HIDDEN), &state.h)?;
        self.check_finite(Error::new(m::DIVERGED_CHECKPOINT_CELL), &state.c)?;
        self.ensure_export_memory()?;
        let checkpoint = Checkpoint {
            format: FORMAT.into(),
            version: VERSION,
            config: self.config().clone(),
            step: self.step_count(),
            weights: state_dict_json::to_value(&self.network().layout, params),
            optimizer: SavedOptimizer::of(optimizer, self.config()),
            hidden: state.h.clone(),
            cell: state.c.clone(),
            losses: self.losses().clone(),
            gradient_norms: Some(self.gradient_norms().clone()),
            start_config: Some(self.start_config().clone()),
            changes: self.hyper_changes().iter().map(SavedChange::of).collect(),
            from_seed: self.started_from_seed(),
        };
        serde_json::to_string(&checkpoint).map_err(|e| Error::new(m::CHECKPOINT_WRITE).text("detail", e.to_string()))
    }

    /// A trainer that continues exactly where the checkpoint's run stopped; `bytes` is
    /// the checkpoint's JSON text, in any layout an earlier build wrote. `name` is the file's
    /// name as the user gave it (None: not known), for messages.
    pub fn from_checkpoint(bytes: &[u8], name: Option<&str>) -> Result<Trainer, Error> {
        match content::classify(bytes) {
            Content::Json => {}
            Content::Zip(ZipKind::Json(entry)) => {
                let error = match name {
                    Some(file) => Error::new(m::CHECKPOINT_ZIP_NAMED).text("file", file),
                    None => Error::new(m::CHECKPOINT_ZIP),
                };
                return Err(error.quoted("entry", &entry));
            }
            // Weights the weights import reads, or converts with a line of Python: said so, as it
            // says a checkpoint is one.
            Content::Safetensors
            | Content::TorchPickle(_)
            | Content::Zip(ZipKind::Npz | ZipKind::Torch(_) | ZipKind::TorchScript) => {
                return Err(Error::new(m::CHECKPOINT_IS_WEIGHTS).nested("what", content::describe(bytes)))
            }
            _ => return Err(Error::new(m::CHECKPOINT_NOT_JSON).nested("what", content::describe(bytes))),
        }
        let mut value = parse_json(bytes, Error::new(m::THE_CHECKPOINT))?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            if is_state_dict(&value) {
                return Err(Error::new(m::CHECKPOINT_IS_WEIGHTS).nested("what", Error::new(m::CONTENT_WEIGHTS_JSON)));
            }
            return Err(Error::new(m::CHECKPOINT_FORMAT));
        }
        check_version(value.get("version"))?;
        upgrade(&mut value);
        let cp: Checkpoint = serde_path_to_error::deserialize(value).map_err(field_error)?;
        let trainer = Trainer::new(cp.config.clone()).map_err(|e| e.within(m::CHECKPOINT_SETTINGS))?;
        let params =
            state_dict_json::from_value(&trainer.network().layout, &cp.weights, &trainer.model(), Source::Checkpoint)?;
        let optimizer = cp.optimizer.restore(&cp.config)?;
        let snapshot = Snapshot {
            start_config: cp.start_config.unwrap_or_else(|| cp.config.clone()),
            config: cp.config,
            step: cp.step,
            params,
            optimizer,
            state: State { h: cp.hidden, c: cp.cell },
            losses: cp.losses,
            // Absent in older checkpoints: the norms start empty.
            gradient_norms: cp.gradient_norms.unwrap_or_default(),
            changes: cp.changes.into_iter().enumerate().map(|(i, c)| c.restore(i)).collect::<Result<_, _>>()?,
            from_seed: cp.from_seed,
        };
        trainer.resume(snapshot).map_err(|e| e.within(m::CHECKPOINT_RESUME))
    }
}

/// Whether JSON `value` is weights rather than a checkpoint: a recorded run (its
/// `initial_state_dict`), or an object of names to nested lists (a state dict).
fn is_state_dict(value: &Value) -> bool {
    value.get("initial_state_dict").is_some()
        || value.as_object().is_some_and(|o| !o.is_empty() && o.values().all(Value::is_array))
}

/// Refuses a version this build does not read, before any other field is read: a newer build's
/// fields are not this build's to judge.
fn check_version(version: Option<&Value>) -> Result<(), Error> {
    match version.and_then(Value::as_u64) {
        Some(v) if v > VERSION as u64 => {
            Err(Error::new(m::CHECKPOINT_NEWER).number("version", v as f64).number("supported", VERSION))
        }
        Some(v) if v >= 1 => Ok(()),
        _ => {
            let got = match version {
                Some(v) => serde_errors::found(v),
                None => Error::new(m::NOTHING),
            };
            Err(Error::new(m::CHECKPOINT_VERSION).number("supported", VERSION).nested("got", got))
        }
    }
}

/// Rewrites the layouts earlier builds wrote into today's, where fields' defaults do not
/// already read them: the first layout's optimizer, `{"kind": "adam", …}`, becomes
/// `{"adam": {…}}`.
fn upgrade(checkpoint: &mut Value) {
    let Some(optimizer) = checkpoint.get_mut("optimizer").and_then(Value::as_object_mut) else { return };
    let Some(Value::String(kind)) = optimizer.remove("kind") else { return };
    let fields = std::mem::take(optimizer);
    *optimizer = Map::from_iter([(kind, Value::Object(fields))]);
}

/// A checkpoint's field of the wrong type or value, named by its path ("its field config.lr: must
/// be a number, got \"fast\""); an unknown field by the object holding it, since the message
/// names the field itself.
fn field_error(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let path = e.path().to_string();
    // The unknown field's key as the path holds it (the message's name is escaped: Param::Quoted).
    let unknown = match e.path().iter().last() {
        Some(Segment::Map { key }) => Some(key.clone()),
        _ => None,
    };
    let detail = serde_errors::data(&e.into_inner().to_string());
    let field = match unknown {
        Some(key) if detail.message == m::SERDE_UNKNOWN_FIELD => {
            path.strip_suffix(key.as_str()).map(|parent| parent.strip_suffix('.').unwrap_or(parent)).unwrap_or(&path)
        }
        _ => &path,
    };
    match field {
        "." | "" => Error::new(m::CHECKPOINT_INVALID).nested("detail", detail),
        _ => Error::new(m::CHECKPOINT_FIELD).text("field", field).nested("detail", detail),
    }
}

/// A hyper-parameter change as a checkpoint writes it (a `HyperChange`), its parameter's name
/// read as text and checked after: an unknown one is said in the message table's words (serde's
/// error could carry the table's message only as English).
#[derive(Serialize, Deserialize)]
struct SavedChange {
    step: u64,
    parameter: String,
    value: f64,
}

impl SavedChange {
    fn of(c: &HyperChange) -> Self {
        SavedChange { step: c.step, parameter: c.parameter.name().to_string(), value: c.value }
    }

    /// The change, the `i`-th of the checkpoint's, once its parameter is one that changes live.
    fn restore(self, i: usize) -> Result<HyperChange, Error> {
        let parameter = HyperParameter::named(&self.parameter).map_err(|e| {
            Error::new(m::CHECKPOINT_FIELD).text("field", format!("changes[{i}].parameter")).nested("detail", e)
        })?;
        Ok(HyperChange { step: self.step, parameter, value: self.value })
    }
}

/// The optimizer as a checkpoint writes it: its state, and the config's hyper-parameters it had
/// before they moved to the config (written again, and checked against the config on import,
/// so that the layout stays what earlier builds wrote and read).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SavedOptimizer {
    Adam {
        lr: f64,
        beta1: f64,
        beta2: f64,
        eps: f64,
        step: u64,
        exp_avg: Vec<f32>,
        exp_avg_sq: Vec<f32>,
    },
    Sgd {
        lr: f64,
        momentum: f64,
        step: u64,
        momentum_buffer: Vec<f32>,
        #[serde(default)]
        fresh_buffer: bool,
    },
}

impl SavedOptimizer {
    fn of(optimizer: &Optimizer, c: &Config) -> Self {
        match optimizer.clone() {
            Optimizer::Adam(Adam { step, exp_avg, exp_avg_sq }) => {
                SavedOptimizer::Adam { lr: c.lr, beta1: c.beta1, beta2: c.beta2, eps: c.eps, step, exp_avg, exp_avg_sq }
            }
            Optimizer::Sgd(Sgd { step, momentum_buffer, fresh_buffer }) => {
                SavedOptimizer::Sgd { lr: c.lr, momentum: c.momentum, step, momentum_buffer, fresh_buffer }
            }
        }
    }

    /// The optimizer's state, once it is checked to be `config`'s optimizer with the same
    /// hyper-parameters (`Trainer::resume` checks its moments).
    fn restore(self, c: &Config) -> Result<Optimizer, Error> {
        match (self, c.optimizer) {
            (SavedOptimizer::Adam { lr, beta1, beta2, eps, step, exp_avg, exp_avg_sq }, OptimizerKind::Adam) => {
                if (lr, beta1, beta2, eps) != (c.lr, c.beta1, c.beta2, c.eps) {
                    return Err(Error::new(m::CHECKPOINT_ADAM));
                }
                Ok(Optimizer::Adam(Adam { step, exp_avg, exp_avg_sq }))
            }
            (SavedOptimizer::Sgd { lr, momentum, step, momentum_buffer, fresh_buffer }, OptimizerKind::Sgd) => {
                if (lr, momentum) != (c.lr, c.momentum) {
                    return Err(Error::new(m::CHECKPOINT_SGD));
                }
                Ok(Optimizer::Sgd(Sgd { step, momentum_buffer, fresh_buffer }))
            }
            _ => Err(Error::new(m::CHECKPOINT_OPTIMIZER)),
        }
    }
}

//! TrainerConfig (a plain JS object, camelCase) to and from the engine's `Config`.

use super::errors::{describe, ArgError};
use crate::config::{
    int_range_error, CellKind, Config, Nonlinearity, OptimizerKind, HIDDEN_RANGE, LAYERS_RANGE, TIME_STEP_RANGE,
};
use crate::numbers::compact;
use crate::tasks::Task;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// JS field names, in the order `config()` lists them.
const FIELDS: [&str; 15] = [
    "cell",
    "nonlinearity",
    "hidden",
    "layers",
    "lr",
    "optimizer",
    "momentum",
    "beta1",
    "beta2",
    "eps",
    "clipNorm",
    "timeStep",
    "seed",
    "task",
    "carryState",
];

/// The fields `setHyperParameters` takes: those a running trainer can change.
pub const LIVE_FIELDS: [&str; 6] = ["lr", "momentum", "beta1", "beta2", "eps", "clipNorm"];

/// Reads a TrainerConfig: `undefined`/`null` fields keep their defaults; unknown
/// fields and wrong types are `ArgError::Type`, values out of range or not among the
/// choices `ArgError::Range`, each naming the field, what it accepts and the value.
pub fn from_js(value: &JsValue) -> Result<Config, ArgError> {
    onto(Config::default(), value, &FIELDS, "the configuration must be an object such as {cell: 'lstm', hidden: 16}")
}

/// Reads the fields of `value` (only those named in `allowed`) onto `base`, checked as
/// `from_js` checks them. A field that is a setting but not allowed is a TypeError naming
/// the ones that are.
pub fn onto(mut c: Config, value: &JsValue, allowed: &[&str], what: &str) -> Result<Config, ArgError> {
    if value.is_undefined() || value.is_null() {
        return Ok(c);
    }
    if !value.is_object() {
        return Err(ArgError::Type(format!("{what}, got {}", describe(value))));
    }
    for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(ArgError::Type(if FIELDS.contains(&key.as_str()) {
                format!(
                    "{key:?} cannot change during a run (it needs a new Trainer); the settings here are {}",
                    allowed.join(", ")
                )
            } else {
                format!("unknown setting {key:?}; the settings are {}", allowed.join(", "))
            }));
        }
    }
    let get =
        |name: &str| Reflect::get(value, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let text = |name: &str| -> Result<Option<String>, ArgError> {
        get(name)
            .map(|v| {
                v.as_string().ok_or_else(|| ArgError::Type(format!("{name} must be a string, got {}", describe(&v))))
            })
            .transpose()
    };
    let number = |name: &str| -> Result<Option<f64>, ArgError> {
        get(name)
            .map(|v| v.as_f64().ok_or_else(|| ArgError::Type(format!("{name} must be a number, got {}", describe(&v)))))
            .transpose()
    };
    // An integer field given as a JS number: fractions and values beyond usize are range errors too.
    let integer = |name: &str, range: (usize, usize)| -> Result<Option<usize>, ArgError> {
        match number(name)? {
            Some(v) if v.fract() != 0.0 || v < range.0 as f64 || v > range.1 as f64 => {
                Err(ArgError::Range(int_range_error(name, range, compact(v)).0))
            }
            other => Ok(other.map(|v| v as usize)),
        }
    };
    if let Some(s) = text("cell")? {
        c.cell = choice(CellKind::from_name(&s))?;
    }
    if let Some(s) = text("nonlinearity")? {
        c.nonlinearity = choice(Nonlinearity::from_name(&s))?;
    }
    if let Some(s) = text("optimizer")? {
        c.optimizer = choice(OptimizerKind::from_name(&s))?;
    }
    if let Some(s) = text("task")? {
        c.task = choice(Task::from_name(&s))?;
    }
    if let Some(v) = integer("hidden", HIDDEN_RANGE)? {
        c.hidden = v;
    }
    if let Some(v) = integer("layers", LAYERS_RANGE)? {
        c.layers = v;
    }
    if let Some(v) = integer("timeStep", TIME_STEP_RANGE)? {
        c.time_step = v;
    }
    if let Some(v) = integer("seed", (0, u32::MAX as usize))? {
        c.seed = v as u32;
    }
    for (name, field) in [
        ("lr", &mut c.lr),
        ("momentum", &mut c.momentum),
        ("beta1", &mut c.beta1),
        ("beta2", &mut c.beta2),
        ("eps", &mut c.eps),
        ("clipNorm", &mut c.clip_norm),
    ] {
        if let Some(v) = number(name)? {
            *field = v;
        }
    }
    if let Some(v) = get("carryState") {
        c.carry_state = v
            .as_bool()
            .ok_or_else(|| ArgError::Type(format!("carryState must be true or false, got {}", describe(&v))))?;
    }
    c.validate_named(js_name).map_err(|e| ArgError::Range(e.0))?;
    Ok(c)
}

/// The JS name of a `Config` field.
fn js_name(field: &str) -> String {
    match field {
        "time_step" => "timeStep".into(),
        "clip_norm" => "clipNorm".into(),
        other => other.into(),
    }
}

pub fn to_js(c: &Config) -> JsValue {
    let obj = Object::new();
    let values: [JsValue; 15] = [
        c.cell.name().into(),
        c.nonlinearity.name().into(),
        (c.hidden as f64).into(),
        (c.layers as f64).into(),
        c.lr.into(),
        c.optimizer.name().into(),
        c.momentum.into(),
        c.beta1.into(),
        c.beta2.into(),
        c.eps.into(),
        c.clip_norm.into(),
        (c.time_step as f64).into(),
        (c.seed as f64).into(),
        c.task.name().into(),
        c.carry_state.into(),
    ];
    for (name, v) in FIELDS.iter().zip(values) {
        Reflect::set(&obj, &JsValue::from_str(name), &v).expect("setting a field of a fresh object");
    }
    obj.into()
}

/// A name that is not one of the choices is out of range.
fn choice<T>(r: Result<T, crate::Error>) -> Result<T, ArgError> {
    r.map_err(|e| ArgError::Range(e.0))
}

//! Settings between JavaScript and the engine: a `TrainerConfig` (a plain JS object,
//! camelCase) to and from `Config`, and `settingsSchema()`, all read from `settings::SETTINGS`.

use super::errors::{describe, ArgError};
use crate::training::config::Config;
use crate::training::settings::{self, Kind, Setting, Value};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// Reads a TrainerConfig: `undefined`/`null` fields keep their defaults; unknown
/// fields and wrong types are `ArgError::Type`, values out of range or not among the
/// choices `ArgError::Range`, each naming the field, what it accepts and the value.
pub fn from_js(value: &JsValue) -> Result<Config, ArgError> {
    let all: Vec<&'static Setting> = settings::config_settings().collect();
    onto(Config::default(), value, &all, "the configuration must be an object such as {cell: 'lstm', hidden: 16}")
}

/// Reads the fields of `value` (only the settings in `allowed`) onto `base`, checked as
/// `from_js` checks them. A field that is a setting but not allowed is a TypeError naming
/// the ones that are.
pub fn onto(mut c: Config, value: &JsValue, allowed: &[&'static Setting], what: &str) -> Result<Config, ArgError> {
    if value.is_undefined() || value.is_null() {
        return Ok(c);
    }
    if !value.is_object() {
        return Err(ArgError::Type(format!("{what}, got {}", describe(value))));
    }
    for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.iter().any(|s| s.name == key) {
            return Err(ArgError::Type(settings::not_allowed(&key, allowed)));
        }
    }
    for s in allowed {
        let v = Reflect::get(value, &JsValue::from_str(s.name)).unwrap_or(JsValue::UNDEFINED);
        if !v.is_undefined() && !v.is_null() {
            s.set(&mut c, read(s, &v)?);
        }
    }
    Ok(c)
}

/// The value of setting `s` given as `v`, checked.
pub fn read(s: &Setting, v: &JsValue) -> Result<Value, ArgError> {
    let name = s.name;
    let range = |e: crate::Error| ArgError::Range(e.0);
    match s.kind {
        Kind::Choice { choices, .. } => {
            let text =
                v.as_string().ok_or_else(|| ArgError::Type(format!("{name} must be a string, got {}", describe(v))))?;
            match choices.iter().find(|c| c.name == text) {
                Some(c) => Ok(Value::Choice(c.name)),
                None => Err(ArgError::Range(format!("{name} must be {}, got {text:?}", s.accepts()))),
            }
        }
        Kind::Integer { .. } | Kind::Real { .. } => {
            let x =
                v.as_f64().ok_or_else(|| ArgError::Type(format!("{name} must be a number, got {}", describe(v))))?;
            s.number(x, name).map_err(range)
        }
        Kind::Boolean { .. } => v
            .as_bool()
            .map(Value::Boolean)
            .ok_or_else(|| ArgError::Type(format!("{name} must be true or false, got {}", describe(v)))),
    }
}

/// A setting's value as a JS value.
pub fn value_to_js(value: Value) -> JsValue {
    match value {
        Value::Choice(name) => name.into(),
        Value::Integer(_) | Value::Real(_) => value.number().into(),
        Value::Boolean(b) => b.into(),
    }
}

pub fn to_js(c: &Config) -> JsValue {
    let obj = Object::new();
    for s in settings::config_settings() {
        if let Some(v) = s.get(c) {
            Reflect::set(&obj, &JsValue::from_str(s.name), &value_to_js(v)).expect("setting a field of a fresh object");
        }
    }
    obj.into()
}

/// Every setting, in the order a form shows them: the table `src/training/settings.rs` declares.
#[wasm_bindgen(js_name = settingsSchema, unchecked_return_type = "SettingSchema[]")]
pub fn settings_schema() -> JsValue {
    js_sys::JSON::parse(&settings::schema().to_string()).expect("serde_json writes JSON that JSON.parse reads")
}

/// The message a value of setting `name` (its JS name, any setting the schema lists, the
/// page's own included) is refused with, or undefined when it is accepted:
/// `validateSetting('hidden', 0)` is "hidden must be an integer from 1 to 256, got 0".
#[wasm_bindgen(js_name = validateSetting)]
pub fn validate_setting(name: &str, value: JsValue) -> Option<String> {
    match settings::by_name(name) {
        None => Some(format!("unknown setting {name:?}")),
        Some(s) => read(s, &value).err().map(|e| e.message().to_string()),
    }
}

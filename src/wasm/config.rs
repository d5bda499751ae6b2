//! Settings between JavaScript and the engine: a `TrainerConfig` (a plain JS object,
//! camelCase) to and from `Config`, read from `settings::SETTINGS`. (`settingsSchema()` is
//! www/engine.js's: the table's rows in `www/settings-schema.js`, which `settings::schema_module()`
//! writes and `tests/settings_types.rs` checks; no JSON writer in the wasm for it.)

use super::errors::{got, ArgError};
use crate::error::Error;
use crate::messages::{self as m, Message};
use crate::training::config::Config;
use crate::training::settings::{self, Kind, Setting, Value};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// Reads a TrainerConfig: `undefined`/`null` fields keep their defaults; unknown
/// fields and wrong types are `ArgError::Type`, values out of range or not among the
/// choices `ArgError::Range`, each naming the field, what it accepts and the value.
pub fn from_js(value: &JsValue) -> Result<Config, ArgError> {
    let all: Vec<&'static Setting> = settings::config_settings().collect();
    onto(Config::default(), value, &all, m::CONFIG_NOT_OBJECT)
}

/// Reads the fields of `value` (only the settings in `allowed`) onto `base`, checked as
/// `from_js` checks them. A field that is a setting but not allowed is a TypeError naming
/// the ones that are; a value that is not an object, the TypeError `not_object`.
pub fn onto(
    mut c: Config,
    value: &JsValue,
    allowed: &[&'static Setting],
    not_object: Message,
) -> Result<Config, ArgError> {
    if value.is_undefined() || value.is_null() {
        return Ok(c);
    }
    if !value.is_object() {
        return Err(ArgError::Type(got(Error::new(not_object), value)));
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
    read_as(s, v, s.name)
}

/// As `read`, its refusal naming the setting `name` (an attribute's, `hidden-size`).
fn read_as(s: &Setting, v: &JsValue, name: &str) -> Result<Value, ArgError> {
    let wrong_type = |message| ArgError::Type(got(Error::new(message).text("name", name), v));
    match s.kind {
        Kind::Choice { choices, .. } => {
            let text = v.as_string().ok_or_else(|| wrong_type(m::ARG_STRING))?;
            match choices.iter().find(|c| c.name == text) {
                Some(c) => Ok(Value::Choice(c.name)),
                None => Err(ArgError::Range(s.refused(name).quoted("got", &text))),
            }
        }
        // A number, or the setting's word for 0 ("off"), which its refusal names first.
        Kind::Integer { .. } | Kind::Real { .. } => match (v.as_f64(), v.as_string()) {
            (Some(x), _) => s.number(x, name).map_err(ArgError::Range),
            (None, Some(text)) if s.is_zero_word(&text) => s.number(0.0, name).map_err(ArgError::Range),
            (None, Some(text)) if s.zero.is_some() => Err(ArgError::Range(s.refused(name).quoted("got", &text))),
            _ => Err(wrong_type(m::ARG_NUMBER)),
        },
        Kind::Boolean { .. } => v.as_bool().map(Value::Boolean).ok_or_else(|| ArgError::Type(got(s.refused(name), v))),
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

/// The message a value of setting `name` (its JS name, any setting the schema lists, the
/// page's own included) is refused with, or undefined when it is accepted:
/// `validateSetting('hidden', 0)` is "hidden must be an integer from 1 to 256, got 0".
/// `called`, if given, is the name the message gives the setting, as where the value was
/// written calls it: `validateSetting('hidden', 0, 'hidden-size')` is "hidden-size must be …".
#[wasm_bindgen(js_name = validateSetting)]
pub fn validate_setting(name: &str, value: JsValue, called: Option<String>) -> Option<String> {
    refusal(name, &value, called.as_deref()).map(|e| e.message())
}

/// As `validateSetting`, the error itself (a TypeError or a RangeError, with its `code` and
/// `params`), for a page to write in its reader's language; undefined when accepted.
#[wasm_bindgen(js_name = settingError, unchecked_return_type = "EngineError | undefined")]
pub fn setting_error(name: &str, value: JsValue, called: Option<String>) -> JsValue {
    refusal(name, &value, called.as_deref()).map_or(JsValue::UNDEFINED, JsValue::from)
}

/// As `validateConfig`, the error `new Trainer(config)` would throw (with its `code` and
/// `params`), or undefined when `config` is valid.
#[wasm_bindgen(js_name = configError, unchecked_return_type = "EngineError | undefined")]
pub fn config_error(#[wasm_bindgen(unchecked_param_type = "TrainerConfig")] config: JsValue) -> JsValue {
    from_js(&config).err().map_or(JsValue::UNDEFINED, JsValue::from)
}

fn refusal(name: &str, value: &JsValue, called: Option<&str>) -> Option<ArgError> {
    match settings::by_name(name) {
        None => Some(ArgError::Type(Error::new(m::SETTING_UNKNOWN_NAME).quoted("key", name))),
        Some(s) => read_as(s, value, called.unwrap_or(s.name)).err(),
    }
}

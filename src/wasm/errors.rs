//! The JS errors the API throws: a `TypeError` for an argument of the wrong type, a
//! `RangeError` for a value out of range (both `instanceof Error`), a plain `Error` for
//! everything else (a bad file, not enough memory). Messages name the argument, what
//! it accepts and the value, numbers written compactly (`1e308`, `Infinity`).

use crate::error::Error;
use crate::numbers::compact;
use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A rejected argument: the class of error it becomes in JS, and its message.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgError {
    Type(String),
    Range(String),
}

impl ArgError {
    pub fn message(&self) -> &str {
        match self {
            ArgError::Type(m) | ArgError::Range(m) => m,
        }
    }
}

impl From<ArgError> for JsValue {
    fn from(e: ArgError) -> JsValue {
        match e {
            ArgError::Type(m) => js_sys::TypeError::new(&m).into(),
            ArgError::Range(m) => js_sys::RangeError::new(&m).into(),
        }
    }
}

/// An engine error as a plain JS `Error`.
pub fn error(e: Error) -> JsValue {
    js_sys::Error::new(&e.0).into()
}

/// A JS value as a message shows it: `"32"` (a string), `1e308`, `true`, `null`,
/// `undefined`, `an object`, `an array`, `a function`.
pub fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        let short: String = s.chars().take(40).collect();
        return if short.len() < s.len() { format!("{short:?}…") } else { format!("{s:?}") };
    }
    if let Some(x) = v.as_f64() {
        return compact(x);
    }
    if let Some(b) = v.as_bool() {
        return b.to_string();
    }
    if v.is_null() {
        return "null".into();
    }
    if v.is_undefined() {
        return "undefined".into();
    }
    if Array::is_array(v) {
        return "an array".into();
    }
    if v.is_function() {
        return "a function".into();
    }
    if v.is_bigint() {
        return "a BigInt".into();
    }
    if v.is_symbol() {
        return "a symbol".into();
    }
    "an object".into()
}

/// An integer argument `name` from `lo` to `hi`: a number (or, with `strings`, a numeric
/// string such as `'50'`); other types are a TypeError, fractions and values out of
/// range a RangeError.
pub fn integer(v: &JsValue, name: &str, (lo, hi): (f64, f64), strings: bool) -> Result<f64, ArgError> {
    let x = match (v.as_f64(), v.as_string()) {
        (Some(x), _) => x,
        (None, Some(s)) if strings => {
            s.trim().parse::<f64>().ok().filter(|_| !s.trim().is_empty()).ok_or_else(|| {
                ArgError::Type(format!("{name} must be a number or a numeric string, got {}", describe(v)))
            })?
        }
        _ => {
            let what = if strings { "a number or a numeric string" } else { "a number" };
            return Err(ArgError::Type(format!("{name} must be {what}, got {}", describe(v))));
        }
    };
    if x.fract() != 0.0 || !(lo..=hi).contains(&x) {
        return Err(ArgError::Range(format!(
            "{name} must be an integer from {} to {}, got {}",
            compact(lo),
            compact(hi),
            compact(x)
        )));
    }
    Ok(x)
}

/// The bytes of a file argument `name`: a string (its UTF-8), a `Uint8Array` or an
/// `ArrayBuffer`; copied into wasm memory, which running out of is an `Error`.
pub fn bytes(v: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    let array = if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        // Its UTF-8 takes at most 3 bytes per UTF-16 unit, copied once more on the way in.
        crate::engine::alloc::ensure_available(s.length() as usize * 6, name).map_err(error)?;
        return Ok(String::from(s).into_bytes());
    } else if let Some(a) = v.dyn_ref::<Uint8Array>() {
        a.clone()
    } else if let Some(b) = v.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(b)
    } else {
        return Err(ArgError::Type(format!(
            "{name} must be a string, a Uint8Array or an ArrayBuffer, got {}",
            describe(v)
        ))
        .into());
    };
    let mut out = crate::engine::alloc::filled(array.length() as usize, 0u8).map_err(|e| {
        error(Error(format!("not enough memory for {name}: it needs {}", crate::engine::alloc::size_text(e.bytes))))
    })?;
    array.copy_to(&mut out);
    Ok(out)
}

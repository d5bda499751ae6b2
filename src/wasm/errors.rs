//! The JS errors the API throws: a `TypeError` for an argument of the wrong type, a
//! `RangeError` for a value out of range (both `instanceof Error`), a plain `Error` for
//! everything else (a bad file, not enough memory). Messages name the argument, what it
//! accepts and the value, numbers written compactly (`1e308`, `Infinity`). Each error also
//! carries its message's `code` and the values of its template as `params`
//! (`crate::messages`), from which a page writes it in its reader's language.

use crate::error::{Error, Param};
use crate::messages as m;
use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A rejected argument: the class of error it becomes in JS, and its message.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgError {
    Type(Error),
    Range(Error),
}

impl ArgError {
    /// The English message.
    pub fn message(&self) -> String {
        self.error().to_string()
    }

    pub fn error(&self) -> &Error {
        match self {
            ArgError::Type(e) | ArgError::Range(e) => e,
        }
    }
}

impl From<ArgError> for JsValue {
    fn from(e: ArgError) -> JsValue {
        match e {
            ArgError::Type(e) => coded(js_sys::TypeError::new(&e.to_string()).into(), &e),
            ArgError::Range(e) => coded(js_sys::RangeError::new(&e.to_string()).into(), &e),
        }
    }
}

/// An engine error as a plain JS `Error`, with its `code` and `params`.
pub fn error(e: Error) -> JsValue {
    coded(js_sys::Error::new(&e.to_string()).into(), &e)
}

/// `js` (an Error object) with `code` and `params` set from `e`.
fn coded(js: JsValue, e: &Error) -> JsValue {
    set(&js, "code", &e.code().into());
    set(&js, "params", &params(e));
    js
}

fn set(target: &JsValue, name: &str, value: &JsValue) {
    Reflect::set(target, &JsValue::from_str(name), value).expect("setting a field of an object");
}

/// The values of `e`'s template as a JS object (`param`).
fn params(e: &Error) -> JsValue {
    let obj = Object::new();
    for (name, value) in &e.params {
        set(&obj, name, &param(value));
    }
    obj.into()
}

/// One value of a template: a string, a number, a quoted value as `{quoted}`, a nested message
/// as `{code, params}` (an array of them for `Param::Lines`), a `Param::List` as an array of
/// strings and `{quoted}`.
fn param(value: &Param) -> JsValue {
    match value {
        Param::Text(s) => JsValue::from_str(s),
        Param::Quoted(s) => {
            let obj = Object::new();
            set(&obj, "quoted", &JsValue::from_str(s));
            obj.into()
        }
        Param::Number(x) => JsValue::from_f64(*x),
        Param::Message(inner) => nested(inner),
        Param::Lines(list) => list.iter().map(nested).collect::<Array>().into(),
        Param::List(items) => items.iter().map(param).collect::<Array>().into(),
    }
}

/// A report (`Report`) as a plain object, an `EngineReport`: its English `message`, and its
/// `code` and `params` as an error carries them.
#[cfg(feature = "files")]
pub fn report(r: &crate::error::Report) -> JsValue {
    let obj = nested(r);
    set(&obj, "message", &r.to_string().into());
    obj
}

fn nested(e: &Error) -> JsValue {
    let obj = Object::new();
    set(&obj, "code", &e.code().into());
    set(&obj, "params", &params(e));
    obj.into()
}

/// The type of the errors the API throws, and of their messages' values.
#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = r#"
/** An engine message: its code (errorMessages() lists them) and the values of its template. */
export interface EngineMessage {
  code: string;
  params: Record<string, EngineMessageParam>;
}
/** A value as given (a name typed, a key in a file), to be written in the language's quotes; `quoted` is the text between them (escaped as Rust's `{:?}` escapes: `a\"b`). */
export interface EngineQuoted {
  quoted: string;
}
/** A value of a message's template: a text kept as it is (a name, a line of Python), a quoted value, a number, another message, messages on lines of their own, or texts kept as they are or quoted, written as the language writes a list (`Intl.ListFormat`). */
export type EngineMessageParam = string | EngineQuoted | number | EngineMessage | EngineMessage[] | (string | EngineQuoted)[];
/** An Error (TypeError, RangeError) the engine throws: `message` in English, `code` and `params` to write it in another language. */
export interface EngineError extends Error, EngineMessage {}
/** What was done, as the engine reports it: `message` in English, `code` and `params` to write it in another language. */
export interface EngineReport extends EngineMessage {
  message: string;
}
"#;

/// Every message of the engine's errors, `{code: englishTemplate}` in the order declared
/// (`crate::messages`): what a page's message catalog gives in its language. In the `files`
/// build only (www/engine.js takes it from there): the page never calls it, and the table keeps
/// every template, the file methods' too, in the wasm.
#[cfg(feature = "files")]
#[wasm_bindgen(js_name = errorMessages, unchecked_return_type = "Record<string, string>")]
pub fn error_messages() -> JsValue {
    let obj = Object::new();
    for message in m::MESSAGES {
        set(&obj, message.code, &message.english.into());
    }
    obj.into()
}

/// A JS value as a message shows it: `"32"` (a string, quoted as the language quotes; its
/// first 40 characters then `…` when longer), `1e308`, `true`, `null`, `undefined`,
/// `an object`, `an array`, `a function`.
pub fn describe(v: &JsValue) -> Error {
    if let Some(s) = v.as_string() {
        let short: String = s.chars().take(40).collect();
        let message = if short.len() < s.len() { m::DETAIL_CUT } else { m::DETAIL };
        return Error::new(message).quoted("detail", &short);
    }
    if let Some(x) = v.as_f64() {
        return Error::new(m::DETAIL).number("detail", x);
    }
    if let Some(b) = v.as_bool() {
        return Error::detail(b.to_string());
    }
    if v.is_null() {
        return Error::detail("null");
    }
    if v.is_undefined() {
        return Error::detail("undefined");
    }
    let kind = if Array::is_array(v) {
        m::AN_ARRAY
    } else if v.is_function() {
        m::A_FUNCTION
    } else if v.is_bigint() {
        m::A_BIGINT
    } else if v.is_symbol() {
        m::A_SYMBOL
    } else {
        m::AN_OBJECT
    };
    Error::new(kind)
}

/// `message` (whose `{got}` is the value given) for the value `v`.
pub fn got(message: Error, v: &JsValue) -> Error {
    message.nested("got", describe(v))
}

/// An integer argument `name` from `lo` to `hi`: a number (or, with `strings`, a numeric
/// string such as `'50'`, read as JavaScript's `Number()` reads it); other types are a
/// TypeError, fractions and values out of range a RangeError.
pub fn integer(v: &JsValue, name: &str, (lo, hi): (f64, f64), strings: bool) -> Result<f64, ArgError> {
    let text = v.dyn_ref::<JsString>().filter(|_| strings);
    let x = match (v.as_f64(), text) {
        (Some(x), _) => x,
        // Read as JavaScript's Number(s) reads it (unary +: '50', ' 7 ', '1e3', '0x10'), a blank
        // string excepted (its whitespace as JavaScript's trim() sees it). Not Rust's parser: its
        // tables and code add 14 KB to the gzipped wasm.
        (None, Some(s)) => Some(v.unchecked_into_f64())
            .filter(|x| !x.is_nan() && s.trim().length() > 0)
            .ok_or_else(|| ArgError::Type(got(Error::new(m::ARG_NUMBER_OR_STRING).text("name", name), v)))?,
        _ => {
            let what = if strings { m::ARG_NUMBER_OR_STRING } else { m::ARG_NUMBER };
            return Err(ArgError::Type(got(Error::new(what).text("name", name), v)));
        }
    };
    if x.fract() != 0.0 || !(lo..=hi).contains(&x) {
        return Err(ArgError::Range(integer_range(name, (lo, hi)).number("got", x)));
    }
    Ok(x)
}

/// The bytes of a file argument `name`: a string (its UTF-8), a `Uint8Array` or an
/// `ArrayBuffer`; copied into wasm memory, which running out of is an `Error`.
pub fn bytes(v: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    let array = if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        // Its UTF-8 takes at most 3 bytes per UTF-16 unit, copied once more on the way in.
        crate::engine::alloc::ensure_available(s.length() as usize * 6, Error::detail(name)).map_err(error)?;
        return Ok(String::from(s).into_bytes());
    } else if let Some(a) = v.dyn_ref::<Uint8Array>() {
        a.clone()
    } else if let Some(b) = v.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(b)
    } else {
        return Err(ArgError::Type(got(Error::new(m::ARG_BYTES).text("name", name), v)).into());
    };
    let mut out = crate::engine::alloc::filled(array.length() as usize, 0u8).map_err(|e| {
        error(Error::new(m::MEMORY_ARGUMENT).text("name", name).nested("size", crate::engine::alloc::size(e.bytes)))
    })?;
    array.copy_to(&mut out);
    Ok(out)
}

/// "{name} must be an integer from {lo} to {hi}, got {got}", without `got` yet.
pub fn integer_range(name: &str, (lo, hi): (f64, f64)) -> Error {
    let accepts = Error::new(m::ACCEPTS_INTEGER).number("min", lo).number("max", hi);
    Error::new(m::SETTING_INVALID).text("name", name).nested("accepts", accepts)
}

//! Helpers shared by the browser tests: JS objects in, fields and thrown errors out.
#![allow(dead_code)]

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A plain JS object with these fields.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (k, v) in fields {
        Reflect::set(&obj, &JsValue::from_str(k), v).unwrap();
    }
    obj.into()
}

/// A field of a JS object.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

/// The class ("TypeError", "RangeError" or "Error") and message of what a failed call
/// threw, which must be `instanceof Error`.
pub fn thrown<T>(result: Result<T, JsValue>) -> (&'static str, String) {
    let err: JsValue = result.err().expect("the call should fail");
    assert!(err.is_instance_of::<js_sys::Error>(), "instanceof Error");
    let class = if err.is_instance_of::<js_sys::TypeError>() {
        "TypeError"
    } else if err.is_instance_of::<js_sys::RangeError>() {
        "RangeError"
    } else {
        "Error"
    };
    (class, get(&err, "message").as_string().unwrap())
}

/// The message of the Error a failed call threw.
pub fn message<T>(result: Result<T, JsValue>) -> String {
    thrown(result).1
}

/// The English message of what a call reported (an `EngineReport`: importWeights' "loaded …").
pub fn said(result: Result<JsValue, JsValue>) -> String {
    get(&result.expect("the call should succeed"), "message").as_string().unwrap()
}

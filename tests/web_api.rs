//! The JS API's boundary inside the browser: arguments checked as the constructor checks
//! its config (TypeError for a wrong type, RangeError out of range, compact numbers),
//! weights files as bytes (safetensors, JSON, PyTorch's pickles, recorded runs) with
//! load_state_dict-style messages, exports refused after divergence, and the time axis
//! in double precision. Run with `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Float64Array, Object, Uint8Array};
use rnn_playground::wasm::{validate_config, JsTrainer};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_util;

use web_util::*;

wasm_bindgen_test_configure!(run_in_browser);

fn trainer() -> JsTrainer {
    JsTrainer::new(JsValue::UNDEFINED).unwrap()
}

#[wasm_bindgen_test]
fn config_errors_are_type_or_range_errors_with_compact_numbers() {
    for (config, class, text) in [
        (object(&[("hidden", "32".into())]), "TypeError", "hidden must be a number, got \"32\""),
        (object(&[("cell", 3.into())]), "TypeError", "cell must be a string, got 3"),
        (object(&[("hiden", 8.into())]), "TypeError", "unknown setting \"hiden\""),
        (JsValue::from_str("lstm"), "TypeError", "the configuration must be an object"),
        (object(&[("hidden", 0.into())]), "RangeError", "hidden must be an integer from 1 to 256, got 0"),
        (object(&[("hidden", 1e308.into())]), "RangeError", "hidden must be an integer from 1 to 256, got 1e308"),
        (
            object(&[("lr", f64::INFINITY.into())]),
            "RangeError",
            "lr must be greater than 0 and at most 10, got Infinity",
        ),
        (object(&[("lr", 1e300.into())]), "RangeError", "got 1e300"),
        (object(&[("cell", "cnn".into())]), "RangeError", "cell must be one of rnn, lstm, gru, got \"cnn\""),
    ] {
        let (got_class, message) = thrown(JsTrainer::new(config.clone()));
        assert_eq!((got_class, message.contains(text)), (class, true), "{message:?} should be a {class} with {text:?}");
        // validateConfig says the same, without throwing.
        assert_eq!(validate_config(config).as_deref(), Some(message.as_str()));
    }
}

#[wasm_bindgen_test]
fn every_method_checks_its_arguments() {
    let mut t = trainer();
    // train: a numeric string is a count.
    t.train("50".into()).unwrap();
    assert_eq!(t.step_count(), 50.0);
    t.train(" 7 ".into()).unwrap();
    assert_eq!(t.step_count(), 57.0);
    // Read as JavaScript's Number() reads it: an exponent, hexadecimal and binary counts.
    t.train("1e1".into()).unwrap();
    t.train("0x0A".into()).unwrap();
    t.train("0b11".into()).unwrap();
    assert_eq!(t.step_count(), 80.0);
    for (n, class, text) in [
        (JsValue::from_str("fifty"), "TypeError", "train(n): n must be a number or a numeric string, got \"fifty\""),
        (JsValue::from_str(""), "TypeError", "train(n): n must be a number or a numeric string, got \"\""),
        (JsValue::from_str(" "), "TypeError", "got \" \""),
        // Blank as JavaScript's trim() sees it (a byte-order mark is its whitespace, not Rust's).
        (JsValue::from_str("\u{feff}"), "TypeError", "train(n): n must be a number or a numeric string"),
        (JsValue::from_str("NaN"), "TypeError", "got \"NaN\""),
        (JsValue::from_str("inf"), "TypeError", "got \"inf\""),
        (JsValue::from_str("-0x10"), "TypeError", "got \"-0x10\""),
        (JsValue::from_str("50 steps"), "TypeError", "got \"50 steps\""),
        (JsValue::from_str("Infinity"), "RangeError", "got Infinity"),
        (JsValue::TRUE, "TypeError", "train(n): n must be a number or a numeric string, got true"),
        (JsValue::UNDEFINED, "TypeError", "got undefined"),
        (Object::new().into(), "TypeError", "got an object"),
        (1e308.into(), "RangeError", "train(n): n must be an integer from 0 to 10000000, got 1e308"),
        (f64::INFINITY.into(), "RangeError", "got Infinity"),
        (f64::NAN.into(), "RangeError", "got NaN"),
        (2.5.into(), "RangeError", "got 2.5"),
        (JsValue::from_str("1e9"), "RangeError", "got 1000000000"),
    ] {
        let (got, message) = thrown(t.train(n));
        assert_eq!((got, message.contains(text)), (class, true), "{message:?} should be a {class} with {text:?}");
    }
    assert_eq!(t.step_count(), 80.0, "rejected calls train nothing");
    // trainUntilDiverged reads n as train does, its messages naming it.
    let (class, message) = thrown(t.train_until_diverged(2.5.into()));
    assert_eq!(
        (class, message.as_str()),
        ("RangeError", "trainUntilDiverged(n): n must be an integer from 0 to 10000000, got 2.5")
    );
    t.train_until_diverged("5".into()).unwrap();
    assert_eq!(t.step_count(), 85.0);

    let (class, message) = thrown(t.reset(Some("3".into())));
    assert_eq!((class, message.as_str()), ("TypeError", "reset(seed): seed must be a number, got \"3\""));
    let (class, message) = thrown(t.reset(Some(4294967296.0.into())));
    assert_eq!(class, "RangeError");
    assert_eq!(message, "reset(seed): seed must be an integer from 0 to 4294967295, got 4294967296");
    t.reset(None).unwrap();
    assert_eq!(t.step_count(), 0.0);

    let (class, message) = thrown(t.import_weights(42.into(), None));
    assert_eq!(class, "TypeError");
    assert_eq!(message, "importWeights(data): data must be a string, a Uint8Array or an ArrayBuffer, got 42");
    assert_eq!(thrown(t.import_checkpoint(JsValue::NULL, None)).0, "TypeError");
    let (class, message) = thrown(t.import_weights(JSON.into(), Some(7.into())));
    assert_eq!((class, message.as_str()), ("TypeError", "importWeights(data, name): name must be a string, got 7"));
    assert_eq!(thrown(t.import_checkpoint(JSON.into(), Some(true.into()))).0, "TypeError");
    let (class, message) = thrown(t.export_weights(Some("pt".into())));
    assert_eq!(
        (class, message.as_str()),
        ("RangeError", "exportWeights(format): format must be 'json' or 'safetensors', got \"pt\"")
    );
    assert_eq!(thrown(t.export_weights(Some(1.into()))).0, "TypeError");
}

const SAFETENSORS: &[u8] = include_bytes!("fixtures/torch/rnn_h32_seed7.safetensors");
const MODULE_SAFETENSORS: &[u8] = include_bytes!("fixtures/torch/rnn_h32_seed7_module.safetensors");
const JSON: &str = include_str!("fixtures/torch/rnn_h32_seed7.json");
const PICKLE: &[u8] = include_bytes!("fixtures/torch/rnn_h32_seed7.pt");
const NPZ: &[u8] = include_bytes!("fixtures/files/state_dict.npz");
const RECORD: &str = include_str!("fixtures/rnn_h32_seed1.json");

fn json_weights(t: &JsTrainer) -> String {
    t.export_weights(None).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn weights_come_in_as_strings_or_bytes_and_go_out_as_json_or_safetensors() {
    let mut from_json = trainer();
    assert_eq!(said(from_json.import_weights(JSON.into(), None)), "loaded the state dict (JSON)");
    let mut from_bytes = trainer();
    let bytes = Uint8Array::from(SAFETENSORS);
    assert_eq!(said(from_bytes.import_weights(bytes.clone().into(), None)), "loaded the state dict (safetensors)");
    assert_eq!(json_weights(&from_json), json_weights(&from_bytes), "the same weights either way");
    let mut from_buffer = trainer();
    from_buffer.import_weights(bytes.buffer().into(), None).unwrap();
    assert_eq!(json_weights(&from_buffer), json_weights(&from_json));
    // JSON as bytes is judged by content too.
    let mut json_bytes = trainer();
    json_weights(&json_bytes);
    json_bytes.import_weights(Uint8Array::from(JSON.as_bytes()).into(), None).unwrap();
    assert_eq!(json_weights(&json_bytes), json_weights(&from_json));

    let out: Uint8Array = from_json.export_weights(Some("safetensors".into())).unwrap().dyn_into().unwrap();
    let mut back = trainer();
    back.import_weights(out.into(), None).unwrap();
    assert_eq!(json_weights(&back), json_weights(&from_json));
    assert_eq!(from_json.export_weights(Some("json".into())).unwrap().as_string().unwrap(), json_weights(&from_json));
}

/// One rule with `train --init`: a recorded run loads as its initial_state_dict, and a
/// prefixed dict loads with a note; failures list everything, pickles say how to convert.
#[wasm_bindgen_test]
fn importing_follows_the_command_lines_rule_and_messages() {
    let mut t = trainer();
    let loaded = t.import_weights(RECORD.into(), None).unwrap();
    assert_eq!(get(&loaded, "message").as_string().unwrap(), "loaded the recorded run's initial_state_dict (JSON)");
    // With the code and values a catalog writes it from, as an error's.
    assert_eq!(get(&loaded, "code").as_string().unwrap(), "weights.loaded");
    assert_eq!(get(&get(&get(&loaded, "params"), "dict"), "code").as_string().unwrap(), "noun.initialStateDict");
    assert_eq!(get(&get(&loaded, "params"), "format").as_string().unwrap(), "JSON");
    let message = said(t.import_weights(Uint8Array::from(MODULE_SAFETENSORS).into(), None));
    assert!(message.ends_with("every key had the prefix \"module.\", which was removed"), "{message}");

    let mut gru = JsTrainer::new(object(&[("cell", "gru".into()), ("layers", 2.into())])).unwrap();
    let (class, message) = thrown(gru.import_weights(JSON.into(), None));
    assert_eq!(class, "Error");
    assert!(message.starts_with("cannot load these weights into the GRU with hidden 32 and 2 layers here:"), "{message}");
    assert!(message
        .contains("missing keys: \"rnn.weight_ih_l1\", \"rnn.weight_hh_l1\", \"rnn.bias_ih_l1\", \"rnn.bias_hh_l1\""));
    assert!(message.contains("size mismatch for rnn.weight_ih_l0: the file has shape [32, 1], the model needs [96, 1]"));
    assert!(message.contains("size mismatch for rnn.bias_hh_l0: the file has shape [32], the model needs [96]"));

    // A PyTorch file gets the Python that converts it, with the file's name when it is given.
    let before = t.export_checkpoint().unwrap();
    let (_, message) = thrown(t.import_weights(Uint8Array::from(PICKLE).into(), Some("my rnn.pt".into())));
    assert!(message.starts_with("this file is a PyTorch state dict saved by torch.save: a pickle"), "{message}");
    assert!(message.ends_with("save_file(torch.load('my rnn.pt'), 'my rnn.safetensors')"), "{message}");
    let (_, message) = thrown(t.import_weights(Uint8Array::from(PICKLE).into(), None));
    assert!(message.ends_with("save_file(torch.load('model.pt'), 'model.safetensors')"), "{message}");
    assert_eq!(t.export_checkpoint().unwrap(), before, "a failed import changed the run");
    // NumPy's .npz loads as it is.
    let loaded = said(t.import_weights(Uint8Array::from(NPZ).into(), Some("rnn.npz".into())));
    assert_eq!(loaded, "loaded the state dict (NumPy .npz)");
    let (_, message) = thrown(t.import_weights("<!DOCTYPE html><html></html>".into(), None));
    assert!(message.contains("an HTML page"), "{message}");
}

#[wasm_bindgen_test]
fn a_diverged_run_throws_on_export() {
    let mut t = JsTrainer::new(object(&[("optimizer", "sgd".into()), ("lr", 5.into())])).unwrap();
    t.train(100.into()).unwrap();
    for result in
        [t.export_weights(None), t.export_weights(Some("safetensors".into())), t.export_checkpoint().map(JsValue::from)]
    {
        let (class, message) = thrown(result);
        assert_eq!(class, "Error");
        assert!(message.starts_with("training diverged at step "), "{message}");
        assert!(message.contains("; reset or import weights"), "{message}");
    }
    t.reset(None).unwrap();
    assert!(t.export_weights(None).is_ok());
}

const LAYOUT1: &[u8] = include_bytes!("fixtures/checkpoints/layout1_ac524d6_adam.checkpoint.json");

/// A checkpoint of the first layout an earlier build wrote imports; one of a newer version is
/// refused with the version's message, leaving the run as it was.
#[wasm_bindgen_test]
fn old_checkpoints_import_and_newer_ones_are_refused() {
    let mut t = trainer();
    t.import_checkpoint(Uint8Array::from(LAYOUT1).into(), Some("old.checkpoint.json".into())).unwrap();
    assert_eq!(t.step_count(), 40.0);
    let mut newer: serde_json::Value = serde_json::from_slice(LAYOUT1).unwrap();
    newer["version"] = serde_json::json!(2);
    newer["window_schedule"] = serde_json::json!([1, 2]);
    let (class, message) = thrown(t.import_checkpoint(newer.to_string().into(), None));
    assert_eq!(class, "Error");
    assert_eq!(
        message,
        "this checkpoint was written by a newer version of rnn-playground (format 2); this one reads up to 1"
    );
    assert_eq!(t.step_count(), 40.0);
}

/// After 10^6 windows the time points still step by π/9 (a Float32Array's would step by
/// 0.25 or 0.5 there).
#[wasm_bindgen_test]
fn the_time_axis_is_double_precision() {
    let mut t = trainer();
    let mut checkpoint: serde_json::Value = serde_json::from_str(&t.export_checkpoint().unwrap()).unwrap();
    checkpoint["step"] = serde_json::json!(1_000_000);
    t.import_checkpoint(checkpoint.to_string().into(), None).unwrap();
    let times: Float64Array = get(&t.last_window(), "t").dyn_into().unwrap();
    let times = times.to_vec();
    let pi = std::f64::consts::PI;
    assert!((times[0] - 1e6 * pi).abs() < 1e-6, "{}", times[0]);
    for w in times.windows(2) {
        assert!((w[1] - w[0] - pi / 9.0).abs() < 1e-8, "{:?}", times);
    }
}

/// The length of the typed array at `obj[key]` (panics if it is not a Float32Array).
fn f32_len(obj: &JsValue, key: &str) -> u32 {
    get(obj, key).dyn_into::<js_sys::Float32Array>().unwrap_or_else(|_| panic!("{key} is a Float32Array")).length()
}

#[wasm_bindgen_test]
fn a_traced_step_is_a_step_and_its_record_has_the_documented_layout() {
    let config = object(&[("cell", "lstm".into()), ("hidden", 6.into()), ("layers", 2.into()), ("timeStep", 7.into())]);
    let mut plain = JsTrainer::new(config.clone()).unwrap();
    let mut traced = JsTrainer::new(config).unwrap();
    plain.train(3.into()).unwrap();
    traced.train(3.into()).unwrap();
    let loss = plain.step();
    let record = traced.trace_step().unwrap();
    assert_eq!(get(&record, "loss").as_f64().unwrap() as f32, loss);
    assert_eq!(get(&record, "step").as_f64(), Some(3.0));
    assert_eq!(traced.export_checkpoint().unwrap(), plain.export_checkpoint().unwrap());
    // L = 2, T = 7, H = 6, G = 4
    for (key, len) in [("x", 7), ("target", 7), ("prediction", 7), ("h0", 12), ("c0", 12), ("h", 84), ("c", 84)] {
        assert_eq!(f32_len(&record, key), len, "{key}");
    }
    for key in ["gates", "ih", "hh"] {
        assert_eq!(f32_len(&record, key), 2 * 7 * 4 * 6, "{key}");
    }
    assert_eq!(f32_len(&record, "dLdh"), 84);
    assert_eq!(get(&record, "t").dyn_into::<Float64Array>().unwrap().length(), 7);
    for key in ["gradients", "update"] {
        let tensors = get(&record, key);
        let names: Vec<String> =
            Object::keys(tensors.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect();
        assert_eq!(names, traced.parameter_names(), "{key} is keyed by parameterNames(), in order");
        assert_eq!(f32_len(&tensors, "rnn.weight_hh_l1"), 24 * 6, "{key}");
    }
    assert_eq!(get(&record, "clipScale").as_f64(), Some(1.0));
    // An RNN has neither c nor gates.
    let rnn = trainer().trace_step().unwrap();
    for key in ["c0", "c", "gates"] {
        assert!(get(&rnn, key).is_undefined(), "an RNN's record has no {key}");
    }
}

#[wasm_bindgen_test]
fn input_influence_covers_the_steps_up_to_t_and_checks_t() {
    let mut t = trainer();
    t.train(5.into()).unwrap();
    assert_eq!(t.input_influence(0.into()).unwrap().length(), 1);
    let last = t.input_influence(9.into()).unwrap().to_vec();
    assert_eq!(last.len(), 10);
    assert!(last.iter().all(|v| v.is_finite() && *v >= 0.0), "{last:?}");
    for (v, class, text) in [
        (JsValue::from(10), "RangeError", "inputInfluence(t): t must be an integer from 0 to 9, got 10"),
        (JsValue::from(-1), "RangeError", "got -1"),
        (JsValue::from(2.5), "RangeError", "got 2.5"),
        (JsValue::from_str("3"), "TypeError", "inputInfluence(t): t must be a number, got \"3\""),
        (JsValue::UNDEFINED, "TypeError", "got undefined"),
    ] {
        let (got, message) = thrown(t.input_influence(v));
        assert_eq!((got, message.contains(text)), (class, true), "{message:?} should be a {class} with {text:?}");
    }
}

/// hiddenStates(layer): each layer's h of the last window, the top one by default; a layer
/// that is not there is a RangeError, a layer that is not a number a TypeError.
#[wasm_bindgen_test]
fn hidden_states_of_every_layer_and_the_top_one_by_default() {
    let mut t = JsTrainer::new(object(&[("layers", 3.into()), ("hidden", 4.into())])).unwrap();
    t.train(2.into()).unwrap();
    let layer = |l: i32| t.hidden_states(l.into()).unwrap().to_vec();
    assert_eq!(t.hidden_states(JsValue::UNDEFINED).unwrap().to_vec(), layer(2), "the top layer by default");
    let (bottom, middle) = (layer(0), layer(1));
    assert_eq!(bottom.len(), 10 * 4);
    assert_ne!(bottom, middle, "layers differ");
    assert_ne!(middle, layer(2));
    for (v, class, text) in [
        (JsValue::from(3), "RangeError", "hiddenStates(layer): layer must be an integer from 0 to 2, got 3"),
        (JsValue::from(-1), "RangeError", "hiddenStates(layer): layer must be an integer from 0 to 2, got -1"),
        (JsValue::from(0.5), "RangeError", "hiddenStates(layer): layer must be an integer from 0 to 2, got 0.5"),
        (JsValue::from_str("1"), "TypeError", "hiddenStates(layer): layer must be a number, got \"1\""),
        (JsValue::NULL, "TypeError", "hiddenStates(layer): layer must be a number, got null"),
    ] {
        assert_eq!(thrown(t.hidden_states(v)), (class, text.to_string()));
    }
}

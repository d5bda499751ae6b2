//! State dict import and export: PyTorch's names and shapes, checked on the way in;
//! any bad input is rejected with a message and leaves the model untouched.

use rnn_playground::error::Param;
use rnn_playground::{CellKind, Config, Trainer};
use serde_json::{json, Value};

fn trainer(cell: CellKind, layers: usize) -> Trainer {
    Trainer::new(Config { cell, layers, hidden: 8, ..Config::default() }).unwrap()
}

fn exported(t: &Trainer) -> Value {
    serde_json::from_str(&t.export_weights().unwrap()).unwrap()
}

/// Imports `dict` and asserts it fails with a message containing `needle`, changing nothing.
fn rejected(t: &mut Trainer, dict: &Value, needle: &str) {
    t.train(3);
    let (params, step, weights) = (t.network().params.clone(), t.step_count(), t.export_weights());
    let err = t.import_weights(dict.to_string().as_bytes(), None).unwrap_err();
    assert!(err.to_string().contains(needle), "message {:?} should mention {needle:?}", err.to_string());
    assert_eq!(t.network().params, params, "parameters changed by a rejected import");
    assert_eq!(t.step_count(), step, "run restarted by a rejected import");
    assert_eq!(t.export_weights(), weights);
}

#[test]
fn export_uses_pytorch_names_shapes_and_order() {
    let t = trainer(CellKind::Lstm, 2);
    let v = exported(&t);
    let names: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        [
            "rnn.weight_ih_l0",
            "rnn.weight_hh_l0",
            "rnn.bias_ih_l0",
            "rnn.bias_hh_l0",
            "rnn.weight_ih_l1",
            "rnn.weight_hh_l1",
            "rnn.bias_ih_l1",
            "rnn.bias_hh_l1",
            "out.weight",
            "out.bias"
        ]
    );
    let shape = |name: &str| {
        let a = v[name].as_array().unwrap();
        match a[0].as_array() {
            Some(row) => vec![a.len(), row.len()],
            None => vec![a.len()],
        }
    };
    assert_eq!(shape("rnn.weight_ih_l0"), [32, 1]);
    assert_eq!(shape("rnn.weight_ih_l1"), [32, 8]);
    assert_eq!(shape("rnn.weight_hh_l1"), [32, 8]);
    assert_eq!(shape("rnn.bias_hh_l0"), [32]);
    assert_eq!(shape("out.weight"), [1, 8]);
    assert_eq!(shape("out.bias"), [1]);
}

#[test]
fn export_then_import_gives_the_same_model() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let mut a = trainer(cell, 2);
        a.train(20);
        let mut b = Trainer::new(Config { seed: 99, ..a.config().clone() }).unwrap();
        assert_ne!(a.network().params, b.network().params);
        b.import_weights(a.export_weights().unwrap().as_bytes(), None).unwrap();
        assert_eq!(a.network().params, b.network().params, "{cell:?}: weights not identical");
        assert_eq!(b.step_count(), 0, "an import starts a new run");
    }
}

#[test]
fn the_fixtures_state_dicts_import() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gru_h32_seed1.json")).unwrap();
    let record: Value = serde_json::from_str(&text).unwrap();
    let mut t = Trainer::new(Config { cell: CellKind::Gru, seed: 5, ..Config::default() }).unwrap();
    t.import_weights(record["final_state_dict"].to_string().as_bytes(), None).unwrap();
    assert_eq!(
        t.network().params[0] as f64,
        record["final_state_dict"]["rnn.weight_ih_l0"][0][0].as_f64().unwrap() as f32 as f64
    );
}

#[test]
fn malformed_json_is_rejected() {
    let mut t = trainer(CellKind::Rnn, 1);
    t.train(1);
    let params = t.network().params.clone();
    let err = t.import_weights(b"{\"rnn.weight_ih_l0\": [[0.1],, [0.2]]}", None).unwrap_err();
    assert!(err.to_string().contains("invalid JSON"), "{err}");
    assert_eq!(t.network().params, params);
    // A file that ends before its JSON does (an unfinished download) is said to be cut off.
    let err = t.import_weights(b"{\"rnn.weight_ih_l0\": [[0.1], ", None).unwrap_err();
    assert_eq!(err.code(), "json.cut", "{err}");
    assert!(
        err.to_string().starts_with("the file ends in the middle of its JSON (line 1, column 29): it looks cut off"),
        "{err}"
    );
    assert_eq!(t.network().params, params);
    rejected(&mut t, &json!([1, 2, 3]), "this is JSON of the wrong shape (an array)");
}

#[test]
fn missing_extra_and_misshapen_parameters_are_rejected() {
    let mut t = trainer(CellKind::Rnn, 1);
    let good = exported(&t);

    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("rnn.bias_hh_l0");
    rejected(&mut t, &missing, "missing keys: \"rnn.bias_hh_l0\"");

    let mut extra = good.clone();
    extra["rnn.weight_ih_l1"] = json!([[0.0]]);
    rejected(&mut t, &extra, "unexpected keys: \"rnn.weight_ih_l1\"");

    // Weights of an LSTM (4 gates) into an RNN.
    let lstm = exported(&trainer(CellKind::Lstm, 1));
    rejected(&mut t, &lstm, "size mismatch for rnn.weight_ih_l0: the file has shape [32, 1], the model needs [8, 1]");

    let mut short_row = good.clone();
    short_row["rnn.weight_hh_l0"][3].as_array_mut().unwrap().pop();
    rejected(&mut t, &short_row, "rnn.weight_hh_l0[3] has 7 entries where its shape needs 8");

    let mut flat = good.clone();
    flat["out.weight"] = json!([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    rejected(&mut t, &flat, "size mismatch for out.weight: the file has shape [8], the model needs [1, 8]");
}

/// As load_state_dict: one message lists every missing key, every unexpected key and
/// every shape mismatch.
#[test]
fn one_message_lists_every_problem() {
    let mut t = trainer(CellKind::Gru, 1);
    // A 2-layer LSTM's dict, minus its head's bias, plus a stray key.
    let mut dict = exported(&trainer(CellKind::Lstm, 2));
    dict.as_object_mut().unwrap().remove("out.bias");
    dict["step"] = json!(3);
    t.train(3);
    let err = t.import_weights(dict.to_string().as_bytes(), None).unwrap_err().to_string();
    assert!(err.starts_with("cannot load these weights into the GRU with hidden 8 and 1 layer here:"), "{err}");
    assert!(err.contains("missing keys: \"out.bias\"\n"), "{err}");
    assert!(
        err.contains("unexpected keys: \"rnn.weight_ih_l1\", \"rnn.weight_hh_l1\", \"rnn.bias_ih_l1\", \"rnn.bias_hh_l1\", \"step\""),
        "{err}"
    );
    for (name, found, needed) in [
        ("rnn.weight_ih_l0", "[32, 1]", "[24, 1]"),
        ("rnn.weight_hh_l0", "[32, 8]", "[24, 8]"),
        ("rnn.bias_ih_l0", "[32]", "[24]"),
        ("rnn.bias_hh_l0", "[32]", "[24]"),
    ] {
        let line = format!("size mismatch for {name}: the file has shape {found}, the model needs {needed}");
        assert!(err.contains(&line), "{err} should contain {line}");
    }
    assert_eq!(t.step_count(), 3, "nothing changed");
}

/// A dict saved from a wrapped model (every key `module.…`) loads, and says so; a prefix
/// that does not help is named in the error.
#[test]
fn a_prefix_on_every_key_is_recognised() {
    let mut a = trainer(CellKind::Lstm, 2);
    a.train(5);
    let wrapped: serde_json::Map<String, Value> =
        exported(&a).as_object().unwrap().iter().map(|(k, v)| (format!("module.{k}"), v.clone())).collect();
    let mut b = Trainer::new(Config { seed: 4, ..a.config().clone() }).unwrap();
    let message = b.import_weights(Value::Object(wrapped).to_string().as_bytes(), None).unwrap();
    assert_eq!(
        message.to_string(),
        "loaded the state dict (JSON); every key had the prefix \"module.\", which was removed"
    );
    assert_eq!(message.code(), "weights.loadedNote");
    assert_eq!(a.network().params, b.network().params);

    let other: serde_json::Map<String, Value> =
        exported(&a).as_object().unwrap().iter().map(|(k, v)| (format!("model.{}", &k[4..]), v.clone())).collect();
    let err = b.import_weights(Value::Object(other).to_string().as_bytes(), None).unwrap_err().to_string();
    assert!(err.contains("every key in the file starts with \"model.\""), "{err}");
}

#[test]
fn non_finite_and_non_numbers_are_rejected() {
    let mut t = trainer(CellKind::Gru, 1);
    let good = exported(&t);
    for (bad, needle) in [
        (json!(null), "rnn.bias_ih_l0[5] must be a finite number, got null"),
        // A string in the language's quotes (Param::Quoted): “0.5” in Chinese, not "0.5".
        (json!("0.5"), "rnn.bias_ih_l0[5] must be a finite number, got \"0.5\""),
        (json!(1e39), "rnn.bias_ih_l0[5] must be a finite number, got 1e+39"),
        // A list one level too deep, by its kind, not all its numbers.
        (json!([[0.5, 0.25]]), "rnn.bias_ih_l0[5] must be a finite number, got an array"),
    ] {
        let mut dict = good.clone();
        dict["rnn.bias_ih_l0"][5] = bad;
        rejected(&mut t, &dict, needle);
    }
    let mut dict = good.clone();
    dict["rnn.bias_ih_l0"][5] = json!("0.5");
    let err = t.import_weights(dict.to_string().as_bytes(), None).unwrap_err();
    assert!(format!("{err:?}").contains("Quoted(\"0.5\")"), "{err:?}");
    // JSON has no NaN or Infinity literals: they are a parse error.
    let text = good.to_string().replacen("[[", "[[NaN,", 1);
    assert!(t.import_weights(text.as_bytes(), None).is_err());
}

#[test]
fn a_safetensors_file_cut_short_is_said_to_be_cut_off() {
    let mut t = trainer(CellKind::Lstm, 2);
    let params = t.network().params.clone();
    let whole = t.export_safetensors().unwrap();
    // Cut in the tensors' data, and in the header (said so: it had said the tensors did not fit).
    for (len, code) in [(whole.len() - 100, "safetensors.cut"), (40, "safetensors.cutHeader")] {
        let err = t.import_weights(&whole[..len], None).unwrap_err();
        assert_eq!(err.code(), code, "{len} bytes: {err}");
        assert!(err.to_string().contains("it looks cut off, as an unfinished download or copy is"), "{err}");
    }
    // Its size a message of its own, which the catalogs write in their language ("40 bytes" had
    // been English text in a Chinese message).
    let err = t.import_weights(&whole[..40], None).unwrap_err();
    assert!(err.to_string().starts_with("the file's 40 bytes do not hold the header"), "{err}");
    match err.param("size") {
        Some(Param::Message(size)) => assert_eq!(size.code(), "size.bytes"),
        other => panic!("{err}: its size is {other:?}"),
    }
    // Longer than its tensors (bytes appended): not said to be cut off.
    let mut longer = whole.clone();
    longer.extend(b"more");
    let err = t.import_weights(&longer, None).unwrap_err();
    assert_eq!(err.code(), "safetensors.invalid", "{err}");
    assert!(err.to_string().ends_with("the file goes on past its last tensor's bytes"), "{err}");
    assert_eq!(t.network().params, params);
}

#[test]
fn a_damaged_safetensors_file_is_said_in_the_message_tables_words_not_the_crates() {
    let mut t = trainer(CellKind::Rnn, 1);
    // An 8-byte little-endian header length, the header, the tensors' bytes.
    let file = |header: &[u8], data: &[u8]| [&(header.len() as u64).to_le_bytes()[..], header, data].concat();
    let cases: [(Vec<u8>, &str, &str); 6] = [
        // Its header ends before its JSON does: the file is whole (its length says so), not cut off.
        (
            file(b"{\"w\": ", b""),
            "safetensors.header",
            "its header is not the JSON safetensors writes: invalid JSON at line 1, column 6: it ends before its lists, objects and strings are closed",
        ),
        (file(b"{ \xff}", b""), "safetensors.headerText", "not a valid safetensors file: its header is not UTF-8 text"),
        (
            file(b"{\"w\": }", b""),
            "safetensors.header",
            "not a valid safetensors file: its header is not the JSON safetensors writes: invalid JSON at line 1, column 7: expected a value",
        ),
        (
            file(br#"{"w":{"dtype":"F33","shape":[1],"data_offsets":[0,4]}}"#, &[0; 4]),
            "safetensors.header",
            "its header is not the JSON safetensors writes: must be one of",
        ),
        (
            file(br#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#, &[0; 12]),
            "safetensors.offset",
            "not a valid safetensors file: the bytes of tensor \"b\" are not where its header says",
        ),
        (
            file(br#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, &[0; 4]),
            "safetensors.tensorSize",
            "not a valid safetensors file: a tensor's bytes do not match its shape and data type",
        ),
    ];
    for (bytes, code, said) in cases {
        let err = t.import_weights(&bytes, None).unwrap_err();
        assert_eq!(err.code(), "safetensors.invalid", "{err}");
        let Some(Param::Message(reason)) = err.param("detail") else { panic!("{err:?}") };
        assert_eq!(reason.code(), code, "{err}");
        assert!(err.to_string().contains(said), "{err}");
    }
}

#[test]
fn weights_of_another_network_say_which_network_they_are_of() {
    // An LSTM of 16 units in 2 layers, imported into the tutorial's RNN (and the other way).
    let lstm = Trainer::new(Config { cell: CellKind::Lstm, hidden: 16, layers: 2, ..Config::default() }).unwrap();
    let mut rnn = trainer(CellKind::Rnn, 1);
    let err = rnn.import_weights(lstm.export_weights().unwrap().as_bytes(), None).unwrap_err().to_string();
    assert!(
        err.ends_with("these are the weights of a network with cell \"lstm\", hidden size 16 and layers 2: set those settings, then import the file again"),
        "{err}"
    );
    let mut back = Trainer::new(Config { cell: CellKind::Gru, hidden: 16, layers: 2, ..Config::default() }).unwrap();
    let err = back.import_weights(rnn.export_weights().unwrap().as_bytes(), None).unwrap_err().to_string();
    assert!(
        err.ends_with(
            "network with cell \"rnn\", hidden size 8 and layers 1: set those settings, then import the file again"
        ),
        "{err}"
    );
    // Another model's names (PyTorch's nn.LSTM as `lstm`, its head as `fc`): no network here
    // takes them as they are, so none is named.
    let renamed: serde_json::Map<String, Value> =
        serde_json::from_str::<serde_json::Map<String, Value>>(&lstm.export_weights().unwrap())
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k.replace("rnn.", "lstm.").replace("out.", "fc."), v))
            .collect();
    let err = rnn.import_weights(Value::Object(renamed).to_string().as_bytes(), None).unwrap_err().to_string();
    assert!(!err.contains("these are the weights of"), "{err}");
    // Nor a network the settings do not allow (5 layers).
    let mut five =
        exported(&Trainer::new(Config { cell: CellKind::Gru, hidden: 8, layers: 4, ..Config::default() }).unwrap());
    let more: Vec<(String, Value)> = five
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.ends_with("_l3"))
        .map(|(k, v)| (k.replace("_l3", "_l4"), v.clone()))
        .collect();
    five.as_object_mut().unwrap().extend(more);
    let err = rnn.import_weights(five.to_string().as_bytes(), None).unwrap_err().to_string();
    assert!(err.contains("rnn.weight_hh_l4") && !err.contains("these are the weights of"), "{err}");
}

//! serde_json's errors become messages of the table (src/serde_errors.rs), which every language
//! writes: each wording serde_json gives today for a syntax error, and serde's for the values of
//! the wrong shape a checkpoint's or a safetensors header's types can meet (listed here), is read
//! into its own message, not kept as English text (`detail`). A crate's new wording for one of
//! these fails here; a wording not listed stays English.

use rnn_playground::error::{Error, Param};
use rnn_playground::messages as m;
use rnn_playground::serde_errors;
use serde::Deserialize;
use serde_json::Value;

/// The error serde_json gives for the JSON text `text`, as a message.
fn syntax_error(text: &str) -> Error {
    serde_errors::json(text.as_bytes(), &serde_json::from_str::<Value>(text).unwrap_err())
}

/// The detail of a `json.syntax` or `json.invalid` error: the message serde's words became.
fn detail(e: &Error) -> &Error {
    match e.param("detail") {
        Some(Param::Message(inner)) => inner,
        other => panic!("{e}: its detail is {other:?}, not a message"),
    }
}

#[test]
fn each_syntax_error_is_a_message_of_its_own_at_its_line_and_column() {
    let deep = "[".repeat(200) + &"]".repeat(200);
    let cases = [
        ("{\"a\" 1}", m::JSON_EXPECTED_COLON),
        ("[1 2]", m::JSON_EXPECTED_COMMA_OR_BRACKET),
        ("{\"a\": 1 \"b\": 2}", m::JSON_EXPECTED_COMMA_OR_BRACE),
        ("[?]", m::JSON_EXPECTED_VALUE),
        ("[trux]", m::JSON_EXPECTED_VALUE),
        ("{1: 2}", m::JSON_KEY_STRING),
        ("[1,]", m::JSON_TRAILING_COMMA),
        ("{\"a\": 1,}", m::JSON_TRAILING_COMMA),
        ("[1] x", m::JSON_TRAILING_CHARACTERS),
        ("[\"\\q\"]", m::JSON_ESCAPE),
        ("[\"\\ud800\"]", m::JSON_UNICODE_ESCAPE),
        ("[\"\\u12\"]", m::JSON_ESCAPE),
        ("[\"\\udc00\"]", m::JSON_UNICODE_ESCAPE),
        ("[1.]", m::JSON_NUMBER),
        ("[1e999]", m::JSON_NUMBER_RANGE),
        ("[\"a\tb\"]", m::JSON_CONTROL_CHARACTER),
        (deep.as_str(), m::JSON_DEPTH),
    ];
    for (text, message) in cases {
        let e = syntax_error(text);
        assert_eq!(e.message, m::JSON_SYNTAX, "{text:?}: {e}");
        assert_eq!(detail(&e).message, message, "{text:?}: {e}");
        assert!(e.param("line").is_some() && e.param("column").is_some(), "{text:?}: {e}");
    }
    assert_eq!(
        syntax_error("[1 2]").to_string(),
        "invalid JSON at line 1, column 4: expected a comma (,) or the list's closing ]"
    );
    // A text that ends before its JSON does is said to be cut off, not a syntax error.
    assert_eq!(syntax_error("[1, 2").message, m::JSON_CUT);
}

/// A checkpoint-like shape: each field a kind of value serde names in its own words.
#[allow(dead_code)]
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Shape {
    count: u64,
    offset: i32,
    lr: f64,
    name: String,
    on: bool,
    values: Vec<f32>,
    inner: Inner,
    cell: Cell,
    mode: Mode,
    only: One,
    seed: u32,
    shift: i32,
    pair: (u64, u64),
}

#[allow(dead_code)]
#[derive(Deserialize, Debug)]
struct Inner {
    a: u32,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "lowercase")]
enum Cell {
    Rnn,
    Lstm,
    Gru,
}

#[allow(dead_code)]
#[derive(Deserialize, Debug)]
#[serde(rename_all = "lowercase")]
enum Mode {
    Adam { lr: f64 },
    Sgd { lr: f64 },
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "lowercase")]
enum One {
    Only,
}

/// serde's error for a `Shape` read from the good one with `field` set to `value` (None: left out).
fn data_error(field: &str, value: Option<Value>) -> Error {
    let mut shape = serde_json::json!({
        "count": 1, "offset": -1, "lr": 0.5, "name": "x", "on": true, "values": [1.0], "inner": {"a": 1},
        "cell": "rnn", "mode": {"adam": {"lr": 0.1}}, "only": "only", "seed": 1, "shift": 0, "pair": [0, 4],
    });
    match value {
        Some(v) => shape[field] = v,
        None => {
            shape.as_object_mut().unwrap().remove(field);
        }
    }
    let e = serde_json::from_value::<Shape>(shape).unwrap_err();
    serde_errors::data(&e.to_string())
}

#[test]
fn each_wrong_value_is_said_in_the_message_tables_words() {
    use serde_json::json;
    let cases = [
        ("count", Some(json!(-1)), "must be a whole number (0 or more), got -1"),
        ("count", Some(json!(1.5)), "must be a whole number (0 or more), got 1.5"),
        ("offset", Some(json!("3")), "must be an integer from -2147483648 to 2147483647, got \"3\""),
        ("lr", Some(json!(null)), "must be a number, got null"),
        ("lr", Some(json!("fast")), "must be a number, got \"fast\""),
        ("lr", Some(json!("a\"b\n")), "must be a number, got \"a\\\"b\\n\""),
        ("name", Some(json!(1)), "must be a string, got 1"),
        ("on", Some(json!(1)), "must be a boolean, got 1"),
        ("on", Some(json!([true])), "must be a boolean, got an array"),
        ("values", Some(json!({"a": 1})), "must be an array, got an object"),
        ("inner", Some(json!(false)), "must be an object, got false"),
        ("cell", Some(json!("lstmm")), "must be one of \"rnn\", \"lstm\", \"gru\", got \"lstmm\""),
        ("mode", Some(json!({"adamw": {}})), "must be one of \"adam\", \"sgd\", got \"adamw\""),
        ("mode", Some(json!(1)), "must be a string or an object, got 1"),
        ("only", Some(json!("other")), "must be one of \"only\", got \"other\""),
        ("inner", Some(json!({})), "the field \"a\" is missing"),
        ("count", None, "the field \"count\" is missing"),
        ("extra", Some(json!(1)), "unknown field \"extra\"; the fields here are \"count\", \"offset\", \"lr\", \"name\", \"on\", \"values\", \"inner\", \"cell\", \"mode\", \"only\", \"seed\", \"shift\", \"pair\""),
        // A name the reader wrote may hold serde's own words: the list is found from the end.
        ("cell", Some(json!("a, expected b")), "must be one of \"rnn\", \"lstm\", \"gru\", got \"a, expected b\""),
        // An integer out of its type's range is said with the range (it is a whole number).
        ("seed", Some(json!(5_000_000_000u64)), "must be an integer from 0 to 4294967295, got 5000000000"),
        ("shift", Some(json!(-3_000_000_000i64)), "must be an integer from -2147483648 to 2147483647, got -3000000000"),
        // An enum of fields given as a name, or as an object of no key or of two.
        ("mode", Some(json!("adam")), "must be an object, got a string"),
        ("mode", Some(json!({})), "must be an object with a single key, got an object"),
        // A pair (a tuple) of another length.
        ("pair", Some(json!([0])), "must be an array of length 2, got an array of length 1"),
    ];
    for (field, value, said) in cases {
        let e = data_error(field, value);
        assert_ne!(e.message, m::DETAIL, "{field}: {e}");
        if let Some(Param::Message(inner)) = e.param("expected") {
            assert_ne!(inner.message, m::DETAIL, "{field}: {e}: expected is serde's text");
        }
        assert_eq!(e.to_string(), said, "{field}");
    }
    // A wording serde does not use is kept whole.
    let other = serde_errors::data("something new");
    assert_eq!((other.message, other.to_string()), (m::DETAIL, "something new".to_string()));
}

#[test]
fn a_value_of_the_wrong_shape_in_json_text_is_said_with_its_line_and_column() {
    let text = "[1, \"x\"]";
    let e = serde_errors::json(text.as_bytes(), &serde_json::from_str::<Vec<u32>>(text).unwrap_err());
    assert_eq!(e.message, m::JSON_DATA);
    assert_eq!(e.to_string(), "must be an integer from 0 to 4294967295, got \"x\" (at line 1, column 7)");
}

#[test]
fn json_that_is_part_of_a_file_and_ends_early_is_a_syntax_error_not_a_file_cut_off() {
    let e = serde_json::from_str::<Value>("{\"w\": ").unwrap_err();
    assert_eq!(serde_errors::json(b"{\"w\": ", &e).message, m::JSON_CUT);
    let part = serde_errors::json_part(&e);
    assert_eq!(part.message, m::JSON_SYNTAX);
    assert_eq!(detail(&part).message, m::JSON_UNCLOSED);
}

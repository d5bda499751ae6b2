//! serde's and serde_json's errors as messages of the table, so that a reader of another language
//! reads them in it. serde_json gives its errors only as English text (its error codes are
//! private), in wordings that serde and serde_json each fix in one place: serde's
//! `de::Error::invalid_type` and its other provided methods for a value of the wrong shape, and
//! serde_json's `ErrorCode` for its syntax errors. Those wordings are read back here. A text in
//! none of them (a crate's new wording) is kept as it is (`Error::detail`): English, but whole.
//! Python's NaN and Infinity, which serde_json refuses as a syntax error, are named as such.
//! tests/serde_errors.rs makes each wording read here into its message, so that a crate's new
//! wording for one of them fails there instead of falling back unseen.

use crate::error::{Error, Param};
use crate::messages as m;
use serde_json::error::Category;

/// serde_json's error `e` for the whole of a file's JSON text `text` as a message: Python's NaN
/// or Infinity where `e` met one (`json.nonFinite`), the text ending before its JSON does
/// (`json.cut`, "it looks cut off"), a syntax error at its line and column (`json.syntax`), or a
/// value of the wrong shape for the type read (`data`), at its line and column where the text
/// has them (`json.data`).
pub fn json(text: &[u8], e: &serde_json::Error) -> Error {
    if let Some(error) = non_finite(text, e) {
        return error;
    }
    if e.is_eof() {
        return at(m::JSON_CUT, e.line(), e.column());
    }
    json_part(e)
}

/// As `json`, for JSON that is a part of a file (a safetensors header, whose length the file
/// gives): its text ending early is a syntax error there, not a file cut off.
pub fn json_part(e: &serde_json::Error) -> Error {
    let text = e.to_string();
    let detail = text.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&text);
    let at = |message| at(message, e.line(), e.column());
    match e.classify() {
        Category::Eof => at(m::JSON_SYNTAX).nested("detail", Error::new(m::JSON_UNCLOSED)),
        Category::Syntax if e.line() > 0 => at(m::JSON_SYNTAX).nested("detail", syntax(detail)),
        Category::Data if e.line() > 0 => at(m::JSON_DATA).nested("detail", data(detail)),
        Category::Data => data(detail),
        _ => Error::new(m::JSON_INVALID).text("detail", text),
    }
}

/// `message` at a line and column of JSON text, as text (no language groups their digits).
fn at(message: m::Message, line: usize, column: usize) -> Error {
    Error::new(message).text("line", line.to_string()).text("column", column.to_string())
}

/// The error of JSON text `text` that serde_json refused with `e` where that is one of Python's
/// NaN, Infinity and -Infinity (json.dump writes them; JSON has no such numbers), else None.
fn non_finite(text: &[u8], e: &serde_json::Error) -> Option<Error> {
    // serde_json's line and column (1-based, the column in bytes) point at the token or up to two
    // bytes into it (past -I of -Infinity); the message gives the token's own column.
    let line_start: usize = text.split(|&b| b == b'\n').take(e.line().checked_sub(1)?).map(|l| l.len() + 1).sum();
    let at_byte = line_start + e.column().checked_sub(1)?;
    let (start, token) = (at_byte.saturating_sub(2).max(line_start)..=at_byte).find_map(|i| {
        let rest = text.get(i..)?;
        ["-Infinity", "Infinity", "NaN"].into_iter().find(|t| rest.starts_with(t.as_bytes())).map(|t| (i, t))
    })?;
    Some(at(m::JSON_NON_FINITE, e.line(), start - line_start + 1).text("token", token))
}

/// One of serde_json's syntax errors, its text without " at line … column …" (serde_json's
/// `ErrorCode` as it displays).
fn syntax(text: &str) -> Error {
    let message = match text {
        "expected `:`" => m::JSON_EXPECTED_COLON,
        "expected `,` or `]`" => m::JSON_EXPECTED_COMMA_OR_BRACKET,
        "expected `,` or `}`" => m::JSON_EXPECTED_COMMA_OR_BRACE,
        // "expected ident": a word that is not true, false or null.
        "expected value" | "expected ident" => m::JSON_EXPECTED_VALUE,
        "key must be a string" => m::JSON_KEY_STRING,
        "trailing comma" => m::JSON_TRAILING_COMMA,
        "trailing characters" => m::JSON_TRAILING_CHARACTERS,
        "invalid escape" => m::JSON_ESCAPE,
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => m::JSON_UNICODE_ESCAPE,
        "invalid number" => m::JSON_NUMBER,
        "number out of range" => m::JSON_NUMBER_RANGE,
        "control character (\\u0000-\\u001F) found while parsing a string" => m::JSON_CONTROL_CHARACTER,
        "recursion limit exceeded" => m::JSON_DEPTH,
        _ => return Error::detail(text),
    };
    Error::new(message)
}

/// A value of the wrong shape for the type read from it, as serde words it
/// (`serde::de::Error`'s provided methods): "invalid type: string \"x\", expected f64" becomes
/// "must be a number, got \"x\"" (`serde.mustBe`), "missing field `lr`" "the field \"lr\" is
/// missing", and so on; any other text is kept (`Error::detail`). A name serde quotes is the
/// reader's text: the list after it is found from the end ("unknown variant `a, expected b`,
/// expected `x` or `y`").
pub fn data(text: &str) -> Error {
    let wrong = text.strip_prefix("invalid type: ").or_else(|| text.strip_prefix("invalid value: "));
    if let Some((got, expected)) = wrong.and_then(|rest| rest.rsplit_once(", expected ")) {
        return must_be(expected_kind(expected), got_value(got));
    }
    if let Some((length, expected)) =
        text.strip_prefix("invalid length ").and_then(|rest| rest.split_once(", expected "))
    {
        if let Ok(n) = length.parse::<usize>() {
            return must_be(expected_kind(expected), Error::new(m::AN_ARRAY_OF).count("length", n));
        }
    }
    let named = |prefix: &str| {
        let (name, names) = text.strip_prefix(prefix)?.rsplit_once(", expected ")?;
        Some((ticked(name)?, ticked_list(names)?))
    };
    if let Some((name, names)) = named("unknown variant ") {
        return must_be(Error::new(m::ACCEPTS_CHOICE).quoted_list("choices", names), quoted(name));
    }
    if let Some((name, names)) = named("unknown field ") {
        return Error::new(m::SERDE_UNKNOWN_FIELD).quoted("name", name).quoted_list("fields", names);
    }
    if let Some(name) = text.strip_prefix("missing field ").and_then(ticked) {
        return Error::new(m::SERDE_MISSING_FIELD).quoted("name", name);
    }
    Error::detail(text)
}

/// A JSON value found where another belongs, as a message shows it: a string in the language's
/// quotes, a number, true, false or null as written, a list or an object by its kind (not all of
/// its values).
pub fn found(v: &serde_json::Value) -> Error {
    use serde_json::Value;
    match v {
        Value::String(s) => quoted(s),
        Value::Array(_) => Error::new(m::AN_ARRAY),
        Value::Object(_) => Error::new(m::AN_OBJECT),
        _ => Error::detail(v.to_string()),
    }
}

/// "must be {expected}, got {got}".
fn must_be(expected: Error, got: Error) -> Error {
    Error::new(m::SERDE_MUST_BE).nested("expected", expected).nested("got", got)
}

/// The name between serde's backticks: "`lr`" → "lr".
fn ticked(text: &str) -> Option<&str> {
    text.strip_prefix('`')?.strip_suffix('`')
}

/// serde's list of names (its `OneOf`): "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn ticked_list(text: &str) -> Option<Vec<&str>> {
    let list = text.strip_prefix("one of ").unwrap_or(text);
    let names: Option<Vec<&str>> = list.split(", ").flat_map(|part| part.split(" or ")).map(ticked).collect();
    names.filter(|n| !n.is_empty())
}

/// A value as given, in the language's quotes.
fn quoted(text: &str) -> Error {
    Error::new(m::DETAIL).quoted("detail", text)
}

/// What serde says was expected (a `de::Expected`: a Rust type's name, "a sequence", "struct
/// LossHistory") in words a JSON file's reader knows; an integer type by its range.
fn expected_kind(text: &str) -> Error {
    let range = |min: f64, max: f64| Error::new(m::ACCEPTS_INTEGER).number("min", min).number("max", max);
    let message = match text {
        "f32" | "f64" => m::A_NUMBER,
        "u8" => return range(0.0, u8::MAX.into()),
        "u16" => return range(0.0, u16::MAX.into()),
        "u32" => return range(0.0, u32::MAX.into()),
        "usize" if usize::BITS <= 32 => return range(0.0, u32::MAX.into()),
        "i8" => return range(i8::MIN.into(), i8::MAX.into()),
        "i16" => return range(i16::MIN.into(), i16::MAX.into()),
        "i32" => return range(i32::MIN.into(), i32::MAX.into()),
        "u64" | "u128" | "usize" => m::A_WHOLE_NUMBER,
        "i64" | "i128" | "isize" => m::AN_INTEGER,
        "a boolean" => m::A_BOOLEAN,
        "a string" | "a borrowed string" | "a character" => m::A_STRING,
        "a sequence" => m::AN_ARRAY,
        "a map" | "map" | "struct variant" => m::AN_OBJECT,
        "map with a single key" => m::AN_OBJECT_ONE_KEY,
        "string or map" => m::A_STRING_OR_OBJECT,
        "unit" => return Error::detail("null"),
        _ if text.starts_with("struct ") => m::AN_OBJECT,
        _ => match text.strip_prefix("a tuple of size ").and_then(|n| n.parse::<usize>().ok()) {
            Some(n) => return Error::new(m::AN_ARRAY_OF).count("length", n),
            None => return Error::detail(text),
        },
    };
    Error::new(message)
}

/// The value serde found (a `de::Unexpected` as serde_json displays it): "string \"x\"",
/// "integer `-1`", "floating point `1.5`", "boolean `true`", "null", "sequence", "map".
fn got_value(text: &str) -> Error {
    if let Some(debug) = text.strip_prefix("string \"").and_then(|s| s.strip_suffix('"')) {
        // Already as Rust's {:?} writes it between its quotes, as Param::Quoted holds it.
        return Error { message: m::DETAIL, params: vec![("detail", Param::Quoted(debug.to_string()))] };
    }
    let literal = ["integer ", "floating point ", "boolean "].iter().find_map(|kind| ticked(text.strip_prefix(kind)?));
    match (literal, text) {
        (Some(value), _) => Error::detail(value),
        (None, "null" | "unit value") => Error::detail("null"),
        (None, "sequence") => Error::new(m::AN_ARRAY),
        (None, "map") => Error::new(m::AN_OBJECT),
        // An enum's variant given as its name alone (serde_json reads a string so).
        (None, "unit variant") => Error::new(m::A_STRING),
        _ => Error::detail(text),
    }
}

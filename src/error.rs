//! The engine's one error type: a message a user can act on, as a code of the message table
//! (`messages::MESSAGES`, where each code's English template is declared) and the named values
//! its template takes. Its English text (`Display`) is that template filled in; the wasm layer
//! also hands the code and the values to JavaScript, whose catalogs say the same in other
//! languages.

use crate::messages::{self, Message};
use crate::numbers::compact;
use std::fmt;

/// An error: which message (e.g. `setting.range`, "{name} must be {accepts}, got {got}") and
/// its values, e.g. "hidden must be an integer from 1 to 256, got 0".
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub message: Message,
    pub params: Vec<(&'static str, Param)>,
}

/// A message that reports what was done rather than what went wrong ("loaded the state dict
/// (JSON)"): built and written in English as an `Error` is; JavaScript gets it as a plain
/// object with the same `message`, `code` and `params` (`EngineReport`).
pub type Report = Error;

/// A value a message's template takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// Inserted as it is in every language: a name, a file name, a line of Python, a shape, a
    /// library's own words.
    Text(String),
    /// A value as it was given (a name typed, a key in a file), in the language's quotes:
    /// `"GRU"` in English, “GRU” in Chinese. Held as Rust's `{:?}` writes it between its quotes
    /// (`a\"b`, `\n`), so that what cannot be seen still shows.
    Quoted(String),
    /// A number: written as JavaScript writes it in English (`compact`), in the reader's
    /// locale elsewhere.
    Number(f64),
    /// Another message, in the same language.
    Message(Box<Error>),
    /// Messages on lines of their own, each after a line break and two spaces.
    Lines(Vec<Error>),
    /// Names or values, each kept as it is (`Text`) or quoted (`Quoted`), written as the
    /// language writes a list: "rnn, lstm, gru" in English (JavaScript's `Intl.ListFormat`,
    /// narrow: "rnn、lstm、gru" in Chinese).
    List(Vec<Param>),
}

impl Error {
    /// The message `message` without values yet (see `text`, `number`, `nested`, `lines`).
    pub fn new(message: Message) -> Self {
        Error { message, params: Vec::new() }
    }

    /// A text that is a message of its own, the same in every language: a value as given
    /// (`null`, `"x"`), a library's own words.
    pub fn detail(text: impl Into<String>) -> Self {
        Error::new(messages::DETAIL).text("detail", text)
    }

    /// The message's code, as the JS catalogs key it: `checkpoint.newer`.
    pub fn code(&self) -> &'static str {
        self.message.code
    }

    fn with(mut self, name: &'static str, value: Param) -> Self {
        self.params.push((name, value));
        self
    }

    /// Sets `{name}` to a text inserted as it is.
    pub fn text(self, name: &'static str, value: impl Into<String>) -> Self {
        self.with(name, Param::Text(value.into()))
    }

    /// Sets `{name}` to a value as given, quoted by the language (`Param::Quoted`): `"GRU"`.
    pub fn quoted(self, name: &'static str, value: &str) -> Self {
        self.with(name, Param::quoted(value))
    }

    /// Sets `{name}` to a number.
    pub fn number(self, name: &'static str, value: impl Into<f64>) -> Self {
        self.with(name, Param::Number(value.into()))
    }

    /// Sets `{name}` to a count (of bytes, steps, values), a number.
    pub fn count(self, name: &'static str, value: usize) -> Self {
        self.with(name, Param::Number(value as f64))
    }

    /// Sets `{name}` to another message.
    pub fn nested(self, name: &'static str, value: Error) -> Self {
        self.with(name, Param::Message(Box::new(value)))
    }

    /// Sets `{name}` to messages on lines of their own.
    pub fn lines(self, name: &'static str, value: Vec<Error>) -> Self {
        self.with(name, Param::Lines(value))
    }

    /// Sets `{name}` to a list of texts kept as they are (names, choices).
    pub fn list<S: Into<String>>(self, name: &'static str, items: impl IntoIterator<Item = S>) -> Self {
        self.with(name, Param::List(items.into_iter().map(|s| Param::Text(s.into())).collect()))
    }

    /// Sets `{name}` to a list of values as given, each quoted by the language (keys in a file).
    pub fn quoted_list<'a>(self, name: &'static str, items: impl IntoIterator<Item = &'a str>) -> Self {
        self.with(name, Param::List(items.into_iter().map(Param::quoted).collect()))
    }

    /// This error inside the message `outer`, as its `{reason}`: "checkpoint {reason}".
    pub fn within(self, outer: Message) -> Error {
        Error::new(outer).nested("reason", self)
    }

    /// The value of `{name}`, if set.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl Param {
    /// `value` as `Param::Quoted`: Rust's `{:?}` of it without its quotes.
    fn quoted(value: &str) -> Param {
        let debug = format!("{value:?}");
        Param::Quoted(debug[1..debug.len() - 1].to_string())
    }

    fn english(&self) -> String {
        match self {
            Param::Text(s) => s.clone(),
            Param::Quoted(s) => format!("\"{s}\""),
            Param::Number(x) => compact(*x),
            Param::Message(e) => e.to_string(),
            Param::Lines(list) => list.iter().map(|e| format!("\n  {e}")).collect(),
            Param::List(items) => items.iter().map(Param::english).collect::<Vec<_>>().join(", "),
        }
    }
}

impl fmt::Display for Error {
    /// The English text: the template with every `{name}` replaced by its value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&messages::fill(self.message.english, |name| self.param(name).map(Param::english)))
    }
}

impl std::error::Error for Error {}

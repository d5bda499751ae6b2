//! The settings of a run, declared once. Everything else that names a setting reads this
//! table: `Config`'s defaults and validation, the JavaScript conversion (`wasm/config.rs`)
//! and `settingsSchema()` (from which the page builds its form, URL keys and element
//! attributes), the `train` command line's parser and usage text, the record of live
//! changes, and the TypeScript declarations (checked against it by a test).
//!
//! To add a setting: a row here, a field in `Config` (the row's `field`) and its line in the
//! placeholder literal of `Config::default` below, the code that
//! uses it. Its row gives it a JS/URL name, an attribute, a flag, validation and a form field.

use crate::error::Error;
use crate::messages;
use crate::numbers::compact;
pub use crate::training::choice::Choice;
use crate::training::config::{CellKind, Config, Nonlinearity, OptimizerKind};
use crate::training::tasks::Task;

/// What values a setting takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// One of these names; `ts` is its TypeScript union's name.
    Choice { choices: &'static [Choice], ts: &'static str },
    /// An integer from `min` to `max`, both included.
    Integer { min: u64, max: u64 },
    /// A finite number from `min` to `max`; `open_min`/`open_max` leave that end out.
    /// `max` may be infinite (no upper bound).
    Real { min: f64, max: f64, open_min: bool, open_max: bool },
    /// True or false; `on` and `off` are how a form shows them.
    Boolean { on: &'static str, off: &'static str },
}

/// A setting's value, of its kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Choice(&'static str),
    Integer(u64),
    Real(f64),
    Boolean(bool),
}

impl Value {
    /// The number of an `Integer` or `Real` value (NaN for the others).
    pub fn number(self) -> f64 {
        match self {
            Value::Integer(n) => n as f64,
            Value::Real(x) => x,
            Value::Choice(_) | Value::Boolean(_) => f64::NAN,
        }
    }
}

/// When a change to a setting takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// It defines the network or its data: changing it builds a new trainer (step 0).
    Structural,
    /// The running trainer takes it from the next step on, as a PyTorch loop changes
    /// `optimizer.param_groups[0][name]` between steps. Live settings are `Kind::Real`.
    Live,
    /// The page's own (speed, stop rules): no trainer reads it, it is not in `Config`.
    Page,
}

/// Which runs a setting changes anything in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    All,
    Cell(CellKind),
    Optimizer(OptimizerKind),
}

/// One row of the table.
pub struct Setting {
    /// The name in JavaScript (`TrainerConfig`), URL queries and `settingsSchema()`: `timeStep`.
    pub name: &'static str,
    /// The `Config` field, and the name in checkpoints, records and PyTorch scripts: `time_step`.
    pub field: &'static str,
    /// The `<rnn-playground>` attribute: `time-step` (`hidden-size`, since `hidden` is a global
    /// HTML attribute).
    pub attribute: &'static str,
    /// The `train` command line's flag; for a boolean, the flag (without a value) that sets
    /// the opposite of its default. `None` for the page's own settings.
    pub flag: Option<&'static str>,
    pub kind: Kind,
    /// The tutorial's value.
    pub default: Value,
    pub scope: Scope,
    pub applies_to: AppliesTo,
    /// The word for what 0 means ("off", "never", "max"), where it turns something off or
    /// lifts a cap: read as 0 in any value given as text, in every language (`is_zero_word`:
    /// `--clip-norm off`, `?speed=max`, `stop-after="never"`, `{clipNorm: 'off'}`), and named
    /// first where a refusal says what the setting accepts. Reword one and the links and
    /// markup that use it break. The page shows it in the reader's language (the catalogs'
    /// `settings.<name>.zero`).
    pub zero: Option<&'static str>,
    /// The form's label.
    pub label: &'static str,
    /// One line for the command line's usage text, tooltips and the declarations. Another
    /// setting in it is written `{name}` (its JS name), and each reader of the line names it as
    /// its own readers know it (`help_naming`): the form by its label, in the reader's
    /// language; the declarations as `name` (the attributes' as `attribute`).
    pub help: &'static str,
    /// Reads and writes the `Config` field (`None` for `Scope::Page`).
    access: Option<Access>,
}

/// How a setting's `Config` field is read and written.
type Access = (fn(&Config) -> Value, fn(&mut Config, Value));

/// The type of a `Config` field, as a setting's value.
trait FieldValue: Sized {
    fn to_value(&self) -> Value;
    /// `None` for a value of another kind, or out of the type's range.
    fn from_value(value: Value) -> Option<Self>;
}

impl FieldValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
    fn from_value(value: Value) -> Option<Self> {
        if let Value::Real(x) = value {
            Some(x)
        } else {
            None
        }
    }
}

impl FieldValue for bool {
    fn to_value(&self) -> Value {
        Value::Boolean(*self)
    }
    fn from_value(value: Value) -> Option<Self> {
        if let Value::Boolean(b) = value {
            Some(b)
        } else {
            None
        }
    }
}

/// `FieldValue` of integer types (`Value::Integer`) and of named choices (`Value::Choice`).
macro_rules! field_values {
    (integers: $($int:ty),+; choices: $($choice:ty),+) => {
        $(impl FieldValue for $int {
            fn to_value(&self) -> Value {
                Value::Integer(*self as u64)
            }
            fn from_value(value: Value) -> Option<Self> {
                if let Value::Integer(n) = value { n.try_into().ok() } else { None }
            }
        })+
        $(impl FieldValue for $choice {
            fn to_value(&self) -> Value {
                Value::Choice(self.name())
            }
            fn from_value(value: Value) -> Option<Self> {
                if let Value::Choice(name) = value { <$choice>::from_name(name).ok() } else { None }
            }
        })+
    };
}

field_values!(integers: usize, u32; choices: CellKind, Nonlinearity, OptimizerKind, Task);

/// `(get, set)` of the `Config` field `field`.
macro_rules! access {
    ($field:ident) => {
        Some((
            |c: &Config| c.$field.to_value(),
            |c: &mut Config, v: Value| {
                if let Some(x) = FieldValue::from_value(v) {
                    c.$field = x;
                }
            },
        ))
    };
}

const BELOW_ONE: Kind = Kind::Real { min: 0.0, max: 1.0, open_min: false, open_max: true };

/// Every setting, in the order a form shows them.
pub static SETTINGS: &[Setting] = &[
    Setting {
        name: "task",
        field: "task",
        attribute: "task",
        flag: Some("--task"),
        kind: Kind::Choice { choices: Task::CHOICES, ts: "TaskName" },
        default: Value::Choice("sin-cos"),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Task",
        help: "the data task",
        access: access!(task),
    },
    Setting {
        name: "cell",
        field: "cell",
        attribute: "cell",
        flag: Some("--cell"),
        kind: Kind::Choice { choices: CellKind::CHOICES, ts: "CellName" },
        default: Value::Choice("rnn"),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Cell",
        help: "the recurrent cell",
        access: access!(cell),
    },
    Setting {
        name: "nonlinearity",
        field: "nonlinearity",
        attribute: "nonlinearity",
        flag: Some("--nonlinearity"),
        kind: Kind::Choice { choices: Nonlinearity::CHOICES, ts: "NonlinearityName" },
        default: Value::Choice("tanh"),
        scope: Scope::Structural,
        applies_to: AppliesTo::Cell(CellKind::Rnn),
        zero: None,
        label: "Nonlinearity",
        help: "the RNN's activation (LSTM and GRU ignore it)",
        access: access!(nonlinearity),
    },
    Setting {
        name: "hidden",
        field: "hidden",
        attribute: "hidden-size",
        flag: Some("--hidden"),
        kind: Kind::Integer { min: 1, max: 256 },
        default: Value::Integer(32),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Hidden size",
        help: "hidden units per layer",
        access: access!(hidden),
    },
    Setting {
        name: "layers",
        field: "layers",
        attribute: "layers",
        flag: Some("--layers"),
        kind: Kind::Integer { min: 1, max: 4 },
        default: Value::Integer(1),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Layers",
        help: "stacked recurrent layers",
        access: access!(layers),
    },
    Setting {
        name: "timeStep",
        field: "time_step",
        attribute: "time-step",
        flag: Some("--time-step"),
        kind: Kind::Integer { min: 2, max: 200 },
        default: Value::Integer(10),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Time steps",
        help: "points per window",
        access: access!(time_step),
    },
    Setting {
        name: "optimizer",
        field: "optimizer",
        attribute: "optimizer",
        flag: Some("--optimizer"),
        kind: Kind::Choice { choices: OptimizerKind::CHOICES, ts: "OptimizerName" },
        default: Value::Choice("adam"),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Optimizer",
        help: "the optimizer",
        access: access!(optimizer),
    },
    Setting {
        name: "lr",
        field: "lr",
        attribute: "lr",
        flag: Some("--lr"),
        kind: Kind::Real { min: 0.0, max: 10.0, open_min: true, open_max: false },
        default: Value::Real(0.02),
        scope: Scope::Live,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Learning rate",
        help: "the learning rate",
        access: access!(lr),
    },
    Setting {
        name: "momentum",
        field: "momentum",
        attribute: "momentum",
        flag: Some("--momentum"),
        kind: BELOW_ONE,
        default: Value::Real(0.0),
        scope: Scope::Live,
        applies_to: AppliesTo::Optimizer(OptimizerKind::Sgd),
        zero: None,
        label: "Momentum (SGD)",
        help: "SGD's momentum",
        access: access!(momentum),
    },
    Setting {
        name: "beta1",
        field: "beta1",
        attribute: "beta1",
        flag: Some("--beta1"),
        kind: BELOW_ONE,
        default: Value::Real(0.9),
        scope: Scope::Live,
        applies_to: AppliesTo::Optimizer(OptimizerKind::Adam),
        zero: None,
        label: "β1 (Adam)",
        help: "Adam's β1, the first moment's decay",
        access: access!(beta1),
    },
    Setting {
        name: "beta2",
        field: "beta2",
        attribute: "beta2",
        flag: Some("--beta2"),
        kind: BELOW_ONE,
        default: Value::Real(0.999),
        scope: Scope::Live,
        applies_to: AppliesTo::Optimizer(OptimizerKind::Adam),
        zero: None,
        label: "β2 (Adam)",
        help: "Adam's β2, the second moment's decay",
        access: access!(beta2),
    },
    Setting {
        name: "eps",
        field: "eps",
        attribute: "eps",
        flag: Some("--eps"),
        kind: Kind::Real { min: 0.0, max: 1.0, open_min: true, open_max: false },
        default: Value::Real(1e-8),
        scope: Scope::Live,
        applies_to: AppliesTo::Optimizer(OptimizerKind::Adam),
        zero: None,
        label: "ε (Adam)",
        help: "Adam's ε, added to the denominator",
        access: access!(eps),
    },
    Setting {
        name: "weightDecay",
        field: "weight_decay",
        attribute: "weight-decay",
        flag: Some("--weight-decay"),
        kind: Kind::Real { min: 0.0, max: 1.0, open_min: false, open_max: false },
        default: Value::Real(0.0),
        scope: Scope::Live,
        applies_to: AppliesTo::All,
        zero: Some("off"),
        label: "Weight decay (L2)",
        help: "L2 penalty λ added to the gradient, g + λθ, as PyTorch's weight_decay (not AdamW)",
        access: access!(weight_decay),
    },
    Setting {
        name: "clipNorm",
        field: "clip_norm",
        attribute: "clip-norm",
        flag: Some("--clip-norm"),
        kind: Kind::Real { min: 0.0, max: f64::INFINITY, open_min: false, open_max: true },
        default: Value::Real(0.0),
        scope: Scope::Live,
        applies_to: AppliesTo::All,
        zero: Some("off"),
        label: "Clip grad norm",
        help: "largest global gradient norm (clip_grad_norm_'s max_norm)",
        access: access!(clip_norm),
    },
    Setting {
        name: "seed",
        field: "seed",
        attribute: "seed",
        flag: Some("--seed"),
        kind: Kind::Integer { min: 0, max: u32::MAX as u64 },
        default: Value::Integer(1),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Seed",
        help: "torch.manual_seed(seed)",
        access: access!(seed),
    },
    Setting {
        name: "carryState",
        field: "carry_state",
        attribute: "carry-state",
        flag: Some("--no-carry"),
        kind: Kind::Boolean { on: "carried", off: "h = 0" },
        default: Value::Boolean(true),
        scope: Scope::Structural,
        applies_to: AppliesTo::All,
        zero: None,
        label: "State between windows",
        help: "carry the hidden state (and an LSTM's cell state) from one window into the next, its gradient \
               cut there, as the tutorial does; off, every window starts from zero",
        access: access!(carry_state),
    },
    Setting {
        name: "speed",
        field: "speed",
        attribute: "speed",
        flag: None,
        kind: Kind::Integer { min: 0, max: 1000 },
        default: Value::Integer(1),
        scope: Scope::Page,
        applies_to: AppliesTo::All,
        zero: Some("max"),
        label: "Speed",
        help: "training steps per animation frame (max: as many as fit in the frame's time)",
        access: None,
    },
    Setting {
        name: "stopAfter",
        field: "stop_after",
        attribute: "stop-after",
        flag: None,
        kind: Kind::Integer { min: 0, max: 1_000_000_000 },
        default: Value::Integer(0),
        scope: Scope::Page,
        applies_to: AppliesTo::All,
        zero: Some("never"),
        label: "Stop after (windows)",
        help: "training pauses after this many windows (the tutorial's loop ends)",
        access: None,
    },
    Setting {
        name: "stopBelow",
        field: "stop_below",
        attribute: "stop-below",
        flag: None,
        kind: Kind::Real { min: 0.0, max: 1e6, open_min: false, open_max: false },
        default: Value::Real(0.0),
        scope: Scope::Page,
        applies_to: AppliesTo::All,
        zero: Some("never"),
        label: "Stop below loss",
        help: "training pauses once the loss stays below this for as many windows in a row as {stopPatience} says",
        access: None,
    },
    Setting {
        name: "stopPatience",
        field: "stop_patience",
        attribute: "stop-patience",
        flag: None,
        kind: Kind::Integer { min: 1, max: 1_000_000 },
        default: Value::Integer(1),
        scope: Scope::Page,
        applies_to: AppliesTo::All,
        zero: None,
        label: "Stop patience (windows)",
        help: "how many windows in a row the loss must stay under {stopBelow}",
        access: None,
    },
];

/// The setting named `name` (its JS name), if any.
pub fn by_name(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}

/// The message for a key `key` where only the settings `allowed` are taken: one that needs
/// a new trainer says so ("\"cell\" cannot change during a run …"); others are unknown.
pub fn not_allowed(key: &str, allowed: &[&Setting]) -> Error {
    let names = allowed.iter().map(|s| s.name);
    let message = match by_name(key) {
        Some(s) if s.scope != Scope::Page => messages::SETTING_NOT_LIVE,
        _ => messages::SETTING_UNKNOWN,
    };
    Error::new(message).quoted("key", key).list("names", names)
}

/// The settings a `Config` holds (all but the page's own).
pub fn config_settings() -> impl Iterator<Item = &'static Setting> {
    SETTINGS.iter().filter(|s| s.scope != Scope::Page)
}

/// The settings a running trainer takes (`Scope::Live`).
pub fn live_settings() -> impl Iterator<Item = &'static Setting> {
    SETTINGS.iter().filter(|s| s.scope == Scope::Live)
}

impl Setting {
    /// Its `help`, each other setting it names (`{name}`) written by `name_of` ("… under
    /// `stopBelow`" for the declarations).
    pub fn help_naming(&self, name_of: impl Fn(&Setting) -> String) -> String {
        let mut out = String::new();
        let mut rest = self.help;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c);
            let other = close.and_then(|close| by_name(&rest[open + 1..close]));
            match (close, other) {
                (Some(close), Some(other)) => {
                    out.push_str(&rest[..open]);
                    out.push_str(&name_of(other));
                    rest = &rest[close + 1..];
                }
                _ => {
                    out.push_str(&rest[..=open]);
                    rest = &rest[open + 1..];
                }
            }
        }
        out + rest
    }

    /// Its value in `config` (`None` for a page setting).
    pub fn get(&self, config: &Config) -> Option<Value> {
        self.access.map(|(get, _)| get(config))
    }

    /// Sets its field of `config` to `value` (which `check` accepted); a page setting, or a
    /// value of another kind, changes nothing.
    pub fn set(&self, config: &mut Config, value: Value) {
        if let Some((_, set)) = self.access {
            set(config, value);
        }
    }

    /// Whether it changes anything in a run of `config`.
    pub fn applies(&self, config: &Config) -> bool {
        match self.applies_to {
            AppliesTo::All => true,
            AppliesTo::Cell(cell) => config.cell == cell,
            AppliesTo::Optimizer(optimizer) => config.optimizer == optimizer,
        }
    }

    /// `value` if it is one this setting accepts; else the message, with the setting called
    /// `called` ("timeStep must be an integer from 2 to 200, got 500").
    pub fn check(&self, value: Value, called: &str) -> Result<Value, Error> {
        let ok = match (self.kind, value) {
            (Kind::Choice { choices, .. }, Value::Choice(name)) => choices.iter().any(|c| c.name == name),
            (Kind::Integer { min, max }, Value::Integer(n)) => (min..=max).contains(&n),
            (Kind::Real { min, max, open_min, open_max }, Value::Real(x)) => {
                x.is_finite() && (x > min || (!open_min && x == min)) && (x < max || (!open_max && x == max))
            }
            (Kind::Boolean { .. }, Value::Boolean(_)) => true,
            _ => false,
        };
        if ok {
            return Ok(value);
        }
        let refused = self.refused(called);
        Err(match value {
            Value::Choice(name) => refused.quoted("got", name),
            Value::Boolean(b) => refused.text("got", b.to_string()),
            Value::Integer(_) | Value::Real(_) => refused.number("got", value.number()),
        })
    }

    /// "{called} must be {accepts}, got {got}", without `got` yet.
    pub fn refused(&self, called: &str) -> Error {
        Error::new(messages::SETTING_INVALID).text("name", called).nested("accepts", self.accepts_message())
    }

    /// A number given for this setting (a JS number, a parsed flag), as its value: an
    /// `Integer` setting takes only whole numbers in its range. Errors as `check`.
    pub fn number(&self, x: f64, called: &str) -> Result<Value, Error> {
        let value = match self.kind {
            Kind::Integer { .. } if x.fract() == 0.0 && x >= 0.0 && x <= u64::MAX as f64 => Value::Integer(x as u64),
            _ => Value::Real(x),
        };
        self.check(value, called)
    }

    /// Whether `text` is this setting's word for 0 (`zero`), around spaces and in any case:
    /// "off", " Max ".
    pub fn is_zero_word(&self, text: &str) -> bool {
        self.zero.is_some_and(|word| word.eq_ignore_ascii_case(text.trim()))
    }

    /// A text given for this setting (a flag's value, a URL query): a choice's name, a
    /// number, for a boolean true/false, or the setting's word for 0 (`zero`: "off"). Errors
    /// say what it must be.
    pub fn parse(&self, text: &str, called: &str) -> Result<Value, Error> {
        if self.is_zero_word(text) {
            return self.number(0.0, called);
        }
        let t = text.trim();
        match self.kind {
            Kind::Choice { choices, .. } => match choices.iter().find(|c| c.name == t) {
                Some(c) => Ok(Value::Choice(c.name)),
                None => Err(self.refused(called).quoted("got", t)),
            },
            Kind::Boolean { .. } => match t {
                "true" => Ok(Value::Boolean(true)),
                "false" => Ok(Value::Boolean(false)),
                _ => Err(self.refused(called).quoted("got", t)),
            },
            // An integer is written as one ("16", not "16.0" or "1.6e1"); a number as any float.
            Kind::Integer { .. } => match t.parse::<u64>() {
                Ok(n) => self.check(Value::Integer(n), called),
                _ => Err(self.refused(called).quoted("got", t)),
            },
            Kind::Real { .. } => match t.parse::<f64>() {
                Ok(x) => self.number(x, called),
                _ => Err(self.refused(called).quoted("got", t)),
            },
        }
    }

    /// What it accepts, as a message says it: "an integer from 1 to 256", "one of rnn, lstm,
    /// gru", "from 0 to below 1", "off (0) or a positive number".
    pub fn accepts(&self) -> String {
        self.accepts_message().to_string()
    }

    /// What 0 means, where `accepts` names it: "off (0) or a positive number", "max (0) or an
    /// integer from 1 to 1000" (a 0 that ends the range).
    fn zero_in_accepts(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Integer { min: 0, .. } => self.zero,
            Kind::Real { min, max, .. } if min == 0.0 && max.is_infinite() => self.zero,
            _ => None,
        }
    }

    /// `accepts` as a message.
    pub fn accepts_message(&self) -> Error {
        match (self.kind, self.zero_in_accepts()) {
            (Kind::Choice { choices, .. }, _) => Choice::accepts(choices),
            (Kind::Integer { max, .. }, Some(zero)) => Error::new(messages::ACCEPTS_WORD_OR_INTEGER)
                .text("word", zero)
                .number("min", 1.0)
                .number("max", max as f64),
            (Kind::Integer { min, max }, None) => {
                Error::new(messages::ACCEPTS_INTEGER).number("min", min as f64).number("max", max as f64)
            }
            (Kind::Boolean { .. }, _) => Error::new(messages::ACCEPTS_BOOLEAN),
            (Kind::Real { .. }, Some(zero)) => {
                Error::new(messages::ACCEPTS_WORD_OR_POSITIVE).text("word", zero)
            }
            (Kind::Real { min, max, open_min, open_max }, None) => {
                let message = if max.is_infinite() {
                    messages::ACCEPTS_AT_LEAST
                } else {
                    match (open_min, open_max) {
                        (true, true) => messages::ACCEPTS_ABOVE_BELOW,
                        (true, false) => messages::ACCEPTS_ABOVE_AT_MOST,
                        (false, true) => messages::ACCEPTS_FROM_BELOW,
                        (false, false) => messages::ACCEPTS_FROM_TO,
                    }
                };
                Error::new(message).number("min", min).number("max", max)
            }
        }
    }

    /// Its default as a JavaScript or TypeScript literal: `'rnn'`, `32`, `1e-8`, `true`.
    pub fn default_literal(&self) -> String {
        match self.default {
            Value::Choice(name) => format!("'{name}'"),
            Value::Boolean(b) => b.to_string(),
            Value::Integer(_) | Value::Real(_) => compact(self.default.number()),
        }
    }
}

/// The table as JSON, one object per setting in the table's order: what `settingsSchema()`
/// returns and `www/settings-schema.js` holds (`SettingSchema` in `src/wasm/types.d.ts`).
pub fn schema() -> serde_json::Value {
    use serde_json::json;
    let value = |v: Value| match v {
        Value::Choice(name) => json!(name),
        Value::Integer(n) => json!(n),
        Value::Real(x) => json!(x),
        Value::Boolean(b) => json!(b),
    };
    let rows = SETTINGS.iter().map(|s| {
        let choice = |value: serde_json::Value, label: &str, description: &str| {
            json!({ "value": value, "label": label, "description": description })
        };
        let (kind, choices, min, max, open_min, open_max) = match s.kind {
            Kind::Choice { choices, .. } => {
                let list = choices.iter().map(|c| choice(json!(c.name), c.label, c.description)).collect();
                ("choice", list, None, None, false, false)
            }
            Kind::Integer { min, max } => ("integer", vec![], Some(min as f64), Some(max as f64), false, false),
            Kind::Real { min, max, open_min, open_max } => {
                ("number", vec![], Some(min), Some(max).filter(|m| m.is_finite()), open_min, open_max)
            }
            Kind::Boolean { on, off } => {
                ("boolean", vec![choice(json!(true), on, ""), choice(json!(false), off, "")], None, None, false, false)
            }
        };
        let scope = match s.scope {
            Scope::Structural => "structural",
            Scope::Live => "live",
            Scope::Page => "page",
        };
        let (cell, optimizer) = match s.applies_to {
            AppliesTo::All => (None, None),
            AppliesTo::Cell(c) => (Some(c.name()), None),
            AppliesTo::Optimizer(o) => (None, Some(o.name())),
        };
        json!({
            "name": s.name, "attribute": s.attribute, "flag": s.flag, "kind": kind, "choices": choices,
            "min": min, "max": max, "minExclusive": open_min, "maxExclusive": open_max,
            "default": value(s.default), "scope": scope, "cell": cell, "optimizer": optimizer,
            "zero": s.zero, "label": s.label, "help": s.help, "accepts": s.accepts(),
            "acceptsMessage": message_json(&s.accepts_message()),
        })
    });
    serde_json::Value::Array(rows.collect())
}

/// A message as JavaScript gets it (`EngineMessage` without its English `message`): its code and
/// the values its template takes, nested messages as such.
fn message_json(m: &Error) -> serde_json::Value {
    let params: serde_json::Map<String, serde_json::Value> =
        m.params.iter().map(|(name, p)| (name.to_string(), param_json(p))).collect();
    serde_json::json!({ "code": m.code(), "params": params })
}

/// One value of a template as JSON, shaped as the wasm API gives it (`wasm::errors`).
fn param_json(p: &crate::error::Param) -> serde_json::Value {
    use crate::error::Param;
    match p {
        Param::Text(t) => serde_json::json!(t),
        Param::Quoted(t) => serde_json::json!({ "quoted": t }),
        Param::Number(x) => serde_json::json!(x),
        Param::Message(inner) => message_json(inner),
        Param::Lines(lines) => lines.iter().map(message_json).collect(),
        Param::List(items) => items.iter().map(param_json).collect(),
    }
}

/// `www/settings-schema.js`, the page's synchronous copy of `schema()` (the element needs its
/// attribute names before the wasm has loaded); a test checks that the file holds this text.
pub fn schema_module() -> String {
    let rows: Vec<String> = schema().as_array().into_iter().flatten().map(|row| format!("  {row},")).collect();
    format!(
        "// Written from the settings table (src/training/settings.rs, `settings::schema_module()`), which a test\n\
         // checks this file against: edit the table, then paste the text the test prints.\n\
         /** @type {{import('./pkg/rnn_playground.js').SettingSchema[]}} */\n\
         export const SETTINGS = [\n{}\n];\n",
        rows.join("\n")
    )
}

/// The TypeScript declarations the table implies: the choice unions, `TrainerConfig` (what the
/// engine takes: a number or the setting's word for 0, `clipNorm: 'off'`), `HyperParameters`,
/// and `ResolvedTrainerConfig` (what `config()` gives: every field, numbers) in
/// `src/wasm/types.d.ts`; then the element's `RnnPlaygroundConfig` (what its `config` gives)
/// and `RnnPlaygroundConfigInit` (what it takes), with the page's own settings, in
/// `www/rnn-playground.d.ts`. A test checks that those files hold exactly these texts.
pub fn typescript() -> (String, String) {
    use std::fmt::Write;
    // A field's type where it is given: the setting's word for 0 too (`number | 'off'`).
    let given = |s: &Setting, base: &str| s.zero.map_or(base.to_string(), |word| format!("{base} | '{word}'"));
    let mut engine = String::new();
    for s in config_settings() {
        if let Kind::Choice { choices, ts } = s.kind {
            let names: Vec<String> = choices.iter().map(|c| format!("'{}'", c.name)).collect();
            let _ = writeln!(engine, "export type {ts} = {};", names.join(" | "));
        }
    }
    engine.push_str(
        "/**\n * A training configuration; every field is optional and defaults to the tutorial's value. A\n \
         * setting with a word for 0 takes the word or the number (clipNorm: 'off' or 0).\n */\n\
         export interface TrainerConfig {\n",
    );
    for s in config_settings() {
        let ts = match s.kind {
            Kind::Choice { ts, .. } => ts,
            Kind::Integer { .. } | Kind::Real { .. } => "number",
            Kind::Boolean { .. } => "boolean",
        };
        let _ = writeln!(engine, "  /** {} */\n  {}?: {};", doc(s), s.name, given(s, ts));
    }
    engine.push_str("}\n/** The settings a running trainer can change (setHyperParameters). */\n");
    let live: Vec<String> = live_settings().map(|s| format!("'{}'", s.name)).collect();
    let _ = writeln!(engine, "export type HyperParameters = Pick<TrainerConfig, {}>;", live.join(" | "));
    // What a resolved field never holds: the words, undefined ("'off' | undefined").
    let mut never: Vec<String> = config_settings().filter_map(|s| s.zero).map(|w| format!("'{w}'")).collect();
    never.sort();
    never.dedup();
    never.push("undefined".into());
    let _ = writeln!(
        engine,
        "/** A configuration with every field given, as config() and defaultConfig() give it: a word for 0 is given as 0. */\n\
         export type ResolvedTrainerConfig = {{ [K in keyof TrainerConfig]-?: Exclude<TrainerConfig[K], {}> }};",
        never.join(" | ")
    );

    let page_settings = || SETTINGS.iter().filter(|s| s.scope == Scope::Page);
    let mut page = String::from(
        "/** The element's settings as its `config` gives them: the trainer's configuration and the page's own, a word for 0 given as 0. */\n\
         export interface RnnPlaygroundConfig extends ResolvedTrainerConfig {\n",
    );
    for s in page_settings() {
        let _ = writeln!(page, "  /** {} */\n  {}: number;", doc(s), s.name);
    }
    page.push_str(
        "}\n/** What the element's `config` takes: any of its settings, a number or the setting's word for 0 (speed: 'max'). */\n\
         export interface RnnPlaygroundConfigInit extends TrainerConfig {\n",
    );
    for s in page_settings() {
        let _ = writeln!(page, "  /** {} */\n  {}?: {};", doc(s), s.name, given(s, "number"));
    }
    page.push_str("}\n");
    (engine, page)
}

/// A setting's documentation line: "Hidden units per layer, an integer from 1 to 256. Default 32."
fn doc(s: &Setting) -> String {
    let mut help = s.help_naming(|other| format!("`{}`", other.name));
    // Capitalised, unless it starts with code ("torch.manual_seed(seed)").
    if !help.split(' ').next().unwrap_or("").contains('.') {
        help[..1].make_ascii_uppercase();
    }
    // Where its `accepts` does not say it already ("off (0) or a positive number").
    let zero = s.zero.filter(|_| s.zero_in_accepts().is_none());
    let zero = zero.map(|z| format!("; 0: {z}")).unwrap_or_default();
    format!("{help}: {}{zero}. Default {}.", s.accepts(), s.default_literal())
}

/// The `train` command's options for the settings, one line each, as its usage text shows
/// them: `  --hidden N   hidden units per layer, an integer from 1 to 256 [32]`.
pub fn usage() -> String {
    let flag_of = |other: &Setting| other.flag.unwrap_or(other.name).to_string();
    let mut out = String::new();
    for s in SETTINGS {
        let Some(flag) = s.flag else { continue };
        let (form, tail) = match s.kind {
            Kind::Choice { choices, .. } => {
                let names: Vec<&str> = choices.iter().map(|c| c.name).collect();
                (format!("{flag} {}", names.join("|")), format!(" [{}]", choice_name(s.default)))
            }
            Kind::Integer { .. } => (format!("{flag} N"), format!(", {} [{}]", s.accepts(), s.default_literal())),
            Kind::Real { .. } => (format!("{flag} F"), format!(", {} [{}]", s.accepts(), s.default_literal())),
            Kind::Boolean { .. } => (flag.to_string(), String::new()),
        };
        let help = match s.kind {
            Kind::Boolean { .. } => format!("turns this off (on by default): {}", s.help_naming(flag_of)),
            _ => s.help_naming(flag_of),
        };
        out.push_str(&wrap(&format!("  {form:<29}"), &format!("{help}{tail}"), 31, 96));
    }
    out
}

fn choice_name(value: Value) -> &'static str {
    match value {
        Value::Choice(name) => name,
        _ => "",
    }
}

/// `lead` then `text` wrapped at `width` columns, continuation lines indented by `indent`.
fn wrap(lead: &str, text: &str, indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line = if lead.chars().count() > indent {
        format!("{}\n{}", lead.trim_end(), " ".repeat(indent))
    } else {
        lead.to_string()
    };
    let mut line_len = line.rsplit('\n').next().map_or(0, |l| l.chars().count());
    let mut first = true;
    for word in text.split(' ') {
        if !first && line_len + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
            line_len = indent;
        } else if !first {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += word.chars().count();
        first = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

impl Default for Config {
    /// The tutorial's configuration: every setting's default.
    fn default() -> Self {
        let mut c = Config {
            task: Task::SinCos,
            cell: CellKind::Rnn,
            nonlinearity: Nonlinearity::Tanh,
            hidden: 0,
            layers: 0,
            time_step: 0,
            optimizer: OptimizerKind::Adam,
            lr: 0.0,
            momentum: 0.0,
            beta1: 0.0,
            beta2: 0.0,
            eps: 0.0,
            weight_decay: 0.0,
            clip_norm: 0.0,
            seed: 0,
            carry_state: false,
        };
        for s in SETTINGS {
            s.set(&mut c, s.default);
        }
        c
    }
}

impl Config {
    /// Checks every field; the error names the field, its range and the value.
    pub fn validate(&self) -> Result<(), Error> {
        self.validate_named(|s| s.field.to_string())
    }

    /// As `validate`, with each setting called `name(setting)` in the message: its JS name
    /// (`timeStep`) in JavaScript, its flag (`--time-step`) on the command line.
    pub fn validate_named(&self, name: impl Fn(&Setting) -> String) -> Result<(), Error> {
        for s in config_settings() {
            if let Some(value) = s.get(self) {
                s.check(value, &name(s))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_config_setting_names_a_serialized_config_field_and_the_defaults_round_trip() {
        let json = serde_json::to_value(Config { weight_decay: 0.5, ..Config::default() }).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        let fields: Vec<&str> = config_settings().map(|s| s.field).collect();
        let mut sorted = (keys.clone(), fields.clone());
        sorted.0.sort();
        sorted.1.sort();
        assert_eq!(sorted.0, sorted.1, "Config's serialized fields and the table's");
        let c = Config::default();
        for s in config_settings() {
            assert_eq!(s.get(&c), Some(s.default), "{}", s.name);
            assert!(s.check(s.default, s.name).is_ok(), "{}'s default is out of its range", s.name);
            // set(get(x)) changes nothing, and set writes the field get reads
            let mut d = Config::default();
            let other = match s.kind {
                Kind::Choice { choices, .. } => Value::Choice(choices.last().unwrap().name),
                Kind::Integer { max, .. } => Value::Integer(max),
                Kind::Real { min, open_min, .. } => Value::Real(if open_min { min + 0.5 } else { min }),
                Kind::Boolean { .. } => Value::Boolean(false),
            };
            s.set(&mut d, other);
            assert_eq!(s.get(&d), Some(other), "{}", s.name);
        }
    }

    #[test]
    fn names_attributes_and_flags_are_unique_and_live_settings_are_real() {
        for (i, a) in SETTINGS.iter().enumerate() {
            for b in &SETTINGS[i + 1..] {
                assert!(a.name != b.name && a.field != b.field && a.attribute != b.attribute, "{}", a.name);
                assert!(a.flag.is_none() || a.flag != b.flag, "{}", a.name);
            }
            assert_ne!(a.attribute, "hidden", "hidden is a global HTML attribute");
            assert_eq!(a.access.is_none(), a.scope == Scope::Page, "{}", a.name);
        }
        assert!(live_settings().all(|s| matches!(s.kind, Kind::Real { .. })));
    }

    #[test]
    fn a_help_names_another_setting_by_its_name_for_each_reader_to_write_as_it_knows_it() {
        for s in SETTINGS {
            let bare = s.help_naming(|_| String::new());
            assert!(!bare.contains('{'), "{}'s help names a setting the table does not have: {}", s.name, s.help);
            for other in SETTINGS.iter().filter(|o| o.name != s.name) {
                // A label written out is a second copy of it (its word before any brackets).
                let label = other.label.split(" (").next().unwrap();
                assert!(!bare.contains(label), "{}'s help writes out {}'s label: {}", s.name, other.name, s.help);
            }
        }
        let patience = by_name("stopPatience").unwrap();
        assert_eq!(
            patience.help_naming(|o| o.label.into()),
            "how many windows in a row the loss must stay under Stop below loss"
        );
        assert_eq!(
            patience.help_naming(|o| format!("`{}`", o.attribute)),
            "how many windows in a row the loss must stay under `stop-below`"
        );
    }

    #[test]
    fn messages_name_the_setting_its_range_and_the_value() {
        let lr = by_name("lr").unwrap();
        assert_eq!(lr.number(0.0, "lr").unwrap_err().to_string(), "lr must be greater than 0 and at most 10, got 0");
        let hidden = by_name("hidden").unwrap();
        assert_eq!(
            hidden.number(2.5, "hidden").unwrap_err().to_string(),
            "hidden must be an integer from 1 to 256, got 2.5"
        );
        assert_eq!(hidden.parse("16", "--hidden"), Ok(Value::Integer(16)));
        assert_eq!(
            hidden.parse("x", "--hidden").unwrap_err().to_string(),
            "--hidden must be an integer from 1 to 256, got \"x\""
        );
        assert_eq!(
            hidden.parse("16.0", "--hidden").unwrap_err().to_string(),
            "--hidden must be an integer from 1 to 256, got \"16.0\""
        );
        let clip = by_name("clipNorm").unwrap();
        assert_eq!(
            clip.number(-1.0, "clipNorm").unwrap_err().to_string(),
            "clipNorm must be off (0) or a positive number, got -1"
        );
        // The word for 0, in any text a setting is given as.
        assert_eq!(clip.parse("off", "--clip-norm"), Ok(Value::Real(0.0)));
        assert_eq!(by_name("speed").unwrap().parse(" max ", "speed"), Ok(Value::Integer(0)));
        assert_eq!(by_name("stopBelow").unwrap().parse("never", "stopBelow"), Ok(Value::Real(0.0)));
        assert!(clip.parse("max", "--clip-norm").is_err(), "another setting's word");
        assert_eq!(clip.parse("Off", "--clip-norm"), Ok(Value::Real(0.0)), "in any case, as attributes and URLs read it");
        let wd = by_name("weightDecay").unwrap();
        assert_eq!(wd.number(1.5, "weightDecay").unwrap_err().to_string(), "weightDecay must be from 0 to 1, got 1.5");
        assert_eq!(wd.number(1.0, "weightDecay"), Ok(Value::Real(1.0)));
        let cell = by_name("cell").unwrap();
        assert_eq!(
            cell.parse("GRU", "--cell").unwrap_err().to_string(),
            "--cell must be one of rnn, lstm, gru, got \"GRU\""
        );
    }

    #[test]
    fn the_usage_text_lists_every_flag_with_its_range_and_default() {
        let text = usage();
        for s in SETTINGS.iter().filter(|s| s.flag.is_some()) {
            assert!(text.contains(s.flag.unwrap()), "{}", s.name);
        }
        assert!(text.contains("--weight-decay F"), "{text}");
        assert!(text.contains("[32]"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 96), "{text}");
    }
}

//! Changes to a running trainer's live settings (`settings::Scope::Live`: the optimizer's
//! hyper-parameters and clipping), as a PyTorch loop changes `optimizer.param_groups[0]['lr']`
//! between steps: which setting, and the record of each change.

use crate::error::Error;
use crate::settings::{self, Scope, Setting};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A live setting, by its row of `settings::SETTINGS`; written as its JS name (`"clipNorm"`).
#[derive(Clone, Copy)]
pub struct HyperParameter(&'static Setting);

impl HyperParameter {
    /// The live setting called `name` (its JS name: `lr`, `weightDecay`, `clipNorm`, …).
    /// Errors for a setting that needs a new trainer, or an unknown name.
    pub fn named(name: &str) -> Result<HyperParameter, Error> {
        match settings::by_name(name) {
            Some(s) if s.scope == Scope::Live => Ok(HyperParameter(s)),
            Some(_) => Err(Error(format!(
                "{name:?} cannot change during a run (it needs a new Trainer); the settings here are {}",
                live_names()
            ))),
            None => Err(Error(format!("unknown setting {name:?}; the settings here are {}", live_names()))),
        }
    }

    /// Every live setting, in the table's order.
    pub fn all() -> impl Iterator<Item = HyperParameter> {
        settings::live_settings().map(HyperParameter)
    }

    pub fn setting(self) -> &'static Setting {
        self.0
    }

    /// Its JS name.
    pub fn name(self) -> &'static str {
        self.0.name
    }
}

/// "lr, momentum, beta1, …": the live settings' names.
pub fn live_names() -> String {
    settings::live_settings().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

impl PartialEq for HyperParameter {
    fn eq(&self, other: &Self) -> bool {
        self.0.name == other.0.name
    }
}

impl fmt::Debug for HyperParameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HyperParameter({})", self.0.name)
    }
}

impl Serialize for HyperParameter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name)
    }
}

impl<'de> Deserialize<'de> for HyperParameter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        HyperParameter::named(&name).map_err(serde::de::Error::custom)
    }
}

/// A change made during a run: from window `step` on (the window trained `step`-th, counting
/// from 0, is the first to use it), `parameter` is `value`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HyperChange {
    pub step: u64,
    pub parameter: HyperParameter,
    pub value: f64,
}

//! Changes to a running trainer's live settings (`settings::Scope::Live`: the optimizer's
//! hyper-parameters and clipping), as a PyTorch loop changes `optimizer.param_groups[0]['lr']`
//! between steps: which setting, and the record of each change.

use crate::error::Error;
use crate::training::settings::{self, Setting};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A live setting, by its row of `settings::SETTINGS`; written as its JS name (`"clipNorm"`).
#[derive(Clone, Copy)]
pub struct HyperParameter(&'static Setting);

impl HyperParameter {
    /// The live setting called `name` (its JS name: `lr`, `weightDecay`, `clipNorm`, …).
    /// Errors for a setting that needs a new trainer, or an unknown name.
    pub fn named(name: &str) -> Result<HyperParameter, Error> {
        let live: Vec<&Setting> = settings::live_settings().collect();
        match live.iter().find(|s| s.name == name) {
            Some(s) => Ok(HyperParameter(s)),
            None => Err(settings::not_allowed(name, &live)),
        }
    }

    pub fn setting(self) -> &'static Setting {
        self.0
    }

    /// Its JS name.
    pub fn name(self) -> &'static str {
        self.0.name
    }
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

//! Settings whose value is one of a few names (the cell, the optimizer, the task): each
//! choice's name, label and description, and the enum's `name()` and `from_name()`.

/// One of a `settings::Kind::Choice` setting's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The value's name in configurations, URLs, attributes and on the command line.
    pub name: &'static str,
    /// How a form shows it: "RNN (Elman)".
    pub label: &'static str,
    /// One line on what it does; empty where the label says it.
    pub description: &'static str,
}

impl Choice {
    /// "one of rnn, lstm, gru", as a message.
    pub fn accepts(choices: &[Choice]) -> crate::error::Error {
        crate::error::Error::new(crate::messages::ACCEPTS_CHOICE).list("choices", choices.iter().map(|c| c.name))
    }
}

/// `name()`, `from_name()` and `CHOICES` (for `settings::Kind::Choice`) of an enum of named
/// choices: `Variant => "name", "label", "description"`.
macro_rules! names {
    ($ty:ty, $what:literal, $($variant:path => $name:literal, $label:literal, $description:literal),+ $(,)?) => {
        impl $ty {
            /// Every value, in the order `CHOICES` lists them.
            pub const ALL: &'static [Self] = &[$($variant),+];
            /// Its values, as forms and messages show them.
            pub const CHOICES: &'static [$crate::training::choice::Choice] = &[
                $($crate::training::choice::Choice { name: $name, label: $label, description: $description }),+
            ];
            /// Its entry of `CHOICES` (label, description).
            pub fn choice(self) -> &'static $crate::training::choice::Choice {
                let name = self.name();
                Self::CHOICES.iter().find(|c| c.name == name).expect("every value has a choice")
            }
            /// The name used in configurations, URLs and the command line.
            pub fn name(self) -> &'static str {
                match self { $($variant => $name),+ }
            }
            pub fn from_name(name: &str) -> Result<Self, $crate::error::Error> {
                match name {
                    $($name => Ok($variant),)+
                    _ => Err($crate::error::Error::new($crate::messages::SETTING_INVALID)
                        .text("name", $what)
                        .nested("accepts", $crate::training::choice::Choice::accepts(Self::CHOICES))
                        .quoted("got", name)),
                }
            }
        }
    };
}

pub(crate) use names;

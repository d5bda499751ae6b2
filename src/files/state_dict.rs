//! Loading a state dict into the network's flat parameters, as PyTorch's
//! `load_state_dict(strict=True)` does: every name the model has, no other name, every
//! shape as the model's, and every number finite in f32. A failed load lists every
//! missing key, every unexpected key and every shape mismatch in one message; a prefix
//! shared by all keys (`module.` from `nn.DataParallel`, say) is recognised and removed.
//!
//! The file formats only supply `Entry`s: `state_dict_json` (nested lists) and
//! `safetensors_file`; `weights_file` picks the format and the dict.

use crate::engine::alloc;
use crate::engine::params::ParamLayout;
use crate::error::Error;
use crate::messages::{self as m, Message};
use crate::training::config::{CellKind, Config};
use crate::training::settings::{self, Value};

/// Reads one tensor's values, row-major, into a slice of its length; errors name the
/// tensor and the element (`rnn.bias_ih_l0[5] must be a finite number, got null`).
pub type Reader<'a> = Box<dyn Fn(&mut [f32]) -> Result<(), Error> + 'a>;

/// One tensor of a state dict as a file holds it, before it is checked.
pub struct Entry<'a> {
    pub name: String,
    pub shape: Vec<usize>,
    pub read: Reader<'a>,
}

/// The parameters of a successful load, and a note when the keys were renamed.
#[derive(Debug)]
pub struct Loaded {
    pub params: Vec<f32>,
    /// Says which prefix was removed from every key, if one was.
    pub note: Option<Error>,
}

/// Whose state dict a load reads: what its message says when the weights do not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Weights chosen for the network here: the message says which settings they fit (or asks
    /// what model they are from), to set before importing them again (`weights.mismatch`).
    Weights,
    /// A checkpoint's own weights, for the network its own settings describe: the file was edited
    /// or damaged, and no setting here would help (`checkpoint.weights`).
    Checkpoint,
}

/// Checks `entries` against `layout` (of the model `model`, a message naming it) and reads
/// the parameters in `state_dict` order. Nothing else is changed anywhere. A mismatch lists
/// every key and shape that differs, in the message `source` says.
pub fn load(layout: &ParamLayout, mut entries: Vec<Entry<'_>>, model: &Error, source: Source) -> Result<Loaded, Error> {
    let prefix = removable_prefix(layout, &entries);
    if let Some(p) = &prefix {
        for e in &mut entries {
            e.name.drain(..p.len());
        }
    }
    let note = prefix.map(|p| Error::new(m::PREFIX_REMOVED).quoted("prefix", &p));
    let find = |name: &str| entries.iter().find(|e| e.name == name);
    let missing: Vec<&str> = layout.specs.iter().filter(|s| find(&s.name).is_none()).map(|s| s.name.as_str()).collect();
    let unexpected: Vec<&str> =
        entries.iter().filter(|e| layout.spec(&e.name).is_none()).map(|e| e.name.as_str()).collect();
    let mismatched: Vec<Error> = layout
        .specs
        .iter()
        .filter_map(|s| find(&s.name).filter(|e| e.shape != s.shape).map(|e| (s, e)))
        .map(|(s, e)| {
            Error::new(m::LOAD_SIZE)
                .text("name", s.name.as_str())
                .text("shape", format!("{:?}", e.shape))
                .text("needed", format!("{:?}", s.shape))
        })
        .collect();
    if !(missing.is_empty() && unexpected.is_empty() && mismatched.is_empty()) {
        let mut lines = Vec::new();
        if !missing.is_empty() {
            lines.push(Error::new(m::LOAD_MISSING).quoted_list("keys", missing.iter().copied()));
        }
        if !unexpected.is_empty() {
            lines.push(Error::new(m::LOAD_UNEXPECTED).quoted_list("keys", unexpected.iter().copied()));
        }
        let error = match source {
            // The network the file's weights load into as they are, where there is one; else a
            // question about what they may be.
            Source::Weights => Error::new(m::LOAD_MISMATCH).nested(
                "hint",
                match network_of(&entries) {
                    Some(c) => Error::new(m::HINT_NETWORK)
                        .quoted("cell", c.cell.name())
                        .count("hidden", c.hidden)
                        .count("layers", c.layers),
                    None => Error::new(hint(&missing, &unexpected, &mismatched)),
                },
            ),
            Source::Checkpoint => Error::new(m::CHECKPOINT_WEIGHTS),
        };
        lines.extend(mismatched);
        if let Some(note) = note {
            lines.push(Error::new(m::LOAD_NOTE).nested("note", note));
        } else if let Some(p) = common_prefix(&entries) {
            lines.push(Error::new(m::LOAD_COMMON_PREFIX).quoted("prefix", &p));
        }
        return Err(error.nested("model", model.clone()).lines("lines", lines));
    }
    let mut params = alloc::filled(layout.len, 0f32)
        .map_err(|e| Error::new(m::MEMORY_WEIGHTS).nested("size", alloc::size(e.bytes)))?;
    for spec in &layout.specs {
        let entry = find(&spec.name).expect("checked above");
        (entry.read)(&mut params[spec.range()])?;
    }
    Ok(Loaded { params, note })
}

fn hint(missing: &[&str], unexpected: &[&str], mismatched: &[Error]) -> Message {
    if !mismatched.is_empty() && missing.is_empty() && unexpected.is_empty() {
        m::HINT_SIZE
    } else if !unexpected.is_empty() && !missing.is_empty() {
        m::HINT_OTHER_MODEL
    } else if !unexpected.is_empty() {
        m::HINT_MORE_LAYERS
    } else {
        m::HINT_INCOMPLETE
    }
}

/// The network of this program's (one input, a linear head) into which `entries` load as they
/// are, of a cell, hidden size and layers the settings allow: its cell and hidden size read from
/// the shapes of `rnn.weight_hh_l0` (gates × hidden, hidden), its layers from how many there are;
/// None where there is no such network (another model's state dict, a size out of range).
fn network_of(entries: &[Entry<'_>]) -> Option<Config> {
    let hh = |l: usize| entries.iter().find(|e| e.name == format!("rnn.weight_hh_l{l}"));
    let &[rows, hidden] = hh(0)?.shape.as_slice() else { return None };
    let layers = (0..).take_while(|&l| hh(l).is_some()).count();
    let config = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru]
        .into_iter()
        .map(|cell| Config { cell, hidden, layers, ..Config::default() })
        .find(|c| c.gates() * hidden == rows)?;
    let allowed =
        |name: &str, n: usize| settings::by_name(name).is_some_and(|s| s.check(Value::Integer(n as u64), name).is_ok());
    let specs = ParamLayout::new(&config).specs;
    let loads = specs.len() == entries.len()
        && specs.iter().all(|s| entries.iter().any(|e| e.name == s.name && e.shape == s.shape));
    (allowed("hidden", hidden) && allowed("layers", layers) && loads).then_some(config)
}

/// The longest prefix ending in `.` that every key shares.
fn common_prefix(entries: &[Entry<'_>]) -> Option<String> {
    let first = &entries.first()?.name;
    let mut len = first.len();
    for e in &entries[1..] {
        len = len.min(first.bytes().zip(e.name.bytes()).take_while(|(a, b)| a == b).count());
    }
    let cut = first[..len].rfind('.')? + 1;
    Some(first[..cut].to_string())
}

/// A shared prefix whose removal turns keys into the model's names: the shortest of the
/// dotted prefixes of `common_prefix` that does, when no key is a model name as it is.
fn removable_prefix(layout: &ParamLayout, entries: &[Entry<'_>]) -> Option<String> {
    if entries.iter().any(|e| layout.spec(&e.name).is_some()) {
        return None;
    }
    let common = common_prefix(entries)?;
    common
        .match_indices('.')
        .map(|(i, _)| &common[..=i])
        .find(|p| entries.iter().any(|e| layout.spec(&e.name[p.len()..]).is_some()))
        .map(str::to_string)
}

/// `Ok` when every parameter is finite; otherwise the error export gives: "training
/// diverged at step N; reset or import weights" (`what`, a message, names the values).
pub fn check_finite(what: Error, values: &[f32], diverged_at: u64) -> Result<(), Error> {
    if values.iter().all(|v| v.is_finite()) {
        return Ok(());
    }
    Err(Error::new(m::DIVERGED).number("step", diverged_at as f64).nested("what", what))
}

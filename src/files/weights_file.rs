//! The one rule for a weights file, shared by the page, the JS API and `train --init`:
//! its format is judged by its content (JSON, safetensors or NumPy's `.npz`; never by its
//! name), and its state dict is the file itself, or a recorded run's `initial_state_dict` (the
//! fixtures' format). A file Python can convert (PyTorch's pickles and TorchScript, an `.npz`
//! this program cannot read as it is, a zipped JSON file) gets the line of Python that does it
//! (`to_safetensors`); anything else a message saying what the file looks like.

use crate::engine::alloc;
use crate::engine::params::ParamLayout;
use crate::error::{Error, Report};
use crate::files::content::{self, Content};
use crate::files::npz_file::{self, Refusal};
use crate::files::state_dict::{self, Loaded, Source};
use crate::files::zip_archive::ZipKind;
use crate::messages as m;
use crate::serde_errors;
use crate::{files::safetensors_file, files::state_dict_json, files::to_safetensors};
use serde_json::Value;

/// Parameters read from a weights file, and the message saying which dict of it they are:
/// "loaded the state dict (safetensors)", "loaded the recorded run's initial_state_dict (JSON);
/// every key had the prefix "module.", which was removed".
#[derive(Debug)]
pub struct Weights {
    pub params: Vec<f32>,
    pub loaded: Report,
}

/// Reads the weights of a `model` (named in messages) with `layout` from a file's bytes; `name`
/// is the file's name or path as the user gave it (None: not known), for the Python in messages.
pub fn read(layout: &ParamLayout, bytes: &[u8], model: &Error, name: Option<&str>) -> Result<Weights, Error> {
    let content = content::classify(bytes);
    let (loaded, dict, format) = match &content {
        Content::Safetensors => (
            state_dict::load(layout, safetensors_file::entries(bytes)?, model, Source::Weights)?,
            m::THE_STATE_DICT,
            "safetensors",
        ),
        Content::Json => {
            let value = parse_json(bytes, Error::new(m::THE_WEIGHTS))?;
            let (dict, which) = pick_dict(&value)?;
            let loaded = state_dict::load(layout, state_dict_json::entries(dict)?, model, Source::Weights)?;
            (loaded, which, "JSON")
        }
        Content::Zip(ZipKind::Npz) => match npz_file::entries(bytes) {
            Ok(entries) => {
                (state_dict::load(layout, entries, model, Source::Weights)?, m::THE_STATE_DICT, "NumPy .npz")
            }
            Err(Refusal::Invalid(e)) => return Err(e),
            Err(Refusal::Convertible(why)) => {
                return Err(to_safetensors::message(&content, name, Some(why.clone())).unwrap_or(why))
            }
        },
        _ => {
            return Err(to_safetensors::message(&content, name, None)
                .unwrap_or_else(|| Error::new(m::WEIGHTS_UNREADABLE).nested("what", content::describe(bytes))))
        }
    };
    let Loaded { params, note } = loaded;
    let loaded = match note {
        None => Error::new(m::WEIGHTS_LOADED),
        Some(note) => Error::new(m::WEIGHTS_LOADED_NOTE).nested("note", note),
    };
    Ok(Weights { params, loaded: loaded.nested("dict", Error::new(dict)).text("format", format) })
}

/// The state dict of a JSON weights file: a recorded run's `initial_state_dict`, or the
/// object itself. A checkpoint is refused with the way to import it.
fn pick_dict(value: &Value) -> Result<(&Value, m::Message), Error> {
    if let Some(dict) = value.get("initial_state_dict") {
        return Ok((dict, m::THE_INITIAL_STATE_DICT));
    }
    if value.get("format").and_then(Value::as_str) == Some(crate::files::content::CHECKPOINT_FORMAT) {
        return Err(Error::new(m::WEIGHTS_IS_CHECKPOINT));
    }
    Ok((value, m::THE_STATE_DICT))
}

/// Parses JSON text (`what`, a message naming it, is named in messages), first making sure that
/// the memory the parse needs is there: a parsed number takes a few times the bytes of its text.
/// A UTF-8 byte order mark before it (Windows Notepad's, PowerShell's) is skipped; Python's NaN
/// and Infinity, which JSON does not have, are named as the error.
pub fn parse_json(bytes: &[u8], what: Error) -> Result<Value, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    alloc::ensure_available(bytes.len().saturating_mul(4), what)?;
    serde_json::from_slice(bytes).map_err(|e| serde_errors::json(bytes, &e))
}

//! State dicts as JSON under PyTorch's names and shapes — the fixtures'
//! `initial_state_dict` format — so weights move both ways between this engine and
//! PyTorch (`{k: v.tolist() for k, v in model.state_dict().items()}` and back with
//! `model.load_state_dict({k: torch.tensor(v) for k, v in d.items()})`).

use crate::engine::params::ParamLayout;
use crate::error::Error;
use crate::files::state_dict::{self, Entry, Source};
use crate::messages as m;
use crate::serde_errors;
use serde_json::{Map, Value};

/// The parameters as a JSON object of nested lists, in `state_dict` order (non-finite
/// numbers would become `null`: callers check first, see `state_dict::check_finite`).
pub fn to_value(layout: &ParamLayout, params: &[f32]) -> Value {
    let mut map = Map::new();
    for spec in &layout.specs {
        map.insert(spec.name.clone(), nest(&params[spec.range()], &spec.shape));
    }
    Value::Object(map)
}

fn nest(values: &[f32], shape: &[usize]) -> Value {
    match shape {
        [] | [_] => Value::Array(values.iter().map(|&v| Value::from(v as f64)).collect()),
        [_, rest @ ..] => {
            let inner: usize = rest.iter().product();
            Value::Array(values.chunks(inner.max(1)).map(|c| nest(c, rest)).collect())
        }
    }
}

/// The tensors of a JSON state dict (an object of names to nested lists of numbers);
/// their values are read, and checked, only when loaded.
pub fn entries(value: &Value) -> Result<Vec<Entry<'_>>, Error> {
    let map = value.as_object().ok_or_else(|| Error::new(m::JSON_WRONG_SHAPE).nested("kind", kind(value)))?;
    Ok(map
        .iter()
        .map(|(name, v)| {
            let shape = shape_of(v);
            let (name_, shape_) = (name.clone(), shape.clone());
            Entry {
                name: name.clone(),
                shape,
                read: Box::new(move |out: &mut [f32]| {
                    let mut at = 0;
                    flatten(v, &shape_, &name_, &mut String::new(), out, &mut at)
                }),
            }
        })
        .collect())
}

/// "an array", "a number", … for messages.
pub fn kind(v: &Value) -> Error {
    match v {
        Value::Null => Error::detail("null"),
        Value::Bool(_) => Error::new(m::A_BOOLEAN),
        Value::Number(_) => Error::new(m::A_NUMBER),
        Value::String(_) => Error::new(m::A_STRING),
        Value::Array(_) => Error::new(m::AN_ARRAY),
        Value::Object(_) => Error::new(m::AN_OBJECT),
    }
}

/// The shape of a nested list, following first elements ("[]" for a bare number);
/// irregular lists are caught later by `flatten`.
fn shape_of(v: &Value) -> Vec<usize> {
    let mut shape = Vec::new();
    let mut cur = v;
    while let Value::Array(items) = cur {
        shape.push(items.len());
        match items.first() {
            Some(first) => cur = first,
            None => break,
        }
    }
    shape
}

/// Copies the numbers of `v` into `out[*at..]` in row-major order, checking that every
/// nested list has the length `shape` gives at its depth.
fn flatten(
    v: &Value,
    shape: &[usize],
    name: &str,
    path: &mut String,
    out: &mut [f32],
    at: &mut usize,
) -> Result<(), Error> {
    match (shape, v) {
        ([len, rest @ ..], Value::Array(items)) => {
            if items.len() != *len {
                return Err(Error::new(m::TENSOR_ENTRIES)
                    .text("name", format!("{name}{path}"))
                    .count("count", items.len())
                    .count("needed", *len));
            }
            for (j, item) in items.iter().enumerate() {
                let mark = path.len();
                path.push_str(&format!("[{j}]"));
                flatten(item, rest, name, path, out, at)?;
                path.truncate(mark);
            }
            Ok(())
        }
        ([], _) => match v.as_f64().map(|x| x as f32).filter(|x| x.is_finite()) {
            Some(x) => {
                out[*at] = x;
                *at += 1;
                Ok(())
            }
            None => Err(Error::new(m::TENSOR_FINITE)
                .text("name", format!("{name}{path}"))
                .nested("got", serde_errors::found(v))),
        },
        (_, _) => {
            Err(Error::new(m::TENSOR_LIST).text("name", format!("{name}{path}")).nested("got", serde_errors::found(v)))
        }
    }
}

/// Reads a JSON state dict for `layout` (see `state_dict::load`, whose `source` says whose it
/// is); returns the flat parameters in `state_dict` order.
pub fn from_value(layout: &ParamLayout, value: &Value, model: &Error, source: Source) -> Result<Vec<f32>, Error> {
    Ok(state_dict::load(layout, entries(value)?, model, source)?.params)
}

//! State dicts as JSON under PyTorch's names and shapes — the fixtures'
//! `initial_state_dict` format — so weights move both ways between this engine and
//! PyTorch (`{k: v.tolist() for k, v in model.state_dict().items()}` and back with
//! `model.load_state_dict({k: torch.tensor(v) for k, v in d.items()})`).

use crate::error::Error;
use crate::params::ParamLayout;
use serde_json::{Map, Value};

/// The parameters as a JSON object of nested lists, in `state_dict` order.
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

/// Reads a state dict for `layout`: every name present, no other names, every shape
/// as PyTorch's, every number finite in f32. Returns the flat parameters; on any
/// problem a message naming the parameter, and nothing is changed anywhere.
pub fn from_value(layout: &ParamLayout, value: &Value, model: &str) -> Result<Vec<f32>, Error> {
    let map = value
        .as_object()
        .ok_or_else(|| Error::new("a state dict must be a JSON object of parameter names to nested lists"))?;
    if let Some(extra) = map.keys().find(|k| layout.spec(k).is_none()) {
        let names: Vec<&str> = layout.specs.iter().map(|s| s.name.as_str()).collect();
        return Err(Error(format!(
            "unexpected parameter {extra:?}: a {model} has {}; were the weights saved from another cell type or layer count?",
            names.join(", ")
        )));
    }
    let mut params = Vec::with_capacity(layout.len);
    for spec in &layout.specs {
        let v = map
            .get(&spec.name)
            .ok_or_else(|| Error(format!("missing parameter {:?}, which a {model} needs", spec.name)))?;
        let found = shape_of(v);
        if found != spec.shape {
            return Err(Error(format!(
                "{} has shape {:?} but a {model} needs {:?}; were the weights saved from a model of another size?",
                spec.name, found, spec.shape
            )));
        }
        flatten(v, &spec.shape, &spec.name, &mut String::new(), &mut params)?;
    }
    Ok(params)
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

/// Copies the numbers of `v` into `out` in row-major order, checking that every nested
/// list has the length `shape` gives at its depth.
fn flatten(v: &Value, shape: &[usize], name: &str, path: &mut String, out: &mut Vec<f32>) -> Result<(), Error> {
    match (shape, v) {
        ([len, rest @ ..], Value::Array(items)) => {
            if items.len() != *len {
                return Err(Error(format!("{name}{path} has {} entries where its shape needs {len}", items.len())));
            }
            for (j, item) in items.iter().enumerate() {
                let at = path.len();
                path.push_str(&format!("[{j}]"));
                flatten(item, rest, name, path, out)?;
                path.truncate(at);
            }
            Ok(())
        }
        ([], _) => match v.as_f64().map(|x| x as f32).filter(|x| x.is_finite()) {
            Some(x) => {
                out.push(x);
                Ok(())
            }
            None => Err(Error(format!("{name}{path} must be a finite number, got {v}"))),
        },
        (_, _) => Err(Error(format!("{name}{path} must be a list, got {v}"))),
    }
}

/// `to_value` as a JSON string.
pub fn export(layout: &ParamLayout, params: &[f32]) -> String {
    to_value(layout, params).to_string()
}

/// `from_value` from a JSON string.
pub fn import(layout: &ParamLayout, json: &str, model: &str) -> Result<Vec<f32>, Error> {
    let value: Value = serde_json::from_str(json)?;
    from_value(layout, &value, model)
}

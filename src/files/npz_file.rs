//! State dicts as NumPy `.npz` files: what `np.savez('rnn.npz', **{k: v.numpy() for k, v in
//! model.state_dict().items()})` writes, a zip archive of one `.npy` file per tensor, named
//! `<key>.npy`. Each is read exactly as stored (NumPy's format, NEP 1: a magic string, a
//! header that is a Python dict literal, then the values): float32 or float64, little- or
//! big-endian, in C order. A compressed archive (`np.savez_compressed`), Fortran order or
//! another dtype is refused with the Python that converts the file (`to_safetensors`).
//!
//! The header is parsed here rather than by a NumPy crate: the ones there are (npyz,
//! ndarray-npy) parse it with a general Python-literal grammar that would more than double
//! the size this adds to the page's wasm.

use crate::error::Error;
use crate::files::state_dict::Entry;
use crate::files::zip_archive::Archive;
use crate::messages as m;

/// Why an `.npz` cannot be read as it is, when Python can convert it (see `to_safetensors`).
#[derive(Debug)]
pub enum Refusal {
    /// A reason the one line of Python fixes: "its arrays are compressed (np.savez_compressed)".
    Convertible(Error),
    /// A damaged file.
    Invalid(Error),
}

/// The arrays of an `.npz` archive as a state dict's entries; their values are converted, and
/// checked, only when loaded.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry<'static>>, Refusal> {
    let invalid = |reason: Error| Refusal::Invalid(reason.within(m::NPZ_DAMAGED));
    let archive = Archive::open(bytes).map_err(|damage| invalid(damage.message()))?;
    let mut list = Vec::new();
    for name in archive.names() {
        let key = name.strip_suffix(".npy").unwrap_or(name).to_string();
        if !archive.is_stored(name) {
            return Err(Refusal::Convertible(Error::new(m::NPZ_COMPRESSED)));
        }
        let data = archive.stored(name).map_err(invalid)?;
        let array = Npy::parse(data).map_err(|problem| match problem {
            Problem::Convertible(why) => Refusal::Convertible(why.text("key", key.as_str())),
            Problem::Invalid(why) => invalid(Error::new(m::NPZ_ENTRY).text("name", name).nested("reason", why)),
        })?;
        list.push(Entry {
            name: key.clone(),
            shape: array.shape.clone(),
            read: Box::new(move |out| array.read(&key, out)),
        });
    }
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

/// Why an array cannot be read: a message that lacks its array's `{key}` (Convertible), or a
/// damaged array's.
enum Problem {
    Convertible(Error),
    Invalid(Error),
}

/// One `.npy` file: its header's facts and its values' bytes.
struct Npy {
    shape: Vec<usize>,
    /// 4 or 8 (float32 or float64).
    width: usize,
    big_endian: bool,
    data: Vec<u8>,
    /// Where the values start in `data`.
    start: usize,
}

impl Npy {
    fn parse(data: Vec<u8>) -> Result<Npy, Problem> {
        let bad = |message| Problem::Invalid(Error::new(message));
        let rest = data.strip_prefix(b"\x93NUMPY").ok_or_else(|| bad(m::NPY_MAGIC))?;
        let (len, at): (usize, usize) = match rest.first() {
            Some(1) if rest.len() >= 4 => (u16::from_le_bytes([rest[2], rest[3]]) as usize, 10),
            Some(2 | 3) if rest.len() >= 6 => (u32::from_le_bytes([rest[2], rest[3], rest[4], rest[5]]) as usize, 12),
            _ => return Err(bad(m::NPY_VERSION)),
        };
        let header = data.get(at..at.saturating_add(len)).ok_or_else(|| bad(m::NPY_HEADER_SHORT))?;
        let header = std::str::from_utf8(header).map_err(|_| bad(m::NPY_HEADER_TEXT))?;
        let fields = parse_header(header)
            .ok_or_else(|| Problem::Invalid(Error::new(m::NPY_HEADER_UNREADABLE).quoted("header", header)))?;
        let (mut descr, mut fortran, mut shape) = (None, None, None);
        for (key, value) in fields {
            match (key.as_str(), value) {
                ("descr", Literal::Str(s)) => descr = Some(s),
                ("descr", _) => return Err(Problem::Convertible(Error::new(m::NPZ_STRUCTURED))),
                ("fortran_order", Literal::Bool(b)) => fortran = Some(b),
                ("shape", Literal::Tuple(t)) => shape = Some(t),
                _ => {}
            }
        }
        let (Some(descr), Some(fortran), Some(shape)) = (descr, fortran, shape) else {
            return Err(bad(m::NPY_HEADER_FIELDS));
        };
        let (big_endian, width) = match descr.as_str() {
            "<f4" => (false, 4),
            ">f4" => (true, 4),
            "<f8" => (false, 8),
            ">f8" => (true, 8),
            other => return Err(Problem::Convertible(Error::new(m::NPZ_DTYPE).text("dtype", other))),
        };
        if fortran && shape.len() > 1 {
            return Err(Problem::Convertible(Error::new(m::NPZ_FORTRAN)));
        }
        let count = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d)).ok_or_else(|| bad(m::NPY_SHAPE_LARGE))?;
        let start = at + len;
        if count.checked_mul(width) != Some(data.len() - start) {
            return Err(Problem::Invalid(
                Error::new(m::NPY_SIZE)
                    .text("shape", format!("{shape:?}"))
                    .count("count", count)
                    .count("bytes", data.len() - start),
            ));
        }
        Ok(Npy { shape, width, big_endian, data, start })
    }

    /// The values into `out`, row-major, each finite in f32.
    fn read(&self, name: &str, out: &mut [f32]) -> Result<(), Error> {
        let bytes = self.data[self.start..].chunks_exact(self.width);
        for (i, (slot, b)) in out.iter_mut().zip(bytes).enumerate() {
            let v = match (self.width, self.big_endian) {
                (4, false) => f32::from_le_bytes(b.try_into().expect("4 bytes")),
                (4, true) => f32::from_be_bytes(b.try_into().expect("4 bytes")),
                (_, false) => f64::from_le_bytes(b.try_into().expect("8 bytes")) as f32,
                (_, true) => f64::from_be_bytes(b.try_into().expect("8 bytes")) as f32,
            };
            if !v.is_finite() {
                return Err(Error::new(m::ELEMENT_FINITE).text("name", name).count("index", i).number("got", v));
            }
            *slot = v;
        }
        Ok(())
    }
}

/// A value of the header's dict literal.
enum Literal {
    Str(String),
    Bool(bool),
    Tuple(Vec<usize>),
}

/// The header `{'descr': '<f4', 'fortran_order': False, 'shape': (32, 1), }` (then spaces and a
/// newline) as key-value pairs; None unless it is such a dict of strings, booleans and tuples of
/// integers.
fn parse_header(header: &str) -> Option<Vec<(String, Literal)>> {
    let mut s = header.trim().strip_prefix('{')?.trim_start();
    let mut fields = Vec::new();
    loop {
        if let Some(rest) = s.strip_prefix('}') {
            return rest.trim().is_empty().then_some(fields);
        }
        let (key, rest) = string(s)?;
        s = rest.trim_start().strip_prefix(':')?.trim_start();
        let value = if let Some(rest) = s.strip_prefix("True") {
            s = rest;
            Literal::Bool(true)
        } else if let Some(rest) = s.strip_prefix("False") {
            s = rest;
            Literal::Bool(false)
        } else if let Some(rest) = s.strip_prefix('(') {
            let (inside, rest) = rest.split_once(')')?;
            s = rest;
            let dims = inside.split(',').map(str::trim).filter(|d| !d.is_empty());
            Literal::Tuple(dims.map(|d| d.trim_end_matches('L').parse().ok()).collect::<Option<_>>()?)
        } else if s.starts_with('[') {
            // A structured dtype's list of fields: only its presence matters.
            let end = s.find(']')?;
            s = &s[end + 1..];
            Literal::Tuple(Vec::new())
        } else {
            let (text, rest) = string(s)?;
            s = rest;
            Literal::Str(text)
        };
        fields.push((key, value));
        s = s.trim_start();
        s = s.strip_prefix(',').unwrap_or(s).trim_start();
    }
}

/// A quoted string without escapes at the start of `s`, and what follows it.
fn string(s: &str) -> Option<(String, &str)> {
    let quote = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let end = s[1..].find(quote)? + 1;
    Some((s[1..end].to_string(), &s[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_as_numpy_writes_them() {
        let fields = parse_header("{'descr': '<f4', 'fortran_order': False, 'shape': (32, 1), }          \n").unwrap();
        assert!(matches!(&fields[0], (k, Literal::Str(s)) if k == "descr" && s == "<f4"));
        assert!(matches!(&fields[1], (k, Literal::Bool(false)) if k == "fortran_order"));
        assert!(matches!(&fields[2], (k, Literal::Tuple(t)) if k == "shape" && t == &[32, 1]));
        let scalar = parse_header("{\"descr\": \">f8\", \"fortran_order\": True, \"shape\": ()}").unwrap();
        assert!(matches!(&scalar[2], (_, Literal::Tuple(t)) if t.is_empty()));
        let one = parse_header("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }").unwrap();
        assert!(matches!(&one[2], (_, Literal::Tuple(t)) if t == &[5]));
        for broken in ["", "{", "{'descr' '<f4'}", "{'shape': (3, x)}", "{'descr': '<f4'} trailing"] {
            assert!(parse_header(broken).is_none(), "{broken}");
        }
    }
}

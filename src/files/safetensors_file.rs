//! State dicts as safetensors (Hugging Face's format, the `safetensors` crate): what
//! `safetensors.torch.save_file(model.state_dict(), 'rnn.safetensors')` writes and
//! `safetensors.torch.load_file` reads. Tensors are read from F32, F64 or BF16 and written
//! as F32, little-endian, under PyTorch's names and shapes.

use crate::engine::alloc;
use crate::engine::params::ParamLayout;
use crate::error::Error;
use crate::files::state_dict::Entry;
use crate::messages as m;
use crate::serde_errors;
use safetensors::tensor::{Metadata, TensorView};
use safetensors::{Dtype, SafeTensorError, SafeTensors};
use std::collections::HashMap;

/// The tensors of a safetensors file; their values are read, and checked, only when loaded.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry<'_>>, Error> {
    let file = SafeTensors::deserialize(bytes).map_err(|e| refusal(e, bytes))?;
    let mut list: Vec<Entry<'_>> = file
        .iter()
        .map(|(name, view)| {
            let name_ = name.to_string();
            Entry {
                name: name.to_string(),
                shape: view.shape().to_vec(),
                read: Box::new(move |out: &mut [f32]| read(&name_, &view, out)),
            }
        })
        .collect();
    // The file's own order is by dtype and name; messages list keys alphabetically.
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

/// Why the `safetensors` crate refused `bytes`, in the message table's words (the crate's own
/// are English): a file cut short, else what in it is not what safetensors writes.
fn refusal(e: SafeTensorError, bytes: &[u8]) -> Error {
    let reason = match e {
        // Shorter than its header, or than the tensors it lists (not longer: bytes appended): cut off.
        SafeTensorError::InvalidHeaderLength => return cut(bytes, m::SAFETENSORS_CUT_HEADER),
        SafeTensorError::MetadataIncompleteBuffer if shorter_than_its_tensors(bytes) => {
            return cut(bytes, m::SAFETENSORS_CUT)
        }
        SafeTensorError::MetadataIncompleteBuffer => Error::new(m::SAFETENSORS_LONGER),
        SafeTensorError::InvalidHeader(_) => Error::new(m::SAFETENSORS_HEADER_TEXT),
        SafeTensorError::InvalidHeaderDeserialization(e) => {
            Error::new(m::SAFETENSORS_HEADER).nested("reason", serde_errors::json_part(&e))
        }
        SafeTensorError::InvalidOffset(name) => Error::new(m::SAFETENSORS_OFFSET).quoted("name", &name),
        SafeTensorError::TensorInvalidInfo | SafeTensorError::ValidationOverflow | SafeTensorError::MisalignedSlice => {
            Error::new(m::SAFETENSORS_TENSOR_SIZE)
        }
        // (The format's others: a header over 100 MB or under 8 bytes, which content::classify
        // does not send here.)
        other => Error::detail(other.to_string()),
    };
    Error::new(m::SAFETENSORS_INVALID).nested("detail", reason)
}

/// A file cut off within its header (`m::SAFETENSORS_CUT_HEADER`) or its tensors (`SAFETENSORS_CUT`), of its size.
fn cut(bytes: &[u8], within: m::Message) -> Error {
    Error::new(within).nested("size", alloc::size(bytes.len()))
}

/// The length of a safetensors file's JSON header, its first 8 bytes (little-endian); None for
/// a file shorter than those.
pub fn header_length(bytes: &[u8]) -> Option<u64> {
    bytes.get(..8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
}

/// Whether the file ends before the tensors its header lists do (its header read by the crate's
/// `Metadata`, as `SafeTensors::deserialize` reads it).
fn shorter_than_its_tensors(bytes: &[u8]) -> bool {
    let Some(n) = header_length(bytes).map(|n| n as usize) else { return false };
    let Some(header) = bytes.get(8..8usize.saturating_add(n)) else { return true };
    serde_json::from_slice::<Metadata>(header).is_ok_and(|meta| 8 + n + meta.data_len() > bytes.len())
}

fn read(name: &str, view: &TensorView<'_>, out: &mut [f32]) -> Result<(), Error> {
    let data = view.data();
    let values: Box<dyn Iterator<Item = f32>> = match view.dtype() {
        Dtype::F32 => Box::new(data.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))),
        Dtype::F64 => Box::new(data.chunks_exact(8).map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")) as f32)),
        Dtype::BF16 => Box::new(
            data.chunks_exact(2)
                .map(|b| f32::from_bits((u16::from_le_bytes(b.try_into().expect("2 bytes")) as u32) << 16)),
        ),
        other => return Err(Error::new(m::SAFETENSORS_DTYPE).text("name", name).text("dtype", other.to_string())),
    };
    for (i, (slot, v)) in out.iter_mut().zip(values).enumerate() {
        if !v.is_finite() {
            return Err(Error::new(m::ELEMENT_FINITE).text("name", name).count("index", i).number("got", v));
        }
        *slot = v;
    }
    Ok(())
}

/// The parameters as a safetensors file of F32 tensors, with the metadata
/// `{"format": "pt"}` that `safetensors.torch.save_file` writes.
pub fn to_bytes(layout: &ParamLayout, params: &[f32]) -> Result<Vec<u8>, Error> {
    let oom = |e: alloc::OutOfMemory| Error::new(m::MEMORY_EXPORT_WEIGHTS).nested("size", alloc::size(e.bytes));
    let mut raw = alloc::filled(params.len() * 4, 0u8).map_err(oom)?;
    for (chunk, p) in raw.chunks_exact_mut(4).zip(params) {
        chunk.copy_from_slice(&p.to_le_bytes());
    }
    let views = layout
        .specs
        .iter()
        .map(|s| {
            let view = TensorView::new(Dtype::F32, s.shape.clone(), &raw[s.offset * 4..(s.offset + s.len()) * 4])
                .map_err(|e| {
                    Error::new(m::SAFETENSORS_WRITE_TENSOR).text("name", s.name.as_str()).text("detail", e.to_string())
                })?;
            Ok((s.name.clone(), view))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let metadata = HashMap::from([("format".to_string(), "pt".to_string())]);
    safetensors::serialize(views, Some(metadata))
        .map_err(|e| Error::new(m::SAFETENSORS_WRITE).text("detail", e.to_string()))
}

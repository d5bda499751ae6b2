//! What a file's bytes are, judged by their content alone (never by the file's name):
//! the one place that recognises JSON, safetensors, zip archives (and which kind: `zip_archive`)
//! and PyTorch's pickles, and that says in words what any file looks like, for messages.

use crate::error::Error;
use crate::files::pickle::{self, Pickled};
use crate::files::python;
use crate::files::safetensors_file;
use crate::files::zip_archive::{self, ZipKind};
use crate::messages as m;

/// The `format` field that marks an rnn-playground checkpoint (a JSON object).
pub const CHECKPOINT_FORMAT: &str = "rnn-playground checkpoint";

/// The kinds of content an input file can have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Nothing, or only white space.
    Empty,
    /// Text that starts like JSON (`{` or `[` after white space), or a bare JSON value (`null`,
    /// `42`, `"text"`, `true`).
    Json,
    /// The safetensors format: an 8-byte little-endian header length, then a JSON header.
    Safetensors,
    /// A zip archive (`PK\x03\x04`): `torch.save`'s (PyTorch ≥ 1.6), TorchScript's, NumPy's
    /// `.npz`, a zipped JSON file…; which one.
    Zip(ZipKind),
    /// `torch.save`'s legacy pickle (`_use_new_zipfile_serialization=False`): pickle protocol
    /// 2+; what it holds.
    TorchPickle(Pickled),
    /// An HTML page (a saved web page, or an error page from a download).
    Html,
    /// Other UTF-8 text.
    Text,
    /// Anything else.
    Binary,
}

/// Judges `bytes` by their first bytes.
pub fn classify(bytes: &[u8]) -> Content {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let trimmed = text.trim_ascii_start();
    if trimmed.is_empty() {
        return Content::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Content::Zip(zip_archive::kind(bytes));
    }
    if bytes.len() >= 2 && bytes[0] == 0x80 && (2..=5).contains(&bytes[1]) {
        return Content::TorchPickle(pickle::read_legacy(bytes));
    }
    if is_safetensors(bytes) {
        return Content::Safetensors;
    }
    match std::str::from_utf8(text) {
        Ok(_) if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") => Content::Json,
        // A bare value (null, 42, "text", true): JSON too, of a shape its reader refuses.
        Ok(s) if serde_json::from_str::<serde::de::IgnoredAny>(s).is_ok() => Content::Json,
        Ok(_) if looks_like_html(trimmed) => Content::Html,
        Ok(s) if !s.contains('\0') => Content::Text,
        _ => Content::Binary,
    }
}

/// A safetensors file: an 8-byte little-endian header length, at most the format's 100 MB, then
/// its JSON header; a file cut short within its header is one too (its reader says it is cut off).
fn is_safetensors(bytes: &[u8]) -> bool {
    let Some(n) = safetensors_file::header_length(bytes) else { return false };
    let head = &bytes[8..bytes.len().min(10)];
    (2..=100_000_000).contains(&n) && matches!(head, [b'{'] | [b'{', b'"' | b'}' | b' ' | b'\t' | b'\r' | b'\n'])
}

fn looks_like_html(trimmed: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&trimmed[..trimmed.len().min(256)]).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<!--", "<?xml"].iter().any(|tag| head.starts_with(tag))
}

/// What `bytes` look like, as a message that fits "… is {}": "an HTML page", "empty",
/// "a PyTorch state dict saved by torch.save", "text that is not JSON (it begins
/// "hello")", "binary data (it begins 7f 45 4c 46)".
pub fn describe(bytes: &[u8]) -> Error {
    match classify(bytes) {
        Content::Empty if bytes.is_empty() => Error::new(m::CONTENT_EMPTY),
        Content::Empty => Error::new(m::CONTENT_BLANK),
        Content::Json => Error::new(m::CONTENT_JSON),
        Content::Safetensors => Error::new(m::CONTENT_SAFETENSORS),
        Content::Zip(kind) => describe_zip(&kind),
        Content::TorchPickle(holds) => Error::new(m::CONTENT_LEGACY).nested("what", describe_torch(&holds)),
        Content::Html => Error::new(m::CONTENT_HTML),
        Content::Text => {
            let s = String::from_utf8_lossy(bytes);
            let line = s.trim_start().lines().next().unwrap_or("");
            let start: String = line.chars().take(24).collect();
            Error::new(m::CONTENT_TEXT).quoted("start", &start)
        }
        Content::Binary => {
            let hex: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02x}")).collect();
            Error::new(m::CONTENT_BINARY).text("bytes", hex.join(" "))
        }
    }
}

fn describe_zip(kind: &ZipKind) -> Error {
    match kind {
        ZipKind::Torch(holds) => describe_torch(holds),
        ZipKind::TorchScript => Error::new(m::CONTENT_TORCHSCRIPT),
        ZipKind::Npz => Error::new(m::CONTENT_NPZ),
        ZipKind::Json(entry) => Error::new(m::CONTENT_ZIP_JSON).quoted("entry", entry),
        ZipKind::Other(count, names) => {
            let more = (*count > names.len()).then_some("…");
            Error::new(m::CONTENT_ZIP_OTHER).list("names", names.iter().map(String::as_str).chain(more))
        }
        ZipKind::Damaged(damage) => Error::new(m::CONTENT_ZIP_DAMAGED).nested("detail", damage.message()),
    }
}

/// What a `torch.save` file holds, as a message that fits "… is {}": "a PyTorch state dict
/// saved by torch.save", "a whole PyTorch model (class Net) saved by torch.save".
pub fn describe_torch(holds: &Pickled) -> Error {
    match holds {
        Pickled::StateDict => Error::new(m::CONTENT_TORCH_STATE_DICT),
        Pickled::Holder(path) => Error::new(m::CONTENT_TORCH_HOLDER).text("path", python::subscripts(path)),
        Pickled::Object(class) => Error::new(m::CONTENT_TORCH_OBJECT).text("class", class_name(class)),
        Pickled::Unknown => Error::new(m::CONTENT_TORCH_UNKNOWN),
    }
}

/// The class's own name: `Net` of `__main__.Net`.
pub fn class_name(class: &str) -> &str {
    class.rsplit('.').next().unwrap_or(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_recognised_by_content() {
        assert_eq!(classify(b""), Content::Empty);
        assert_eq!(classify(b" \n\t"), Content::Empty);
        assert_eq!(classify(b"  {\"a\": 1}"), Content::Json);
        assert_eq!(classify(b"\xEF\xBB\xBF[1]"), Content::Json);
        assert!(matches!(classify(b"PK\x03\x04rest"), Content::Zip(ZipKind::Damaged(_))));
        assert_eq!(classify(b"\x80\x02\x8a\x0alegacy"), Content::TorchPickle(Pickled::Unknown));
        let mut st = 2u64.to_le_bytes().to_vec();
        st.extend(b"{}");
        assert_eq!(classify(&st), Content::Safetensors);
        // Cut short within its header: still safetensors (its reader says it is cut off).
        let mut cut = 752u64.to_le_bytes().to_vec();
        cut.extend(b"{\"rnn.weight_ih_l0\": {\"dtype");
        assert_eq!(classify(&cut), Content::Safetensors);
        assert_eq!(classify(b"<!DOCTYPE html><html>"), Content::Html);
        assert_eq!(classify(b"\n<html lang=en>"), Content::Html);
        assert_eq!(classify(b"hello world"), Content::Text);
        for scalar in [&b"null"[..], b" 42\n", b"\"hi\"", b"true"] {
            assert_eq!(classify(scalar), Content::Json, "{:?}", String::from_utf8_lossy(scalar));
        }
        assert_eq!(classify(b"NaN"), Content::Text);
        assert_eq!(classify(b"\x7fELF\x02\x01\x01\0\0\0\0"), Content::Binary);
        assert_eq!(
            describe(b"\x7fELF\x02\x01\x01\0").to_string(),
            "binary data in no format this program reads (it begins 7f 45 4c 46 02 01 01 00)"
        );
        assert_eq!(describe(b"hello world\nmore").to_string(), "text that is not JSON (it begins \"hello world\")");
    }
}

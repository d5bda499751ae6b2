//! What a file's bytes are, judged by their content alone (never by the file's name):
//! the one place that recognises JSON, safetensors and PyTorch's pickles, and that says in
//! words what any other file looks like, for messages.

/// The `format` field that marks an rnn-playground checkpoint (a JSON object).
pub const CHECKPOINT_FORMAT: &str = "rnn-playground checkpoint";

/// The kinds of content an input file can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Nothing, or only white space.
    Empty,
    /// Text that starts like JSON (`{` or `[` after white space).
    Json,
    /// The safetensors format: an 8-byte little-endian header length, then a JSON header.
    Safetensors,
    /// `torch.save`'s zip archive (`PK\x03\x04`, PyTorch ≥ 1.6).
    TorchZip,
    /// `torch.save`'s legacy pickle (`_use_new_zipfile_serialization=False`): pickle protocol 2+.
    TorchPickle,
    /// An HTML page (a saved web page, or an error page from a download).
    Html,
    /// Other UTF-8 text.
    Text,
    /// Anything else.
    Binary,
}

/// The two lines of Python that turn a `torch.save`d state dict into a file this engine reads.
pub const PICKLE_TO_SAFETENSORS: &str = "import torch; from safetensors.torch import save_file\n  \
    save_file(torch.load('rnn.pkl'), 'rnn.safetensors')";

/// Judges `bytes` by their first bytes.
pub fn classify(bytes: &[u8]) -> Content {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let trimmed = text.trim_ascii_start();
    if trimmed.is_empty() {
        return Content::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Content::TorchZip;
    }
    if bytes.len() >= 2 && bytes[0] == 0x80 && (2..=5).contains(&bytes[1]) {
        return Content::TorchPickle;
    }
    if is_safetensors(bytes) {
        return Content::Safetensors;
    }
    match std::str::from_utf8(text) {
        Ok(_) if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") => Content::Json,
        Ok(_) if looks_like_html(trimmed) => Content::Html,
        Ok(s) if !s.contains('\0') => Content::Text,
        _ => Content::Binary,
    }
}

fn is_safetensors(bytes: &[u8]) -> bool {
    let Some(len) = bytes.get(..8) else { return false };
    let n = u64::from_le_bytes(len.try_into().expect("8 bytes"));
    bytes.len() > 8 && n <= (bytes.len() - 8) as u64 && bytes[8] == b'{'
}

fn looks_like_html(trimmed: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&trimmed[..trimmed.len().min(256)]).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<!--", "<?xml"].iter().any(|tag| head.starts_with(tag))
}

/// What `bytes` look like, in words that fit "… is {}": "an HTML page", "empty",
/// "a PyTorch pickle (torch.save's zip archive)", "text that is not JSON (it begins
/// "hello")", "binary data (it begins 7f 45 4c 46)".
pub fn describe(bytes: &[u8]) -> String {
    match classify(bytes) {
        Content::Empty if bytes.is_empty() => "empty".into(),
        Content::Empty => "empty (only white space)".into(),
        Content::Json => "JSON".into(),
        Content::Safetensors => "a safetensors file".into(),
        Content::TorchZip => "a PyTorch pickle (torch.save's zip archive)".into(),
        Content::TorchPickle => "a PyTorch pickle (torch.save's legacy format)".into(),
        Content::Html => "an HTML page, not JSON".into(),
        Content::Text => {
            let s = String::from_utf8_lossy(bytes);
            let line = s.trim_start().lines().next().unwrap_or("");
            let start: String = line.chars().take(24).collect();
            format!("text that is not JSON (it begins {start:?})")
        }
        Content::Binary => {
            let hex: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02x}")).collect();
            format!("binary data in no format this program reads (it begins {})", hex.join(" "))
        }
    }
}

/// The message for a pickle: what it is and the Python that converts it.
pub fn pickle_message(bytes: &[u8]) -> String {
    format!(
        "this file is {}, which cannot be read safely outside Python; convert it to safetensors (or JSON) with\n  {PICKLE_TO_SAFETENSORS}\n\
         or to JSON with\n  import torch, json; json.dump({{k: v.tolist() for k, v in torch.load('rnn.pkl').items()}}, open('rnn.json', 'w'))",
        describe(bytes)
    )
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
        assert_eq!(classify(b"PK\x03\x04rest"), Content::TorchZip);
        assert_eq!(classify(b"\x80\x02\x8a\x0alegacy"), Content::TorchPickle);
        let mut st = 2u64.to_le_bytes().to_vec();
        st.extend(b"{}");
        assert_eq!(classify(&st), Content::Safetensors);
        assert_eq!(classify(b"<!DOCTYPE html><html>"), Content::Html);
        assert_eq!(classify(b"\n<html lang=en>"), Content::Html);
        assert_eq!(classify(b"hello world"), Content::Text);
        assert_eq!(classify(b"\x7fELF\x02\x01\x01\0\0\0\0"), Content::Binary);
        assert_eq!(
            describe(b"\x7fELF\x02\x01\x01\0"),
            "binary data in no format this program reads (it begins 7f 45 4c 46 02 01 01 00)"
        );
        assert_eq!(describe(b"hello world\nmore"), "text that is not JSON (it begins \"hello world\")");
        assert!(pickle_message(b"PK\x03\x04").contains("save_file(torch.load('rnn.pkl'), 'rnn.safetensors')"));
    }
}

//! What a zip archive holds, judged by its entries' names (the `zip` crate reads them) and, for
//! `torch.save`'s archives, by the structure of their pickle: `.pt`, `.pth` and `.npz` files are
//! all zip archives, and each kind needs another way in.

use crate::engine::alloc;
use crate::error::Error;
use crate::files::pickle::{self, Pickled};
use crate::messages as m;
use std::io::{Cursor, Read};
use zip::{CompressionMethod, ZipArchive};

/// The kinds of zip archive a user may bring as weights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipKind {
    /// `torch.save`'s archive (`<name>/data.pkl`, `<name>/data/0`, …; PyTorch ≥ 1.6), and what
    /// its pickle holds.
    Torch(Pickled),
    /// `torch.jit.save`'s TorchScript archive (`<name>/code/…`, `<name>/constants.pkl`).
    TorchScript,
    /// NumPy's `np.savez` or `np.savez_compressed`: every entry an array `<key>.npy`.
    Npz,
    /// A zipped JSON file: the name of the (first) `.json` entry.
    Json(String),
    /// Any other archive: how many files, and the first few names.
    Other(usize, Vec<String>),
    /// Not a readable zip archive (truncated, say): the `zip` crate's reason.
    Damaged(String),
}

/// What the zip archive `bytes` holds.
pub fn kind(bytes: &[u8]) -> ZipKind {
    let mut archive = match ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return ZipKind::Damaged(e.to_string()),
    };
    let names: Vec<String> = archive.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
    let files: Vec<&String> = names.iter().filter(|n| !n.ends_with('/')).collect();
    let under_one_folder = |leaf: &str| files.iter().find(|n| n.split_once('/').is_some_and(|(_, rest)| rest == leaf));
    if files.iter().any(|n| n.split('/').nth(1) == Some("code")) || under_one_folder("constants.pkl").is_some() {
        return ZipKind::TorchScript;
    }
    if let Some(pkl) = under_one_folder("data.pkl") {
        let holds = stored(&mut archive, pkl).map_or(Pickled::Unknown, |data| pickle::read(&data));
        return ZipKind::Torch(holds);
    }
    if !files.is_empty() && files.iter().all(|n| n.ends_with(".npy")) {
        return ZipKind::Npz;
    }
    if let Some(json) = files.iter().find(|n| n.to_ascii_lowercase().ends_with(".json")) {
        return ZipKind::Json(json.to_string());
    }
    ZipKind::Other(files.len(), files.iter().take(3).map(|n| n.to_string()).collect())
}

/// The content of the entry `name`, when the archive holds it stored (not compressed) and
/// memory allows; its checksum is checked.
pub fn stored(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, Error> {
    let error = |message| Error::new(message).text("name", name);
    let mut file = archive.by_name(name).map_err(|e| error(m::ZIP_ENTRY).text("detail", e.to_string()))?;
    if file.compression() != CompressionMethod::Stored {
        return Err(error(m::ZIP_COMPRESSED));
    }
    let len = usize::try_from(file.size()).map_err(|_| error(m::ZIP_TOO_LARGE))?;
    let mut data =
        alloc::filled(len, 0u8).map_err(|e| error(m::MEMORY_READ).text("size", alloc::size_text(e.bytes)))?;
    let unreadable = |e: std::io::Error| error(m::ZIP_UNREADABLE).text("detail", e.to_string());
    file.read_exact(&mut data).map_err(unreadable)?;
    // Reading to the end checks the CRC-32.
    let mut rest = [0u8; 1];
    match file.read(&mut rest) {
        Ok(0) => Ok(data),
        Ok(_) => Err(error(m::ZIP_LONGER)),
        Err(e) => Err(unreadable(e)),
    }
}

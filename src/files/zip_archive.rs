//! What a zip archive holds, judged by its entries' names (the `rawzip` crate reads them) and, for
//! `torch.save`'s archives, by the structure of their pickle: `.pt`, `.pth` and `.npz` files are
//! all zip archives, and each kind needs another way in.

use crate::engine::alloc;
use crate::error::Error;
use crate::files::pickle::{self, Pickled};
use crate::messages as m;
use rawzip::{CompressionMethod, ZipArchiveEntryWayfinder, ZipSliceArchive, ZipVerification};

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
    /// Not a readable zip archive (cut short, say).
    Damaged(Damage),
}

/// Why a zip archive, or an entry of one, cannot be read (from the `rawzip` crate's error, whose
/// words are English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// It ends before its directory's end record: cut short.
    Cut,
    /// Its directory is not what a zip archive holds.
    Directory,
    /// An entry's size or CRC-32 is not its content's.
    Entry,
    /// Anything else, in the crate's words.
    Other(String),
}

impl Damage {
    fn of(e: &rawzip::Error) -> Damage {
        use rawzip::ErrorKind as K;
        match e.kind() {
            K::MissingEndOfCentralDirectory | K::Eof => Damage::Cut,
            K::InvalidSignature { .. }
            | K::InvalidEndOfCentralDirectory
            | K::InvalidUtf8(_)
            | K::InvalidInput { .. } => Damage::Directory,
            K::InvalidChecksum { .. } | K::InvalidSize { .. } => Damage::Entry,
            _ => Damage::Other(e.to_string()),
        }
    }

    /// What it is, as a message.
    pub fn message(&self) -> Error {
        match self {
            Damage::Cut => Error::new(m::ZIP_CUT),
            Damage::Directory => Error::new(m::ZIP_DIRECTORY),
            Damage::Entry => Error::new(m::ZIP_ENTRY),
            Damage::Other(text) => Error::detail(text.as_str()),
        }
    }
}

/// A zip archive in memory: its central directory read, its entries' data read on demand.
pub struct Archive<'a> {
    zip: ZipSliceArchive<&'a [u8]>,
    entries: Vec<Entry>,
}

/// An entry of the central directory.
struct Entry {
    /// Its name as stored (UTF-8, or its bytes read as UTF-8 with replacements).
    name: String,
    stored: bool,
    at: ZipArchiveEntryWayfinder,
}

impl<'a> Archive<'a> {
    /// Reads the central directory of `bytes`.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Damage> {
        let zip = rawzip::ZipArchive::from_slice(bytes).map_err(|e| Damage::of(&e))?;
        let mut entries = Vec::new();
        let mut list = zip.entries();
        while let Some(record) = list.next_entry().map_err(|e| Damage::of(&e))? {
            entries.push(Entry {
                name: String::from_utf8_lossy(record.file_path().as_bytes()).into_owned(),
                stored: record.compression_method() == CompressionMethod::STORE,
                at: record.wayfinder(),
            });
        }
        Ok(Archive { zip, entries })
    }

    /// Every entry's name, folders (`…/`) included, in the central directory's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// Whether the entry `name` is stored (not compressed); false when there is none.
    pub fn is_stored(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name && e.stored)
    }

    /// The content of the entry `name`, when the archive holds it stored (not compressed) and
    /// memory allows; its size and CRC-32 are checked against the central directory's.
    pub fn stored(&self, name: &str) -> Result<Vec<u8>, Error> {
        let error = |message| Error::new(message).text("name", name);
        let entry = self.entries.iter().find(|e| e.name == name).ok_or_else(|| error(m::ZIP_MISSING))?;
        if !entry.stored {
            return Err(error(m::ZIP_COMPRESSED));
        }
        let unreadable = |e: rawzip::Error| error(m::ZIP_UNREADABLE).nested("detail", Damage::of(&e).message());
        let found = self.zip.get_entry(entry.at).map_err(unreadable)?;
        let content = found.data();
        let actual = ZipVerification { crc: rawzip::crc32(content), uncompressed_size: content.len() as u64 };
        found.claim_verifier().valid(actual).map_err(unreadable)?;
        let mut data = alloc::filled(content.len(), 0u8)
            .map_err(|e| error(m::MEMORY_READ).nested("size", alloc::size(e.bytes)))?;
        data.copy_from_slice(content);
        Ok(data)
    }
}

/// What the zip archive `bytes` holds.
pub fn kind(bytes: &[u8]) -> ZipKind {
    let archive = match Archive::open(bytes) {
        Ok(a) => a,
        Err(e) => return ZipKind::Damaged(e),
    };
    let files: Vec<&str> = archive.names().filter(|n| !n.ends_with('/')).collect();
    let under_one_folder =
        |leaf: &str| files.iter().copied().find(|n| n.split_once('/').is_some_and(|(_, rest)| rest == leaf));
    if files.iter().any(|n| n.split('/').nth(1) == Some("code")) || under_one_folder("constants.pkl").is_some() {
        return ZipKind::TorchScript;
    }
    if let Some(pkl) = under_one_folder("data.pkl") {
        let holds = archive.stored(pkl).map_or(Pickled::Unknown, |data| pickle::read(&data));
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

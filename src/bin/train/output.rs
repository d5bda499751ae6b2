//! The command line's output files: checked before the first step, so that a typo in a
//! path costs nothing, and written at the end with a fallback file, so that trained
//! weights are never lost.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

/// Why `path` cannot be written, if it cannot: checked by opening it (a new file is
/// created and removed again), so permissions and missing directories show up now.
pub fn check_writable(path: &str) -> Result<(), String> {
    let p = Path::new(path);
    if p.is_dir() {
        return Err(format!("{path} is a directory"));
    }
    let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.exists() {
        return Err(format!("{path}: the directory {} does not exist", parent.display()));
    }
    if !parent.is_dir() {
        return Err(format!("{path}: {} is not a directory", parent.display()));
    }
    if p.exists() {
        OpenOptions::new().append(true).open(p).map_err(|e| format!("{path} cannot be written: {e}"))?;
    } else {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(p)
            .map_err(|e| format!("{path} cannot be created: {e}"))?;
        std::fs::remove_file(p).map_err(|e| format!("{path}: cannot remove the test file: {e}"))?;
    }
    Ok(())
}

/// Where a file that could not be written at `path` goes instead: the system's
/// temporary directory, under a name that says what it is.
pub fn fallback_path(path: &str, what: &str) -> PathBuf {
    let ext = Path::new(path).extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    std::env::temp_dir().join(format!("train-{}-{}{ext}", what.replace(' ', "-"), std::process::id()))
}

/// Writes `bytes` to `path`; if that fails, to `fallback`. Returns the fallback's path
/// when it was used (with the reason `path` failed), an error when both failed.
pub fn write_with_fallback(
    path: &str,
    fallback: &Path,
    bytes: &[u8],
    what: &str,
) -> Result<Option<(PathBuf, String)>, String> {
    let Err(e) = std::fs::write(path, bytes) else { return Ok(None) };
    match std::fs::write(fallback, bytes) {
        Ok(()) => Ok(Some((fallback.to_path_buf(), format!("cannot write the {what} to {path}: {e}")))),
        Err(e2) => Err(format!("cannot write the {what} to {path} ({e}) nor to {} ({e2})", fallback.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("train-output-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn unwritable_paths_are_named_with_the_reason() {
        let err = check_writable("no/such/dir/w.json").unwrap_err();
        assert_eq!(err, "no/such/dir/w.json: the directory no/such/dir does not exist");
        let dir = tmp("a-dir");
        std::fs::create_dir_all(&dir).unwrap();
        assert!(check_writable(dir.to_str().unwrap()).unwrap_err().ends_with("is a directory"));
        let fine = tmp("fine.json");
        check_writable(fine.to_str().unwrap()).unwrap();
        assert!(!fine.exists(), "the check leaves no file behind");
    }

    #[test]
    fn a_failed_write_goes_to_the_fallback_file() {
        let fallback = tmp("fallback.json");
        let (used, reason) =
            write_with_fallback("no/such/dir/w.json", &fallback, b"{}", "state dict").unwrap().unwrap();
        assert_eq!(used, fallback);
        assert!(reason.starts_with("cannot write the state dict to no/such/dir/w.json: "), "{reason}");
        assert_eq!(std::fs::read(&fallback).unwrap(), b"{}");
        let good = tmp("good.json");
        assert_eq!(write_with_fallback(good.to_str().unwrap(), &fallback, b"[]", "state dict").unwrap(), None);
        assert!(write_with_fallback("no/such/dir/w.json", Path::new("no/such/either"), b"", "x").is_err());
        assert!(fallback_path("out/w.safetensors", "state dict").to_string_lossy().ends_with(".safetensors"));
    }
}

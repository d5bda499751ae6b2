//! Fallible allocation of the buffers whose size a user chooses (network, optimizer,
//! imported files), so that running out of memory is an `Error` with a message, never
//! an abort (in wasm, a trap that leaves the module unusable).
//!
//! The same building code runs in two modes: `Buffers::counting()` adds up the bytes a
//! configuration needs without allocating (for the message), `Buffers::allocating()`
//! allocates them with `Vec::try_reserve_exact`.

use crate::error::Error;
use crate::messages;
use ndarray::{Array1, Array2};

/// The allocator of a build: counts bytes, and allocates unless counting.
#[derive(Debug, Default)]
pub struct Buffers {
    counting: bool,
    /// Bytes asked for so far.
    pub bytes: usize,
}

/// The allocation that failed: how many bytes it asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfMemory {
    pub bytes: usize,
}

impl Buffers {
    pub fn allocating() -> Self {
        Buffers { counting: false, bytes: 0 }
    }

    /// Only counts: every buffer it returns is empty.
    pub fn counting() -> Self {
        Buffers { counting: true, bytes: 0 }
    }

    /// `len` copies of `zero` (an empty vector when counting).
    pub fn filled<T: Clone>(&mut self, len: usize, zero: T) -> Result<Vec<T>, OutOfMemory> {
        let bytes = len.saturating_mul(std::mem::size_of::<T>());
        self.bytes = self.bytes.saturating_add(bytes);
        if self.counting {
            return Ok(Vec::new());
        }
        filled(len, zero)
    }

    /// A `rows × cols` array of `zero` (an empty array when counting).
    pub fn array2<T: Clone>(&mut self, rows: usize, cols: usize, zero: T) -> Result<Array2<T>, OutOfMemory> {
        let data = self.filled(rows.saturating_mul(cols), zero)?;
        let shape = if self.counting { (0, 0) } else { (rows, cols) };
        Ok(Array2::from_shape_vec(shape, data).expect("rows × cols elements"))
    }

    /// A vector of `len` copies of `zero` (empty when counting).
    pub fn array1<T: Clone>(&mut self, len: usize, zero: T) -> Result<Array1<T>, OutOfMemory> {
        Ok(Array1::from_vec(self.filled(len, zero)?))
    }
}

/// `len` copies of `zero`, or `OutOfMemory` if the memory is not there.
pub fn filled<T: Clone>(len: usize, zero: T) -> Result<Vec<T>, OutOfMemory> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| OutOfMemory { bytes: len.saturating_mul(std::mem::size_of::<T>()) })?;
    v.resize(len, zero);
    Ok(v)
}

/// Checks that `bytes` more can be allocated now (by allocating and freeing them), before
/// work whose allocations cannot fail gracefully, such as parsing or writing a large JSON
/// file. The error says "not enough memory for {what}: it needs about {size}" (`what` a
/// message naming the thing: `messages::THE_WEIGHTS`).
pub fn ensure_available(bytes: usize, what: Error) -> Result<(), Error> {
    if can_allocate(bytes) {
        Ok(())
    } else {
        Err(Error::new(messages::MEMORY_FOR).nested("what", what).nested("size", size(bytes)))
    }
}

/// Whether `bytes` more can be allocated now (allocated and freed to find out).
pub fn can_allocate(bytes: usize) -> bool {
    let mut probe: Vec<u8> = Vec::new();
    if probe.try_reserve_exact(bytes).is_err() {
        return false;
    }
    // The optimiser removes an allocation that is freed unused (and the failure with it):
    // the probe's address must escape.
    std::hint::black_box(probe.as_ptr());
    true
}

/// A size in bytes as messages give it, in the reader's language: "37.2 MB", "512 KB", "900
/// bytes" (MB and GB to a tenth, KB whole; 1000 bytes a KB).
pub fn size(bytes: usize) -> Error {
    let b = bytes as f64;
    let tenths = |x: f64| (x * 10.0).round() / 10.0;
    if b >= 1e9 {
        Error::new(messages::SIZE_GB).number("gb", tenths(b / 1e9))
    } else if b >= 1e6 {
        Error::new(messages::SIZE_MB).number("mb", tenths(b / 1e6))
    } else if b >= 1e3 {
        Error::new(messages::SIZE_KB).number("kb", (b / 1e3).round())
    } else {
        Error::new(messages::SIZE_BYTES).count("count", bytes)
    }
}

/// `size` in English, for the command line.
pub fn size_text(bytes: usize) -> String {
    size(bytes).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_allocates_nothing_and_adds_up() {
        let mut b = Buffers::counting();
        assert!(b.filled(1000, 0f32).unwrap().is_empty());
        assert!(b.filled(10, 0f64).unwrap().is_empty());
        assert_eq!(b.bytes, 4080);
    }

    #[test]
    fn an_impossible_allocation_is_an_error() {
        let err = filled(usize::MAX / 8, 0f32).unwrap_err();
        assert!(err.bytes >= usize::MAX / 8);
        let err = ensure_available(usize::MAX / 2, Error::new(messages::THE_WEIGHTS)).unwrap_err();
        assert!(err.to_string().contains("not enough memory for the weights"), "{err}");
        assert_eq!(size_text(37_200_000), "37.2 MB");
    }
}

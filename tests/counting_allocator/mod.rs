//! A test binary's global allocator (`mod counting_allocator;` installs it): the system's,
//! counting allocations, and refusing those above a size when a test says so. The count is
//! global to the process: a binary that counts runs its counting tests one at a time.
#![allow(dead_code)] // each test binary uses part of it

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
/// Allocations of more bytes than this fail (return null, as when memory has run out).
static REFUSE_ABOVE: AtomicUsize = AtomicUsize::new(usize::MAX);
static REFUSED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > REFUSE_ABOVE.load(Ordering::Relaxed) {
            REFUSED.fetch_add(1, Ordering::Relaxed);
            return std::ptr::null_mut();
        }
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations made by `f`, and its result.
pub fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let result = f();
    (ALLOCATIONS.load(Ordering::Relaxed) - before, result)
}

/// `f` run with every allocation of more than `bytes` failing: the allocations it made, the
/// ones refused, and its result.
pub fn refusing_above<T>(bytes: usize, f: impl FnOnce() -> T) -> (usize, usize, T) {
    let refused = REFUSED.load(Ordering::Relaxed);
    REFUSE_ABOVE.store(bytes, Ordering::Relaxed);
    let (allocated, result) = allocations(f);
    REFUSE_ABOVE.store(usize::MAX, Ordering::Relaxed);
    (allocated, REFUSED.load(Ordering::Relaxed) - refused, result)
}

/// Whether this thread keeps a matrixmultiply packing buffer (vendor/README.md): reserving
/// one byte then allocates nothing.
pub fn packing_buffer_kept() -> bool {
    allocations(|| matrixmultiply::reserve_packing_buffer(1, 64)) == (0, true)
}

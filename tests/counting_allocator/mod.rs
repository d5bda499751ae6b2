//! A test binary's global allocator (`mod counting_allocator;` installs it): the system's,
//! counting each thread's allocations, and refusing those above a size on a thread whose test
//! says so. Per thread, so that what the test harness's other threads allocate (another test,
//! the "running for over 60 seconds" notice) is not counted.
#![allow(dead_code)] // each test binary uses part of it

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

// Const-initialised and without destructors: using them allocates nothing.
thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    /// Allocations of more bytes than this fail (return null, as when memory has run out).
    static REFUSE_ABOVE: Cell<usize> = const { Cell::new(usize::MAX) };
    static REFUSED: Cell<usize> = const { Cell::new(0) };
}

fn increment(counter: &'static std::thread::LocalKey<Cell<usize>>) {
    // A thread being torn down has no counters left: its allocations go uncounted.
    let _ = counter.try_with(|c| c.set(c.get() + 1));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > REFUSE_ABOVE.try_with(Cell::get).unwrap_or(usize::MAX) {
            increment(&REFUSED);
            return std::ptr::null_mut();
        }
        increment(&ALLOCATIONS);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        increment(&ALLOCATIONS);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations `f` made on this thread, and its result.
pub fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    (ALLOCATIONS.with(Cell::get) - before, result)
}

/// `f` run with every allocation of more than `bytes` on this thread failing: the allocations
/// it made, the ones refused, and its result.
pub fn refusing_above<T>(bytes: usize, f: impl FnOnce() -> T) -> (usize, usize, T) {
    let refused = REFUSED.with(Cell::get);
    REFUSE_ABOVE.with(|r| r.set(bytes));
    let (allocated, result) = allocations(f);
    REFUSE_ABOVE.with(|r| r.set(usize::MAX));
    (allocated, REFUSED.with(Cell::get) - refused, result)
}

/// Whether this thread keeps a matrixmultiply packing buffer (vendor/README.md): reserving
/// one byte then allocates nothing.
pub fn packing_buffer_kept() -> bool {
    allocations(|| matrixmultiply::reserve_packing_buffer(1)) == (0, true)
}

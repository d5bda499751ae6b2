#[cfg(not(feature = "std"))]
use ::alloc::alloc::{self, handle_alloc_error, Layout};
use core::{cmp, mem};
#[cfg(feature = "std")]
use std::alloc::{self, handle_alloc_error, Layout};

#[cfg(test)]
use core::ops::{Deref, DerefMut};
#[cfg(test)]
use core::slice;

pub(crate) struct Alloc<T> {
    ptr: *mut T,
    #[cfg_attr(not(test), allow(dead_code))] // read by the tests' `Deref`
    len: usize,
    /// What was allocated: `len` elements, or more for a buffer taken from `KEPT`.
    layout: Layout,
    /// Whether, when dropped, it is offered to `KEPT` instead of freed.
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    keep: bool,
}

// rnn-playground's change (see vendor/README.md): the packing buffer is kept per thread, so that
// products after the first allocate nothing. `KEPT` is the buffer kept for the next product on
// this thread (a null pointer: none), always aligned to `PACKING_ALIGN`.
#[cfg(feature = "std")]
struct Kept {
    ptr: *mut u8,
    layout: Layout,
}

#[cfg(feature = "std")]
impl Drop for Kept {
    fn drop(&mut self) {
        if !self.ptr.is_null() {
            unsafe { alloc::dealloc(self.ptr, self.layout) }
        }
    }
}

#[cfg(feature = "std")]
std::thread_local! {
    static KEPT: core::cell::RefCell<Kept> =
        const { core::cell::RefCell::new(Kept { ptr: core::ptr::null_mut(), layout: Layout::new::<u8>() }) };
}

/// The alignment of every kept packing buffer: the largest kernel's (AVX-512's, 64 bytes), so
/// that a kept buffer serves any kernel.
#[cfg(feature = "std")]
const PACKING_ALIGN: usize = 64;

/// Makes this thread's kept packing buffer at least `bytes` long, so that a product whose
/// packing buffer fits it allocates nothing. Allocates only when the kept buffer is smaller;
/// returns false, keeping what was kept, when that allocation fails (or `bytes` is too large
/// for a layout, or the thread is exiting). Single-threaded products (without the `threading`
/// feature) need `k' * (round_up(m', MR) + round_up(n', NR))` elements, k' = min(k, kc),
/// m' = min(m, mc), n' = min(n, nc) (see `make_packing_buffer`). rnn-playground's addition.
#[cfg(feature = "std")]
pub fn reserve_packing_buffer(bytes: usize) -> bool {
    let reserved = KEPT.try_with(|kept| {
        let mut kept = kept.borrow_mut();
        if !kept.ptr.is_null() && kept.layout.size() >= bytes {
            return true;
        }
        let layout = match Layout::from_size_align(bytes.max(1), PACKING_ALIGN) {
            Ok(layout) => layout,
            Err(_) => return false,
        };
        let ptr = unsafe { alloc::alloc(layout) };
        if ptr.is_null() {
            return false;
        }
        *kept = Kept { ptr, layout };
        true
    });
    reserved == Ok(true)
}

impl<T> Alloc<T> {
    #[inline]
    pub unsafe fn new(nelem: usize, align: usize) -> Self {
        let align = cmp::max(align, mem::align_of::<T>());
        #[cfg(debug_assertions)]
        let layout = Layout::from_size_align(mem::size_of::<T>() * nelem, align).unwrap();
        #[cfg(not(debug_assertions))]
        let layout = Layout::from_size_align_unchecked(mem::size_of::<T>() * nelem, align);
        dprint!("Allocating nelem={}, layout={:?}", nelem, layout);
        let ptr = alloc::alloc(layout);
        if ptr.is_null() {
            handle_alloc_error(layout);
        }
        Alloc {
            ptr: ptr as *mut T,
            len: nelem,
            layout,
            keep: false,
        }
    }

    /// A packing buffer of `nelem` elements: this thread's kept buffer when that is large
    /// enough (taken from `KEPT` until dropped), else a new one aligned to `PACKING_ALIGN`;
    /// dropped, it is kept for the next product (the larger of it and the one kept). Without
    /// `std`, or for an alignment above `PACKING_ALIGN` (no kernel has one), `new`.
    #[inline]
    pub unsafe fn packing(nelem: usize, align: usize) -> Self {
        #[cfg(feature = "std")]
        {
            if cmp::max(align, mem::align_of::<T>()) <= PACKING_ALIGN {
                let bytes = mem::size_of::<T>() * nelem;
                let taken = KEPT.try_with(|kept| {
                    let mut kept = kept.borrow_mut();
                    if kept.ptr.is_null() || kept.layout.size() < bytes {
                        return None;
                    }
                    let layout = kept.layout;
                    Some((mem::replace(&mut kept.ptr, core::ptr::null_mut()), layout))
                });
                if let Ok(Some((ptr, layout))) = taken {
                    return Alloc { ptr: ptr as *mut T, len: nelem, layout, keep: true };
                }
                let mut new = Self::new(nelem, PACKING_ALIGN);
                new.keep = true;
                return new;
            }
        }
        Self::new(nelem, align)
    }

    #[cfg(test)]
    pub fn init_with(mut self, elt: T) -> Alloc<T>
    where
        T: Copy,
    {
        for elt1 in &mut self[..] {
            *elt1 = elt;
        }
        self
    }

    #[inline]
    pub fn ptr_mut(&mut self) -> *mut T {
        self.ptr
    }
}

impl<T> Drop for Alloc<T> {
    fn drop(&mut self) {
        let (ptr, layout) = (self.ptr as *mut u8, self.layout);
        #[cfg(feature = "std")]
        {
            if self.keep {
                // Keep the larger of this buffer and the kept one, free the other.
                let kept = KEPT.try_with(|kept| {
                    let mut kept = kept.borrow_mut();
                    if kept.ptr.is_null() || kept.layout.size() < layout.size() {
                        mem::replace(&mut *kept, Kept { ptr, layout })
                    } else {
                        Kept { ptr, layout }
                    }
                });
                if kept.is_ok() {
                    return; // the one not kept is freed as its `Kept` drops
                }
            }
        }
        unsafe { alloc::dealloc(ptr, layout) }
    }
}

#[cfg(test)]
impl<T> Deref for Alloc<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        unsafe { slice::from_raw_parts(self.ptr, self.len) }
    }
}

#[cfg(test)]
impl<T> DerefMut for Alloc<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        unsafe { slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

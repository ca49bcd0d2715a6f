//! tree-sitter's C library allocates with libc `malloc` unless told
//! otherwise. A cold index of the Go tree makes and frees a syntax tree per
//! file, and glibc's allocator (`_int_malloc`, `_int_free`,
//! `malloc_consolidate`) was about 5% of its CPU time; routing tree-sitter
//! to mimalloc, the binary's Rust allocator already, makes those calls
//! cheaper and keeps one allocator in the process.

use std::ffi::c_void;

/// Makes tree-sitter allocate with mimalloc. Call it first thing in
/// `main`, before any tree-sitter object exists and before other threads start.
#[allow(unsafe_code)]
pub fn route_tree_sitter_to_mimalloc() {
    // SAFETY: the four functions are one allocator family (mimalloc's),
    // return memory aligned as `malloc`'s, and abort rather than return
    // null for a non-zero size (see `checked`). This runs before any other
    // tree-sitter call and on the only thread, as `set_allocator` requires.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc: ts_malloc,
            calloc: ts_calloc,
            realloc: ts_realloc,
            free: ts_free,
        }));
    }
}

/// tree-sitter's default allocator aborts when memory runs out; so do these.
fn checked(pointer: *mut c_void, size: usize) -> *mut c_void {
    if pointer.is_null() && size != 0 {
        eprintln!("ctx: out of memory (tree-sitter asked for {size} bytes)");
        std::process::abort();
    }
    pointer
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_malloc(size: usize) -> *mut c_void {
    // SAFETY: plain allocation.
    checked(unsafe { libmimalloc_sys::mi_malloc(size) }, size)
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_calloc(count: usize, size: usize) -> *mut c_void {
    // SAFETY: plain zeroed allocation (mimalloc checks the multiplication).
    checked(unsafe { libmimalloc_sys::mi_calloc(count, size) }, count.saturating_mul(size))
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_realloc(pointer: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: `pointer` is null or came from these functions (tree-sitter
    // allocates only through them once they are set).
    checked(unsafe { libmimalloc_sys::mi_realloc(pointer, size) }, size)
}

#[allow(unsafe_code)]
unsafe extern "C" fn ts_free(pointer: *mut c_void) {
    // SAFETY: as for `ts_realloc`.
    unsafe { libmimalloc_sys::mi_free(pointer) }
}

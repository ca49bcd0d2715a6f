//! Transparent huge pages are off for the `ctx` process.
//!
//! A cold index allocates and frees much memory: a syntax tree per file,
//! tantivy's per-segment arenas, the growing table rows. mimalloc asks the
//! kernel for huge pages for its large regions, and returns freed pages to
//! it; each first touch of a huge page after that makes the kernel zero a
//! whole 2 MiB page. On the Go tree that zeroing (`clear_page_erms`) was
//! 7.6% of the CPU samples of a cold index, and the run's system time fell
//! from 1.3-1.5 s to 0.4-0.5 s without huge pages, with a lower peak RSS
//! (290-320 MB against 350-365 MB). ctx reads its tables through `mmap` of files,
//! which huge pages of anonymous memory do not concern.
//!
//! Two switches, because hosts differ: the `no_thp` feature of
//! `libmimalloc-sys` stops mimalloc from asking (`madvise`), which is what
//! matters where the kernel's setting is `madvise`; `PR_SET_THP_DISABLE`
//! stops the kernel from giving them unasked, where its setting is `always`.

/// Turns transparent huge pages off for this process and its children.
/// Best effort: an older kernel without the option leaves them as they were.
#[allow(unsafe_code)]
pub fn disable() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong);
    }
}

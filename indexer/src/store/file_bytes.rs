//! The bytes of a file of a generation, memory-mapped where possible: the
//! one `unsafe` function of the store, with its safety contract.

use std::fs::{self, File};
use std::path::Path;

/// The length and xxh3 of a file of a generation, as opening a generation
/// checks them against the manifest (through a memory map).
pub fn file_checksum(path: &Path) -> std::io::Result<(u64, u64)> {
    let bytes = read_generation_file(path)?;
    Ok((bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(&bytes)))
}

/// The bytes of a file of a generation: memory-mapped where possible, so
/// checking and decoding an index does not copy it into fresh memory (on
/// the Go tree, zeroing that memory was 40% of a pack's time); read into
/// memory where mapping fails.
pub(crate) enum FileBytes {
    Mapped(memmap2::Mmap),
    /// Words, so the rows of a file read into memory are aligned as in a map.
    Read(Vec<u64>, usize),
}

impl FileBytes {
    /// Tells the kernel that the bytes will be read here and there, not
    /// from end to end: a fault then maps the page touched rather than the
    /// pages around it, so a query that reads a few rows of a large file
    /// keeps few of its pages (a search on the Linux tree held about 400 MB
    /// of the tables mapped otherwise). Advice only: nothing fails.
    pub(crate) fn advise_random(&self) {
        if let FileBytes::Mapped(map) = self {
            let _ = map.advise(memmap2::Advice::Random);
        }
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(map) => map,
            FileBytes::Read(words, len) => &bytemuck::cast_slice(words)[..*len],
        }
    }
}

/// Maps (or reads) a file of a generation.
///
/// Safety contract of the map: files of a generation are written once,
/// fsynced and never modified in place (tantivy segment files are
/// immutable, tables are written before the generation becomes visible),
/// and a reader's lease keeps the generation from being removed while it is
/// used. Another program truncating the file under us could still fault;
/// that is the accepted cost of mapping, as in tantivy's own mmap directory.
#[allow(unsafe_code)]
pub(crate) fn read_generation_file(path: &Path) -> std::io::Result<FileBytes> {
    let file = File::open(path)?;
    if file.metadata()?.len() == 0 {
        return Ok(FileBytes::Read(Vec::new(), 0));
    }
    // SAFETY: see the contract above.
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(map) => Ok(FileBytes::Mapped(map)),
        Err(_) => {
            let bytes = fs::read(path)?;
            let mut words = vec![0u64; bytes.len().div_ceil(8)];
            bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(&bytes);
            Ok(FileBytes::Read(words, bytes.len()))
        }
    }
}

//! A generation's files are verified once, when written: the manifest
//! records each file's fingerprint (inode and modification time), and a
//! reader that finds the same file does not read it again; a file that is
//! not the one verified (rewritten, touched, replaced) is checked in full.

#![cfg(unix)]

use ctx_indexer::store::{Generation, read_manifest};
use ctx_indexer::{IndexOptions, build_index};
use std::path::Path;
use std::time::{Duration, SystemTime};

fn indexed_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..5 {
        std::fs::write(dir.path().join(format!("m{i}.py")), format!("def f{i}(x):\n    return x * {i}\n")).expect("write");
    }
    build_index(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("index");
    dir
}

/// Flips one byte in the middle of `path`, then gives the file back the
/// modification time it had: the same inode, length and time as verified.
fn damage_keeping_time(path: &Path) {
    let before = std::fs::metadata(path).expect("metadata").modified().expect("mtime");
    let mut bytes = std::fs::read(path).expect("read");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x5a;
    let file = std::fs::OpenOptions::new().write(true).open(path).expect("open");
    std::os::unix::fs::FileExt::write_all_at(&file, &bytes[at..at + 1], at as u64).expect("write in place");
    file.set_modified(before).expect("set mtime");
}

#[test]
fn the_manifest_fingerprints_every_file_it_verified() {
    let dir = indexed_repo();
    let manifest = read_manifest(dir.path()).expect("manifest");
    assert_ne!(manifest.tables_verified.inode, 0);
    assert!(!manifest.files.is_empty() && manifest.files.iter().all(|f| f.verified.inode != 0 && f.verified.mtime_ns != 0), "{:?}", manifest.files);
}

#[test]
fn a_file_that_is_not_the_one_verified_is_checked_in_full() {
    let dir = indexed_repo();
    let manifest = read_manifest(dir.path()).expect("manifest");
    let generation_dir = dir.path().join(".ctx").join(&manifest.directory);
    let tables = generation_dir.join("tables.bin");
    // Damage that keeps inode, length and time is the one thing the
    // fingerprint cannot see: the reader trusts the file, as it trusts
    // any file it verified.
    damage_keeping_time(&tables);
    let generation = Generation::open(dir.path()).expect("opens");
    assert!(generation.read_tables().is_ok(), "a file with its verified fingerprint is not read again");
    drop(generation);
    // Any write that moves the time (an editor, a copy, `touch`) makes it a stranger: checked, refused.
    let file = std::fs::OpenOptions::new().write(true).open(&tables).expect("open");
    file.set_modified(SystemTime::now() + Duration::from_secs(5)).expect("touch");
    let generation = Generation::open(dir.path()).expect("opens");
    let error = generation.read_tables().err().expect("damaged tables are refused once they are not the verified file").to_string();
    assert!(error.contains("checksum"), "{error}");
    // The same for a file of the text index.
    let dir = indexed_repo();
    let manifest = read_manifest(dir.path()).expect("manifest");
    let listed = manifest.files.iter().max_by_key(|f| f.bytes).expect("a text index file");
    let path = dir.path().join(".ctx").join(&manifest.directory).join(&listed.path);
    damage_keeping_time(&path);
    assert!(Generation::open(dir.path()).is_ok(), "{}: trusted while it is the file verified", listed.path);
    let file = std::fs::OpenOptions::new().write(true).open(&path).expect("open");
    file.set_modified(SystemTime::now() + Duration::from_secs(5)).expect("touch");
    let error = Generation::open(dir.path()).err().expect("refused once touched").to_string();
    assert!(error.contains("checksum"), "{error}");
}

//! Helpers shared by the integration tests: copies of fixture repositories.

#![allow(dead_code)]

use std::path::Path;

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The `testdata` folder.
pub fn testdata() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// A scratch copy of `testdata/<lang>/repo`.
pub fn fixture_copy(lang: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&testdata().join(lang).join("repo"), dir.path());
    dir
}

/// A scratch directory holding every fixture repository, one folder per language.
pub fn all_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(testdata()).expect("testdata").flatten() {
        if entry.path().join("repo").is_dir() {
            copy_dir(&entry.path().join("repo"), &dir.path().join(entry.file_name()));
        }
    }
    dir
}

/// The files under `dir`, recursively and sorted, skipping dot entries (`.ctx/`).
pub fn source_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("ls").flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            out.extend(source_files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

//! The errors of the on-disk index: each names the file or directory
//! concerned, and a damaged or foreign index says to rebuild it.

use std::path::{Path, PathBuf};

/// Errors of the on-disk index.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No `.ctx/` with a manifest at or above the start directory.
    #[error("no ctx index at or above {start}; run `ctx index` first")]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// The index was written by another format version.
    #[error("the index at {path} has format version {found}, this ctx reads version {expected}; run `ctx index` to rebuild it")]
    VersionMismatch {
        /// The index directory.
        path: PathBuf,
        /// The version on disk.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// A file given to import is not a whole exported index.
    #[error("cannot import {path}: {why}; export it again with `ctx index --export`")]
    BadExport {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// An exported index that indexes another repository.
    #[error("the imported index is of another repository: only {present} of its {indexed} files exist under {root}")]
    Foreign {
        /// The root it was to be installed in.
        root: PathBuf,
        /// Its indexed files that exist under the root.
        present: usize,
        /// Its indexed files.
        indexed: usize,
    },
    /// A file of the index is damaged.
    #[error("the index file {path} is corrupt ({why}); run `ctx index` to rebuild it")]
    Corrupt {
        /// The damaged file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// An I/O operation failed.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On what.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing the tantivy text index of a new generation failed.
    #[error("cannot write the text index {path}: {}", plain_text_error(source))]
    Text {
        /// The text index directory.
        path: PathBuf,
        /// The cause.
        source: tantivy::TantivyError,
    },
}

/// A tantivy error as one plain clause. Its I/O errors are what a full disk
/// or a read-only directory produces, and tantivy words them as "An IO error
/// occurred: '...'" or in debug form when opening a file failed; the OS's own
/// words with the file are what a user can act on.
fn plain_text_error(error: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError;
    use tantivy::directory::error::{OpenReadError, OpenWriteError};
    match error {
        TantivyError::IoError(io) => io.to_string(),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath })
        | TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => format!("{}: {io_error}", filepath.display()),
        other => other.to_string(),
    }
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + use<> {
        let path = path.to_path_buf();
        move |source| StoreError::Io { action, path, source }
    }
}

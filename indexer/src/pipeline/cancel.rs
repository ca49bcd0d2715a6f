//! Cancellation of a long index run: a flag the caller sets from any
//! thread, which the pipeline checks between files and batches.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A shared cancellation flag. Clones share it: keep one, put a clone in
/// [`IndexOptions::cancel`](crate::IndexOptions::cancel), and call
/// [`cancel`](Self::cancel) to stop the run, which then fails with
/// [`IndexError::Cancelled`](crate::IndexError::Cancelled) and leaves the
/// current generation as it was.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks every run holding a clone of this token to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

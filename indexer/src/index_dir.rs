//! Where a root's index lives: the `.ctx` directory. The store owns what is
//! inside it; the configuration reads the local `.ctx/config.toml` from it.

use std::path::{Path, PathBuf};

/// The index directory's name under the root.
pub const INDEX_DIR: &str = ".ctx";

/// The `.ctx/` directory of a root.
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(INDEX_DIR)
}

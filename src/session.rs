//! Sessions: what earlier packs and expansions of one named session showed,
//! so a later stage spends its budget on new code. Kept in
//! `.ctx/sessions/<name>.json`, outside the index generations.

use crate::Error;
use ctx_query::{Pack, ShownSpan};
use std::path::{Path, PathBuf};

/// The lines a session has shown so far.
#[derive(Debug, Clone)]
pub struct Session {
    path: PathBuf,
    shown: Vec<ShownSpan>,
}

impl Session {
    /// Opens (or starts) the session `name` of the index at `root`. Names are
    /// 1 to 64 letters, digits, `-` or `_`.
    pub fn open(root: &Path, name: &str) -> Result<Session, Error> {
        let valid = !name.is_empty() && name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(Error::BadSession(format!("invalid session name {name:?}: use 1 to 64 letters, digits, - or _")));
        }
        let path = root.join(ctx_indexer::store::INDEX_DIR).join("sessions").join(format!("{name}.json"));
        let shown = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| Error::BadSession(format!("session file {} is damaged ({e}); delete it to start over", path.display())))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::Io { path, source: e }),
        };
        Ok(Session { path, shown })
    }

    /// The spans shown so far.
    pub fn shown(&self) -> &[ShownSpan] {
        &self.shown
    }

    /// Records the bodies a pack showed and saves the session atomically.
    pub fn record(&mut self, pack: &Pack) -> Result<(), Error> {
        for item in pack.items.iter().filter(|i| i.kind == "body") {
            self.shown.push(ShownSpan { path: item.path.clone(), start_line: item.start_line, end_line: item.end_line });
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::Io { path: dir.to_path_buf(), source: e })?;
        let tmp = self.path.with_extension("json.tmp");
        let json = serde_json::to_vec(&self.shown).map_err(|e| Error::BadSession(e.to_string()))?;
        std::fs::write(&tmp, json).map_err(|e| Error::Io { path: tmp.clone(), source: e })?;
        std::fs::rename(&tmp, &self.path).map_err(|e| Error::Io { path: self.path.clone(), source: e })
    }
}

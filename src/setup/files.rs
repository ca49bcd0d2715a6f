//! The file side of `ctx setup`: reading a configuration, writing it atomically (or deleting it), and the diff `--dry-run` prints.

use super::{Action, Change};
use crate::InputError;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// A file's text, `None` when there is no file.
pub fn read_optional(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(_) => bail!(InputError(format!("{}: not UTF-8 text; ctx setup changed nothing: fix the file or move it aside", path.display()))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => bail!(InputError(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Whether the change writes or deletes its file.
pub fn changes_file(change: &Change) -> bool {
    matches!(change.action, Action::Added | Action::Updated | Action::Removed)
}

/// Writes (or deletes) one file. A write goes to a temporary file in the
/// same directory, renamed over the target, so an agent never reads half
/// a file; a symbolic link (a dotfile manager's) is followed, not replaced.
pub fn apply(change: &Change) -> Result<()> {
    if !changes_file(change) {
        return Ok(());
    }
    let target = std::fs::canonicalize(&change.path).unwrap_or_else(|_| change.path.clone());
    let Some(text) = &change.after else {
        std::fs::remove_file(&target).with_context(|| format!("cannot remove {}", target.display()))?;
        // The agent's directory setup created for the file (`.cursor/`, `~/.codex/`) goes when
        // nothing else is in it; `remove_dir` leaves a directory that is not empty.
        if let Some(dir) = target.parent()
            && dir.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'))
        {
            let _ = std::fs::remove_dir(dir);
        }
        return Ok(());
    };
    let dir = target.parent().context("a configuration file has a parent directory")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = dir.join(format!(".{name}.ctx-setup-{}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        if let Ok(metadata) = std::fs::metadata(&target) {
            // `~/.claude.json` holds credentials-adjacent state: keep its mode.
            file.set_permissions(metadata.permissions())?;
        }
        file.sync_all()?;
        std::fs::rename(&temporary, &target)
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write {}", target.display()));
    }
    Ok(())
}

/// Lines of context around a change in [`diff`].
const DIFF_CONTEXT: usize = 2;

/// A unified diff of `before` and `after` with one hunk: every edit setup
/// makes to a file is one splice (or two close together), so the lines
/// between the common head and the common tail are the change.
pub fn diff(path: &Path, before: &str, after: &str) -> String {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..].iter().rev().zip(new[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    let start = head.saturating_sub(DIFF_CONTEXT);
    let old_end = (old.len() - tail + DIFF_CONTEXT).min(old.len());
    let new_end = (new.len() - tail + DIFF_CONTEXT).min(new.len());
    let range = |from: usize, to: usize| format!("{},{}", if to > from { from + 1 } else { from }, to - from);
    let path = path.display();
    let mut text = format!("--- {path}\n+++ {path}\n@@ -{} +{} @@\n", range(start, old_end), range(start, new_end));
    for line in &old[start..head] {
        text.push_str(&format!(" {line}\n"));
    }
    for line in &old[head..old.len() - tail] {
        text.push_str(&format!("-{line}\n"));
    }
    for line in &new[head..new.len() - tail] {
        text.push_str(&format!("+{line}\n"));
    }
    for line in &old[old.len() - tail..old_end] {
        text.push_str(&format!(" {line}\n"));
    }
    text
}

//! Whether a refresh writes a delta over the current tables (see
//! [`TablesView`]'s layers) or merges everything into one tables file, and
//! what the delta then holds: the files parsed anew, the files of the
//! previous delta carried over, and the base's files whose record changes
//! (a new modification time or blob id); every other base file stays where
//! it is. The base's files that are not staying are hidden: replaced,
//! deleted, or hidden before.
//!
//! A delta costs a refresh what it holds, where a merge rewrites the tables
//! of the whole tree (seconds on the Linux tree); readers pay for it in
//! lookups that also ask the delta and skip hidden rows. So a delta is
//! written only over a base that is costly to rewrite, and the first
//! refresh whose delta would outgrow a share of the base merges instead,
//! as the compaction of a log-structured store does. Before it comes to
//! that, a delta past half that share is due for a merge in the background
//! (`merge`), which rewrites the tables while refreshes go on.

use super::plan::Plan;
use crate::store::{Manifest, TablesView};

/// Below this many files a base is rewritten on every refresh: it takes
/// milliseconds, and one tables file is what every reader reads best.
pub(crate) const MIN_BASE_FILES: usize = 1_000;

/// A delta's files and the base's files it hides stay within this share
/// (one in sixteen) of the base's files; a refresh past it merges.
pub(crate) const MAX_DELTA_SHARE: usize = 16;

/// A delta past this share (one in thirty-two) of the base's files is due
/// for a merge in the background: half the share at which a refresh merges
/// in the foreground, so that a merge has the time of as many changes again
/// to land before a refresh must wait for one.
pub(crate) const MERGE_DUE_SHARE: usize = 32;

/// Whether the generation `manifest` names has a delta due for a merge in
/// the background ([`merge_layers`](super::merge::merge_layers)). Read off
/// the manifest alone, so that a command can ask after every refresh.
pub fn merge_due(manifest: &Manifest) -> bool {
    let Some(delta) = &manifest.delta else { return false };
    let base_files = delta.base_stats.files as usize;
    let hidden = delta.hidden.len();
    // The generation's files are the base's, less the hidden, plus the delta's.
    let delta_files = (manifest.stats.files as usize + hidden).saturating_sub(base_files);
    hidden + delta_files > base_files / MERGE_DUE_SHARE
}

/// What a refresh that writes a delta keeps where it is and hides.
pub(crate) struct DeltaPlan {
    /// Per previous file id: whether it stays in the base.
    pub(crate) stays: Vec<bool>,
    /// The base's files hidden, sorted.
    pub(crate) hidden: Vec<u32>,
    /// Files the delta will hold (an estimate: a parsed file may turn out binary).
    pub(crate) delta_files: usize,
}

/// The delta a refresh from `previous` with `plans` writes, or `None` when
/// it merges (a small base, or a delta past its share).
pub(crate) fn delta_plan(previous: &TablesView, plans: &[Plan]) -> Option<DeltaPlan> {
    let base_files = previous.base_files_len();
    if base_files < MIN_BASE_FILES {
        return None;
    }
    let mut stays = vec![false; previous.files_len()];
    let mut delta_files = 0;
    for plan in plans {
        match plan {
            Plan::Reuse { previous: id, mtime_ns, blob } if previous.is_base_file(*id) => {
                let record = previous.file(*id);
                if record.mtime_ns == *mtime_ns && record.blob == *blob {
                    stays[*id as usize] = true;
                } else {
                    delta_files += 1;
                }
            }
            Plan::Reuse { .. } | Plan::Parse => delta_files += 1,
            Plan::KeepSkipped { .. } => {}
        }
    }
    let hidden: Vec<u32> = (0..base_files as u32).filter(|&id| !stays[id as usize]).collect();
    (hidden.len() + delta_files <= base_files / MAX_DELTA_SHARE).then_some(DeltaPlan { stays, hidden, delta_files })
}

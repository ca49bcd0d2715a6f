//! The plan of a run: for each discovered file, whether its previous record
//! is carried over, it is parsed anew, or it stays skipped; decided by size
//! and modification time, then by git's index, then by the content hash.
//! Also the renames a run finds among the files it parsed.

use crate::discover::git_state::{self, BlobId, GitIndex, GitWorkTree, UNKNOWN_BLOB};
use crate::discover::{Candidate, SkipReason, SkippedFile};
use crate::store::{FileRecord, TablesView};
use rayon::prelude::*;
use std::collections::HashMap;

/// What to do with one discovered file.
pub(crate) enum Plan {
    /// Carry over the previous record (index into the previous tables), with
    /// a new modification time if only that changed, and the blob id a full
    /// build would record now (zeros outside git).
    Reuse { previous: u32, mtime_ns: u64, blob: BlobId },
    /// Read and parse it.
    Parse,
    /// It was skipped at read time before (binary, unreadable) and has not
    /// changed since: skip it again without reading (index into the previous skipped list).
    KeepSkipped { previous: u32 },
}

/// The plans of a run, with how the content of files whose modification
/// time moved was judged.
pub(crate) struct Planned {
    pub(crate) plans: Vec<Plan>,
    pub(crate) read_to_compare: usize,
    pub(crate) known_from_git: usize,
}

/// What the size and modification time alone say about a file.
enum FirstLook {
    Decided(Plan),
    /// Same size, but the content must be judged (the time moved, or the
    /// record has no blob id and git wants one): the previous record's id.
    Judge(u32),
}

/// How a file's content was judged.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judged {
    ByGit,
    ByReading,
}

/// Decides per file whether to reuse the previous record or parse anew.
/// Size and modification time decide; when only the time differs, git's
/// index does if it knows the content (a stat-clean entry: its blob id
/// against the record's), else the content hash, so a `touch`, a checkout
/// of equal content or a branch switch and back re-parses nothing, and
/// with git reads nothing either.
pub(crate) fn plan(candidates: &[Candidate], previous: Option<&TablesView>, skipped: &[SkippedFile], git: Option<&GitWorkTree>) -> Planned {
    let Some(tables) = previous else {
        return Planned { plans: candidates.iter().map(|_| Plan::Parse).collect(), read_to_compare: 0, known_from_git: 0 };
    };
    let git_blobs = git.is_some();
    let looks: Vec<FirstLook> = candidates.par_iter().map(|candidate| first_look(candidate, tables, skipped, git_blobs)).collect();
    // Git's index is read only when some file needs judging; a damaged one
    // leaves every judgement to reading.
    let index = git.filter(|_| looks.iter().any(|l| matches!(l, FirstLook::Judge(_)))).and_then(GitWorkTree::index);
    let judged: Vec<(Plan, Option<Judged>)> = candidates
        .par_iter()
        .zip(looks)
        .map(|(candidate, look)| match look {
            FirstLook::Decided(plan) => (plan, None),
            FirstLook::Judge(id) => {
                let (plan, how) = judge(candidate, id, tables.file(id), index.as_ref(), git_blobs);
                (plan, Some(how))
            }
        })
        .collect();
    let count = |how: Judged| judged.iter().filter(|(_, h)| *h == Some(how)).count();
    let (read_to_compare, known_from_git) = (count(Judged::ByReading), count(Judged::ByGit));
    Planned { plans: judged.into_iter().map(|(plan, _)| plan).collect(), read_to_compare, known_from_git }
}

fn first_look(candidate: &Candidate, tables: &TablesView, skipped: &[SkippedFile], git_blobs: bool) -> FirstLook {
    if let Ok(at) = skipped.binary_search_by(|s| s.path.as_str().cmp(&candidate.path)) {
        let was = &skipped[at];
        // A candidate is under the current size cap, so an old
        // "too large" no longer holds; other reasons do while the file is unchanged.
        let still_applies = !matches!(was.reason, SkipReason::TooLarge { .. });
        if still_applies && was.size == candidate.size && was.mtime_ns == candidate.mtime_ns && was.mtime_ns != 0 {
            return FirstLook::Decided(Plan::KeepSkipped { previous: at as u32 });
        }
    }
    let Some(id) = tables.file_by_path(&candidate.path) else { return FirstLook::Decided(Plan::Parse) };
    let record = tables.file(id);
    if !candidate.language.admits(record.language) || record.size != candidate.size {
        return FirstLook::Decided(Plan::Parse);
    }
    // A record made outside git has no blob id; a full build in git would
    // record one, so it has to be computed once (from a read).
    let blob_missing = git_blobs && record.blob == UNKNOWN_BLOB;
    if record.mtime_ns == candidate.mtime_ns && !blob_missing {
        let blob = if git_blobs { record.blob } else { UNKNOWN_BLOB };
        return FirstLook::Decided(Plan::Reuse { previous: id, mtime_ns: candidate.mtime_ns, blob });
    }
    FirstLook::Judge(id)
}

/// Judges the content of a file of the same size as its record: by git's
/// blob id when git's index is stat-clean for it, else by reading it.
fn judge(candidate: &Candidate, id: u32, record: FileRecord<'_>, index: Option<&GitIndex>, git_blobs: bool) -> (Plan, Judged) {
    let reuse = |blob| Plan::Reuse { previous: id, mtime_ns: candidate.mtime_ns, blob };
    if record.blob != UNKNOWN_BLOB
        && let Some(blob) = index.and_then(|i| i.clean_blob(&candidate.path, &candidate.abs_path, candidate.size, candidate.mtime_ns))
    {
        // The record's id was computed from the bytes as read; git's is of
        // the content after its clean filters. Without filters equal ids
        // mean equal bytes; with one (CRLF conversion) they differ, and the
        // file is parsed: wasted work, never a stale record.
        return (if blob == record.blob { reuse(blob) } else { Plan::Parse }, Judged::ByGit);
    }
    let plan = match std::fs::read(&candidate.abs_path) {
        Ok(bytes) if bytes.len() as u64 == record.size && xxhash_rust::xxh3::xxh3_64(&bytes) == record.hash => {
            let blob = match (git_blobs, record.blob) {
                (false, _) => UNKNOWN_BLOB,
                (true, UNKNOWN_BLOB) => git_state::blob_id(&bytes),
                (true, known) => known,
            };
            reuse(blob)
        }
        _ => Plan::Parse,
    };
    (plan, Judged::ByReading)
}

/// What identifies a file's content, to pair a new path with a gone one.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ContentKey {
    pub(crate) size: u64,
    pub(crate) hash: u64,
    pub(crate) blob: BlobId,
}

/// Pairs parsed files at new paths (`arrivals`) with previous files that are
/// gone (not reused, path no longer discovered) of the same content: renames.
/// A blob id takes part only when both sides know it, so renames are found
/// outside git too.
pub(crate) fn count_renames(previous: &TablesView, reused: &[bool], candidates: &[Candidate], arrivals: &[ContentKey]) -> usize {
    let mut gone: HashMap<(u64, u64), Vec<BlobId>> = HashMap::new();
    for (id, record) in previous.files() {
        if !reused[id as usize] && candidates.binary_search_by(|c| c.path.as_str().cmp(record.path)).is_err() {
            gone.entry((record.size, record.hash)).or_default().push(record.blob);
        }
    }
    let mut renamed = 0;
    for arrival in arrivals {
        let Some(blobs) = gone.get_mut(&(arrival.size, arrival.hash)) else { continue };
        let matches = |blob: &BlobId| *blob == arrival.blob || *blob == UNKNOWN_BLOB || arrival.blob == UNKNOWN_BLOB;
        if let Some(at) = blobs.iter().position(matches) {
            blobs.swap_remove(at);
            renamed += 1;
        }
    }
    renamed
}

/// For each previous file id, whether it is carried over unchanged (false
/// for the ids of files a delta hides: they are gone already).
pub(crate) fn reused_mask(previous: &TablesView, plans: &[Plan]) -> Vec<bool> {
    let mut kept = vec![false; previous.files_len()];
    for plan in plans {
        if let Plan::Reuse { previous, .. } = plan {
            kept[*previous as usize] = true;
        }
    }
    kept
}

//! The merge of a generation's layers in the background: its base and
//! delta (see `layers`) rewritten as one tables file, the tables a full
//! rebuild of the same tree would write, while refreshes go on.
//!
//! A refresh of a large tree writes a delta in a fraction of a second; the
//! merge that folds it back rewrites every file's rows (seconds on a kernel
//! tree). So the merge does not hold the writer's lock while it writes:
//! under a lock of its own (one merge per root) it writes the merged tables
//! of the current generation into a staging directory, then takes the
//! writer's lock only to commit them as the next generation, whose text
//! index, walk and counts are the merged generation's. If a refresh
//! committed meanwhile, the staged tables describe a tree that is no longer
//! current: they are dropped and the merge starts again from the newer
//! generation, a few times at most. A refresh whose delta outgrows its share
//! before a merge lands still merges in the foreground, so layers stay
//! bounded whatever happens here; a merge that is killed leaves only its
//! staging directory, which the next one empties.

use super::build::checked_root;
use super::layers::merge_due;
use super::run::IndexError;
use super::walk_state::{RENEWED_WALK_FILE, WALK_FILE, WalkState};
use crate::discover::DiscoveryOptions;
use crate::store::{Generation, Manifest, MergeLock, PendingGeneration, TablesBuilder, WriterLock, read_manifest, remove_old_generations, write_staged_tables};
use std::path::Path;
use std::time::{Duration, Instant};

/// Merges begun over a generation that a refresh replaced before they
/// could commit, after which a merge gives up (the next refresh past
/// [`MERGE_DUE_SHARE`](super::layers::MERGE_DUE_SHARE) asks again).
const ATTEMPTS: usize = 3;

/// How a merge ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The layers were merged into this generation.
    Merged {
        /// The generation committed.
        generation: u64,
        /// The generation whose layers it merged.
        from: u64,
    },
    /// The current generation has one tables file (or no index yet).
    NothingToMerge,
    /// Another merge of the same root is running.
    AlreadyRunning,
    /// Refreshes replaced the generation being merged every time.
    Overtaken,
}

/// What [`merge_layers`] did.
#[derive(Debug, Clone)]
pub struct MergeReport {
    /// How it ended.
    pub outcome: MergeOutcome,
    /// The manifest of the generation it committed.
    pub manifest: Option<Manifest>,
    /// Wall time, waits included.
    pub elapsed: Duration,
}

/// Whether a merge of `root`, whose current generation `manifest`
/// describes, should start now: its layers are due ([`merge_due`]) and no
/// merge is running, so a caller neither starts one that would only report
/// [`MergeOutcome::AlreadyRunning`] nor clobbers the running one's log.
pub fn merge_wanted(root: &Path, manifest: &Manifest) -> bool {
    merge_due(manifest) && !MergeLock::is_held(root)
}

/// Merges the layers of the current generation of `root` into one tables
/// file (see the module's doc). With `wait`, waits for a merge already
/// running to end and then merges what is left; without, leaves it to that
/// one. The working tree is not read: the merged generation describes the
/// tree the current one does.
pub fn merge_layers(root: &Path, wait: bool) -> Result<MergeReport, IndexError> {
    merge_layers_with(root, wait, &mut |_| {})
}

/// [`merge_layers`], calling `before_commit` with the attempt's number
/// once its tables are staged and before it takes the writer's lock: the
/// seam through which a test makes a refresh overtake a merge.
#[doc(hidden)]
pub fn merge_layers_with(root: &Path, wait: bool, before_commit: &mut dyn FnMut(usize)) -> Result<MergeReport, IndexError> {
    let started = Instant::now();
    let root = checked_root(root)?;
    let report = |outcome, manifest| Ok(MergeReport { outcome, manifest, elapsed: started.elapsed() });
    let Some(merge_lock) = MergeLock::acquire(&root, wait)? else { return report(MergeOutcome::AlreadyRunning, None) };
    for attempt in 0..ATTEMPTS {
        let Ok(generation) = Generation::open(&root) else { return report(MergeOutcome::NothingToMerge, None) };
        if generation.manifest.delta.is_none() {
            return report(MergeOutcome::NothingToMerge, None);
        }
        let tables = generation.read_tables()?;
        let staged = merge_lock.staging().join(crate::store::TABLES_FILE);
        // Every live file in path order, each carried as it is: what a
        // refresh that found nothing changed writes when it compacts, and
        // so what a full rebuild writes.
        let mut live: Vec<(u32, &str)> = tables.files().map(|(id, file)| (id, file.path)).collect();
        live.sort_unstable_by(|a, b| a.1.cmp(b.1));
        let mut builder = TablesBuilder::sized_like(&tables);
        for &(id, _) in &live {
            let record = tables.file(id);
            builder.reuse(id, record.mtime_ns, record.blob);
        }
        drop(live);
        let skipped = tables.skipped();
        let mut stats = builder.stats();
        stats.skipped = skipped.len() as u64;
        let written = write_staged_tables(&staged, builder, &skipped)?;
        drop(tables);
        before_commit(attempt);

        let Some(lock) = WriterLock::acquire(&root, true, || {})? else { continue };
        if read_manifest(&root)?.generation != generation.manifest.generation {
            // Overtaken: the staged tables go with the next attempt's.
            continue;
        }
        lock.remove_leftovers()?;
        let pending = PendingGeneration::begin(&root, lock)?;
        // The walk recorded for the merged generation (renewed since, or
        // as written) is this one's: both describe the same tree. The
        // renewed record is not linked as it is, because the manifest
        // would then list a file that later renewals replace.
        pending.adopt_tables(&staged, &generation, &[WALK_FILE, RENEWED_WALK_FILE])?;
        if let Some(walk) = WalkState::read(&generation) {
            pending.write_file(WALK_FILE, &walk.to_json())?;
        }
        let discovery = DiscoveryOptions { max_file_bytes: generation.manifest.max_file_bytes, follow_links: generation.manifest.follow_links };
        let manifest = pending.commit(written, stats, None, &discovery, Some(&generation))?;
        let outcome = MergeOutcome::Merged { generation: manifest.generation, from: generation.manifest.generation };
        // The merged generation, released, goes now rather than in the next refresh.
        drop(generation);
        remove_old_generations(&root);
        return report(outcome, Some(manifest));
    }
    report(MergeOutcome::Overtaken, None)
}

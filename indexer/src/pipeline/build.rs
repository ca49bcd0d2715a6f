//! One index run. It discovers files, compares them with the current
//! generation (size and modification time, then what git's index knows of
//! the content, then the content hash), re-parses
//! only what changed, carries everything else over, and commits the result
//! as a new generation equal to what a full rebuild would write. Changed
//! files are read, parsed and chunked in parallel batches, so only one batch
//! of text is in memory at a time.

use super::file::{Processed, add_file, process_file};
use super::layers::delta_plan;
use super::plan::{ContentKey, Plan, count_renames, plan, reused_mask};
use super::run::{ChangeCounts, IndexError, IndexOptions, IndexProgress, IndexReport};
use crate::discover::config::RepoConfig;
use crate::discover::git_state::GitWorkTree;
use super::walk_state::{WALK_FILE, WalkState, discover_since};
use crate::discover::{Candidate, SkippedFile};
use crate::store::{DeltaLayer, Generation, PendingGeneration, StoreError, TablesBuilder, TablesView, WriterLock, link_files};
use crate::text_index::TextIndexWriter;
use crate::vectors::{self, GraphFile, PreviousGraph, SemanticOption, VectorsBuilder, VectorsFile, Wanted};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Below this many chunks the text index is merged into one segment after
/// every refresh: cheap at that size, and it keeps BM25 statistics exactly
/// those of a fresh build. Larger indexes leave merging to tantivy's policy.
const MERGE_ALL_BELOW_CHUNKS: usize = 50_000;

/// Builds or refreshes the index of `root`. The previous generation stays
/// readable until the new one is complete.
pub fn build_index(
    root: &Path,
    options: &IndexOptions,
    progress: &mut dyn FnMut(IndexProgress),
) -> Result<IndexReport, IndexError> {
    let started = Instant::now();
    let root = checked_root(root)?;
    let config = RepoConfig::load(&root)?;
    let cancelled = || options.cancel.is_cancelled();
    let mut waited = false;
    let lock = WriterLock::acquire(&root, options.wait_for_lock, || waited = true)?
        .ok_or_else(|| IndexError::Locked { root: root.clone() })?;
    if waited {
        progress(IndexProgress::WaitingForLock);
    }
    lock.remove_leftovers()?;

    // The size cap: a flag (inherit_size_cap false), else the configuration,
    // else what the current generation was built with, else the default.
    let mut options = options.clone();
    let current = crate::store::read_manifest(&root).ok();
    if options.inherit_size_cap {
        if let Some(cap) = config.max_file_bytes {
            options.discovery.max_file_bytes = cap;
        } else if let Some(manifest) = &current {
            options.discovery.max_file_bytes = manifest.max_file_bytes;
        }
    }
    // The memory budget: a flag, else the configuration.
    if let Some(bytes) = options.memory_bytes.or(config.memory_bytes) {
        options = options.with_memory_budget(bytes);
    }
    // Which links are followed: the same order of precedence.
    if options.inherit_follow_links {
        if let Some(follow) = config.follow_links.or(current.as_ref().map(|m| m.follow_links)) {
            options.discovery.follow_links = follow;
        }
    }
    let options = &options;
    // A previous generation that cannot be read is rebuilt from scratch.
    let previous = if options.full { None } else { open_previous(&root) };
    // Against it, a quick walk lists only the folders whose time moved.
    let discovery = discover_since(&root, &options.discovery, &config.path_filter(&root), previous.as_ref().map(|(g, t)| (g, t)));
    let walk_state = WalkState::of(&root, &discovery, &options.discovery);
    progress(IndexProgress::Discovered { files: discovery.candidates.len() });
    // Inside a git work tree, records carry blob ids and git's index can
    // vouch for files whose modification time moved.
    let git = GitWorkTree::discover(&root);
    let git_blobs = git.is_some();
    // Semantic layer: the previous vectors, and whether they are what this run wants.
    let previous_vectors = previous.as_ref().and_then(|(g, _)| VectorsFile::open(&g.dir).ok().flatten());
    let previous_model = previous_vectors.as_ref().map(|v| v.model().to_string());
    let wanted = Wanted::resolve(&options.semantic, previous.as_ref().map(|_| previous_model.as_deref()));
    let vectors_same = wanted.satisfied_by(previous_model.as_deref());
    // Its HNSW graph, when it has one that indexes those vectors (a damaged one made the
    // generation unreadable above, so this one is whole).
    let graph_config = config.graph_config();
    let previous_graph = previous.as_ref().zip(previous_vectors.as_ref()).and_then(|((g, _), v)| GraphFile::open(&g.dir).ok().flatten().filter(|graph| graph.indexes(v)));
    // A changed threshold adds or drops the graph even when no file changed.
    let graph_same = previous_vectors.as_ref().is_none_or(|v| previous_graph.is_some() == (v.len() >= graph_config.threshold.max(1)));
    // The previous generation's skipped files, read once for planning, the no-op check and the build.
    let skipped_before = previous.as_ref().map(|p| p.1.skipped()).unwrap_or_default();
    let planned = plan(&discovery.candidates, previous.as_ref().map(|p| &p.1), &skipped_before, git.as_ref());
    let mut plans = planned.plans;
    let to_parse = plans.iter().filter(|p| matches!(p, Plan::Parse)).count();
    let reused: Vec<bool> = previous.as_ref().map(|(_, t)| reused_mask(t, &plans)).unwrap_or_default();
    // A changed file's old record is dropped too, but it counts once, as parsed.
    let replaced = previous.as_ref().map_or(0, |(_, tables)| {
        discovery.candidates.iter().zip(&plans).filter(|(c, p)| matches!(p, Plan::Parse) && tables.file_by_path(&c.path).is_some()).count()
    });
    let deleted = previous.as_ref().map_or(0, |(_, tables)| tables.files().filter(|(id, _)| !reused[*id as usize]).count()) - replaced;
    let reused_count = plans.iter().filter(|p| matches!(p, Plan::Reuse { .. })).count();
    let changes = ChangeCounts {
        parsed: to_parse,
        reused: reused_count,
        deleted,
        renamed: 0,
        read_to_compare: planned.read_to_compare,
        known_from_git: planned.known_from_git,
    };

    if let Some((generation, tables)) = &previous {
        let records_same = plans.iter().all(|p| match p {
            Plan::Reuse { previous, mtime_ns, blob } => {
                let record = tables.file(*previous);
                record.mtime_ns == *mtime_ns && record.blob == *blob
            }
            Plan::Parse | Plan::KeepSkipped { .. } => true,
        });
        let mut skipped_now = discovery.skipped.clone();
        skipped_now.extend(plans.iter().filter_map(|p| match p {
            Plan::KeepSkipped { previous } => Some(skipped_before[*previous as usize].clone()),
            _ => None,
        }));
        skipped_now.sort_by(|a, b| a.path.cmp(&b.path));
        let same_cap = generation.manifest.max_file_bytes == options.discovery.max_file_bytes
            && generation.manifest.follow_links == options.discovery.follow_links;
        let compacted = !options.compact || !tables.is_layered();
        if to_parse == 0 && deleted == 0 && records_same && same_cap && skipped_before == skipped_now && vectors_same && graph_same && compacted {
            // The tree is the one indexed: when the record of its walk could
            // not say so cheaply, the record of this walk replaces it, so
            // the next check is quick again. Without it the check stays
            // slow (never wrong).
            if discovery.record_outdated() {
                let _ = walk_state.renew(generation);
            }
            return Ok(IndexReport {
                manifest: generation.manifest.clone(),
                skipped: skipped_before,
                files_with_diagnostics: tables.files().filter(|(id, _)| tables.diagnostics(*id).len() > 0).count(),
                up_to_date: true,
                changes,
                elapsed: started.elapsed(),
                semantic: previous_model,
            });
        }
        if let Some(limit) = options.max_changed_files
            && to_parse + deleted > limit {
                return Err(IndexError::TooManyChanges { root, changed: to_parse + deleted });
            }
    }

    if cancelled() {
        return Err(IndexError::Cancelled { root });
    }
    // This run writes a generation: the ones before the current can go
    // meanwhile (a no-op run keeps the previous one at rest, like a writing
    // run's own switch does).
    let _old_generations = JoinOnDrop(lock.start_removing_old_generations());
    let embedder = match (&options.semantic, wanted.load()) {
        (_, Ok(embedder)) => embedder,
        // An inherited model that is gone from the store leaves the index lexical.
        (SemanticOption::Inherit, Err(_)) => None,
        (_, Err(error)) => return Err(error.into()),
    };
    let mut vectors = embedder.map(|e| VectorsBuilder::new(e, previous_vectors.as_ref()));
    let (changes, reused) = match &vectors {
        // Vectors of another model cannot be carried over: every file is parsed and embedded.
        Some(builder) if !builder.can_reuse() && reused_count > 0 => {
            for p in plans.iter_mut() {
                if matches!(p, Plan::Reuse { .. }) {
                    *p = Plan::Parse;
                }
            }
            let reused = vec![false; reused.len()];
            (ChangeCounts { parsed: to_parse + reused_count, reused: 0, ..changes }, reused)
        }
        _ => (changes, reused),
    };
    let to_parse = changes.parsed;
    let pending = PendingGeneration::begin(&root, lock)?;
    let text_dir = pending.text_dir();
    let text_error = |source| StoreError::Text { path: text_dir.clone(), source };
    let incremental = previous.is_some();
    if let Some((generation, _)) = &previous {
        link_files(&generation.text_dir(), &text_dir, &[])?;
    }
    let threads = rayon::current_num_threads().clamp(1, 4);
    let writer = TextIndexWriter::create(&text_dir, incremental, threads, options.writer_memory_bytes).map_err(text_error)?;
    if let Some((_, tables)) = &previous {
        // Every record not carried over, a changed file's included (same
        // path, so its old documents go by the same key).
        for (id, file) in tables.files() {
            if !reused[id as usize] {
                writer.delete_file(file.path);
            }
        }
    }

    // A few changes to a large tree go to a delta over its tables; anything
    // else rewrites them whole (see `layers`). Vectors are stored by chunk
    // id, for one tables file: an index with them always merges.
    let layer = previous
        .as_ref()
        .filter(|_| !options.compact && vectors.is_none())
        .and_then(|(_, tables)| delta_plan(tables, &plans));
    let mut assembler = match (&previous, &layer) {
        (Some((_, tables)), Some(layer)) => {
            let parsed_bytes = discovery.candidates.iter().zip(&plans).filter(|(_, p)| matches!(p, Plan::Parse)).map(|(c, _)| c.size).sum();
            TablesBuilder::for_delta(tables, layer.delta_files, parsed_bytes)
        }
        (Some((_, tables)), None) => TablesBuilder::sized_like(tables),
        (None, _) => TablesBuilder::sized_for(discovery.candidates.len(), discovery.candidates.iter().map(|c| c.size).sum()),
    };
    let previous_tables = previous.as_ref().map(|p| &p.1);
    let mut skipped = discovery.skipped;
    let mut done = 0;
    // The content keys of parsed files at new paths, to pair them with gone files as renames.
    let mut arrivals: Vec<ContentKey> = Vec::new();
    let indexed: Vec<(&Candidate, &Plan)> = discovery.candidates.iter().zip(&plans).collect();
    let process_batch = |batch: &[(&Candidate, &Plan)]| -> Vec<Option<Processed>> {
        batch
            .par_iter()
            .map(|(candidate, plan)| (matches!(plan, Plan::Parse) && !cancelled()).then(|| process_file(candidate, options, git_blobs)))
            .collect()
    };
    // The next batch is read and parsed (on the rayon pool) while this
    // thread adds the current one to the tables and the text index, so the
    // cores do not wait for the one thread that assembles: two batches of
    // text at most are in memory.
    let added: Result<(), IndexError> = std::thread::scope(|scope| {
        let mut batches = indexed.chunks(options.batch_files.max(1));
        let mut next = batches.next().map(|batch| (batch, scope.spawn(move || process_batch(batch))));
        while let Some((batch, parsing)) = next.take() {
            let processed = parsing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if !cancelled() {
                next = batches.next().map(|batch| (batch, scope.spawn(move || process_batch(batch))));
            }
            if cancelled() {
                return Err(IndexError::Cancelled { root: root.clone() });
            }
            for ((candidate, plan), outcome) in batch.iter().zip(processed) {
                match (plan, outcome) {
                    (Plan::Reuse { previous, .. }, _) if layer.as_ref().is_some_and(|l| l.stays[*previous as usize]) => {}
                    (Plan::Reuse { previous, mtime_ns, blob }, _) => {
                        let previous_tables = previous_tables.expect("reuse plans come from previous tables");
                        if let Some(vectors) = vectors.as_mut() {
                            vectors.reuse(previous_tables.file(*previous).chunks);
                        }
                        assembler.reuse(*previous, *mtime_ns, *blob);
                    }
                    (Plan::Parse, Some(Processed::Indexed(file))) => {
                        if previous_tables.is_some_and(|t| t.file_by_path(&candidate.path).is_none()) {
                            arrivals.push(ContentKey { size: file.size, hash: file.hash, blob: file.blob });
                        }
                        if let Some(vectors) = vectors.as_mut() {
                            vectors.add(vectors::file_chunk_texts(&candidate.path, &file.text, &file.line_starts, &file.chunks, &file.parsed.symbols));
                        }
                        add_file(&mut assembler, candidate, *file, &writer).map_err(text_error)?;
                        done += 1;
                    }
                    (Plan::Parse, Some(Processed::Skipped(reason))) => {
                        skipped.push(SkippedFile { path: candidate.path.clone(), reason, size: candidate.size, mtime_ns: candidate.mtime_ns });
                        done += 1;
                    }
                    (Plan::KeepSkipped { previous }, _) => skipped.push(skipped_before[*previous as usize].clone()),
                    (Plan::Parse, None) => {}
                }
            }
            if let Some(vectors) = vectors.as_mut() {
                vectors.flush().map_err(vectors::VectorsError::from)?;
            }
            progress(IndexProgress::Parsed { done, total: to_parse });
        }
        Ok(())
    });
    if let Err(error) = added {
        // Nothing of this run is visible: the text writer's threads stop
        // first, then the pending directory is removed when `pending` is dropped.
        drop(writer);
        return Err(error);
    }
    let changes = match &previous {
        Some((_, tables)) => ChangeCounts { renamed: count_renames(tables, &reused, &discovery.candidates, &arrivals), ..changes },
        None => changes,
    };

    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let mut stats = assembler.stats();
    let mut files_with_diagnostics = assembler.files_with_diagnostics();
    let mut merge_all = assembler.chunks_len() < MERGE_ALL_BELOW_CHUNKS;
    // A delta's counts: the base's, less its hidden files, plus the delta's.
    let delta = match (&previous, &layer) {
        (Some((generation, tables)), Some(layer)) => {
            let base_stats = generation.manifest.delta.as_ref().map_or_else(|| generation.manifest.stats.clone(), |d| d.base_stats.clone());
            let delta_stats = stats;
            stats = base_stats.clone();
            for &hidden in &layer.hidden {
                stats.combine(&tables.file_stats(hidden), false);
            }
            stats.combine(&delta_stats, true);
            files_with_diagnostics +=
                (0..tables.base_files_len() as u32).filter(|&id| layer.stays[id as usize] && tables.diagnostics(id).len() > 0).count();
            merge_all = (stats.chunks as usize) < MERGE_ALL_BELOW_CHUNKS;
            Some(DeltaLayer { hidden: layer.hidden.clone(), base_stats })
        }
        _ => None,
    };
    stats.skipped = skipped.len() as u64;
    // The tables file is written and synced while tantivy commits (and,
    // for small indexes, merges): different files, mostly waiting on the disk.
    let (tables_written, text_finished) = std::thread::scope(|scope| {
        let tables = scope.spawn(|| match (&delta, &previous) {
            (Some(_), Some((generation, _))) => pending.write_delta(assembler, &skipped, generation),
            _ => pending.write_tables(assembler, &skipped),
        });
        let text = writer.finish(merge_all);
        (tables.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), text)
    });
    text_finished.map_err(text_error)?;
    let tables_written = tables_written?;
    let semantic = vectors.as_ref().map(|v| v.model().to_string());
    if let Some(vectors) = vectors {
        let (bytes, row_map) = vectors.finish().map_err(vectors::VectorsError::from)?;
        pending.write_file(vectors::VECTORS_FILE, &bytes)?;
        let written = VectorsFile::from_bytes(bytes).map_err(|why| vectors::VectorsError::Corrupt { path: pending.text_dir().with_file_name(vectors::VECTORS_FILE), why })?;
        let previous = match (&previous_graph, &previous_vectors, &row_map) {
            (Some(graph), Some(vectors), Some(row_map)) => Some(PreviousGraph { graph, vectors, row_map }),
            _ => None,
        };
        if let Some(graph) = vectors::graph_file(&written, previous, &graph_config) {
            pending.write_file(vectors::GRAPH_FILE, &graph)?;
        }
    }
    drop(previous_graph);
    drop(previous_vectors);
    // The previous generation stays open until the switch: files linked
    // from it keep the checksums its manifest gives them.
    pending.write_file(WALK_FILE, &walk_state.to_json())?;
    let manifest = pending.commit(tables_written, stats, delta, &options.discovery, previous.as_ref().map(|(g, _)| g))?;
    drop(previous);
    Ok(IndexReport { manifest, skipped, files_with_diagnostics, up_to_date: false, changes, elapsed: started.elapsed(), semantic })
}

/// Joins a helper thread when the run returns, however it returns.
struct JoinOnDrop(Option<std::thread::JoinHandle<()>>);

impl Drop for JoinOnDrop {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

pub(super) fn checked_root(root: &Path) -> Result<PathBuf, IndexError> {
    let bad = |why: String| IndexError::BadRoot { path: root.to_path_buf(), why };
    let metadata = std::fs::metadata(root).map_err(|e| bad(e.to_string()))?;
    if !metadata.is_dir() {
        return Err(bad("not a directory".into()));
    }
    std::fs::read_dir(root).map_err(|e| bad(e.to_string()))?;
    std::fs::canonicalize(root).map_err(|e| bad(e.to_string()))
}

fn open_previous(root: &Path) -> Option<(Generation, TablesView)> {
    let generation = Generation::open(root).ok()?;
    let tables = generation.read_tables().ok()?;
    Some((generation, tables))
}

//! One index run. It discovers files, compares them with the current
//! generation (size and modification time, then what git's index knows of
//! the content, then the content hash), re-parses
//! only what changed, carries everything else over, and commits the result
//! as a new generation equal to what a full rebuild would write. Changed
//! files are read, parsed and chunked in parallel batches, so only one batch
//! of text is in memory at a time.

use crate::cancel::CancelToken;
use crate::chunk::{ChunkLimits, ChunkSpan, chunk_file};
use crate::config::{ConfigError, RepoConfig};
use crate::discover::{Candidate, DiscoveryOptions, SkipReason, SkippedFile, discover_with, looks_binary};
use crate::git_state::{self, BlobId, GitIndex, GitWorkTree, UNKNOWN_BLOB};
use crate::language::Language;
use crate::parse::parse_source;
use crate::store::{Generation, IndexStats, Manifest, PendingGeneration, StoreError, WriterLock};
use crate::symbol::{ParsedFile, Symbol};
use crate::tables::{ChunkRecord, FileRecord, SymbolRecord, TablesView};
use crate::tables_builder::{FileFacts, TablesBuilder};
use crate::text_index::{ChunkText, TextIndexWriter};
use crate::vectors::{self, GraphFile, SemanticOption, VectorsBuilder, VectorsFile, Wanted};
use crate::vectors_graph::{self, PreviousGraph};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Below this many chunks the text index is merged into one segment after
/// every refresh: cheap at that size, and it keeps BM25 statistics exactly
/// those of a fresh build. Larger indexes leave merging to tantivy's policy.
const MERGE_ALL_BELOW_CHUNKS: usize = 50_000;

/// Settings of an index run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// What discovery includes.
    pub discovery: DiscoveryOptions,
    /// How files are chunked.
    pub chunk_limits: ChunkLimits,
    /// Files read and parsed per batch.
    pub batch_files: usize,
    /// Memory for tantivy's indexing buffers, in bytes.
    pub writer_memory_bytes: usize,
    /// Whether to wait when another process holds the writer lock.
    pub wait_for_lock: bool,
    /// Ignore the current generation and rebuild everything.
    pub full: bool,
    /// Use the size cap the current generation was built with, if there is
    /// one, instead of `discovery.max_file_bytes` (refreshes keep the
    /// settings of the index they refresh).
    pub inherit_size_cap: bool,
    /// Refresh only if at most this many files changed; otherwise leave the
    /// index as it is and report [`IndexError::TooManyChanges`].
    pub max_changed_files: Option<usize>,
    /// Stops the run when cancelled (checked between files and batches).
    pub cancel: CancelToken,
    /// Which embedder makes the chunk vectors of the semantic layer, if any.
    pub semantic: SemanticOption,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            discovery: DiscoveryOptions::default(),
            chunk_limits: ChunkLimits::default(),
            batch_files: 1024,
            writer_memory_bytes: 256 << 20,
            wait_for_lock: true,
            full: false,
            inherit_size_cap: true,
            max_changed_files: None,
            cancel: CancelToken::default(),
            semantic: SemanticOption::Inherit,
        }
    }
}

/// Progress of an index run, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum IndexProgress {
    /// Another process is indexing this root; waiting for it.
    WaitingForLock,
    /// Discovery finished with this many files to index.
    Discovered {
        /// Files to index.
        files: usize,
    },
    /// Files read and parsed so far.
    Parsed {
        /// Done.
        done: usize,
        /// Total to parse in this run.
        total: usize,
    },
}

/// What changed since the previous generation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    /// Files read and parsed (new or changed content).
    pub parsed: usize,
    /// Files carried over from the previous generation unread.
    pub reused: usize,
    /// Files of the previous generation that are gone or now skipped.
    pub deleted: usize,
    /// New paths whose content is that of a gone file (same size, xxh3 and,
    /// when both are known, git blob id): moves. Each is also counted as
    /// parsed and deleted, since paths are part of what is indexed.
    pub renamed: usize,
    /// Files read only to compare their content with the previous record
    /// (the modification time moved, or the record lacks a blob id that git
    /// now wants) because git's index could not vouch for them.
    pub read_to_compare: usize,
    /// Files whose modification time moved but whose content git's index
    /// knew (a stat-clean entry), judged by blob id without being read.
    pub known_from_git: usize,
}

/// What an index run did.
#[derive(Debug, Clone)]
pub struct IndexReport {
    /// The manifest of the current generation (new, or the old one if nothing changed).
    pub manifest: Manifest,
    /// Files passed over, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Files indexed with diagnostics (parse errors, invalid UTF-8).
    pub files_with_diagnostics: usize,
    /// Whether the index was already up to date (no generation written).
    pub up_to_date: bool,
    /// What changed.
    pub changes: ChangeCounts,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// The model of the generation's chunk vectors, if it has them.
    pub semantic: Option<String>,
}

/// Errors that stop an index run. Problems with single files never do.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The root is missing or not a directory.
    #[error("cannot index {path}: {why}")]
    BadRoot {
        /// The root given.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// Another process is writing the index and waiting was not wanted.
    #[error("another ctx process is indexing {root}; try again when it finishes")]
    Locked {
        /// The root.
        root: PathBuf,
    },
    /// More files changed than [`IndexOptions::max_changed_files`] allows.
    #[error("{changed} files changed since indexing {root}; run `ctx index` to refresh")]
    TooManyChanges {
        /// The root.
        root: PathBuf,
        /// Files that would be parsed or removed.
        changed: usize,
    },
    /// Reading or writing `.ctx/` failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `ctx.toml` or `.ctx/config.toml` is malformed.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// [`IndexOptions::cancel`] was cancelled; the current generation is unchanged.
    #[error("indexing {root} was cancelled; the index is as it was")]
    Cancelled {
        /// The root.
        root: PathBuf,
    },
    /// The embedding model could not be loaded or failed.
    #[error(transparent)]
    Vectors(#[from] vectors::VectorsError),
}

/// What to do with one discovered file.
enum Plan {
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
    if options.inherit_size_cap {
        if let Some(cap) = config.max_file_bytes {
            options.discovery.max_file_bytes = cap;
        } else if let Ok(manifest) = crate::store::read_manifest(&root) {
            options.discovery.max_file_bytes = manifest.max_file_bytes;
        }
    }
    let options = &options;
    let discovery = discover_with(&root, &options.discovery, &config.path_filter(&root));
    progress(IndexProgress::Discovered { files: discovery.candidates.len() });
    // Inside a git work tree, records carry blob ids and git's index can
    // vouch for files whose modification time moved.
    let git = GitWorkTree::discover(&root);
    let git_blobs = git.is_some();
    // A previous generation that cannot be read is rebuilt from scratch.
    let previous = if options.full { None } else { open_previous(&root) };
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
    let deleted = reused.iter().filter(|r| !**r).count() - replaced;
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
        let same_cap = generation.manifest.max_file_bytes == options.discovery.max_file_bytes;
        if to_parse == 0 && deleted == 0 && records_same && same_cap && skipped_before == skipped_now && vectors_same && graph_same {
            return Ok(IndexReport {
                manifest: generation.manifest.clone(),
                skipped: skipped_before,
                files_with_diagnostics: (0..tables.files_len() as u32).filter(|&f| tables.diagnostics(f).len() > 0).count(),
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
        link_tree(&generation.text_dir(), &text_dir)?;
    }
    let threads = rayon::current_num_threads().clamp(1, 4);
    let writer = TextIndexWriter::create(&text_dir, incremental, threads, options.writer_memory_bytes).map_err(text_error)?;
    if let Some((_, tables)) = &previous {
        // Every record not carried over, a changed file's included (same
        // path, so its old documents go by the same key).
        for (file, kept) in tables.files().zip(&reused) {
            if !kept {
                writer.delete_file(file.path);
            }
        }
    }

    let mut assembler = previous.as_ref().map_or_else(TablesBuilder::default, |(_, tables)| TablesBuilder::sized_like(tables));
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
    let (files, symbols, chunks, lines, bytes) = assembler.counts();
    let generated = assembler.generated_files() as u64;
    let stats = IndexStats { files, symbols, chunks, skipped: skipped.len() as u64, lines, bytes, generated };
    let files_with_diagnostics = assembler.files_with_diagnostics();
    let merge_all = assembler.chunks_len() < MERGE_ALL_BELOW_CHUNKS;
    // The tables file is written and synced while tantivy commits (and,
    // for small indexes, merges): different files, mostly waiting on the disk.
    let (tables_written, text_finished) = std::thread::scope(|scope| {
        let tables = scope.spawn(|| pending.write_tables(assembler, &skipped));
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
        if let Some(graph) = vectors_graph::graph_file(&written, previous, &graph_config) {
            pending.write_file(vectors::GRAPH_FILE, &graph)?;
        }
    }
    drop(previous_graph);
    drop(previous_vectors);
    // The previous generation stays open until the switch: files linked
    // from it keep the checksums its manifest gives them.
    let manifest = pending.commit(tables_written, stats, options.discovery.max_file_bytes, previous.as_ref().map(|(g, _)| g))?;
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

fn checked_root(root: &Path) -> Result<PathBuf, IndexError> {
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

/// The plans of a run, with how the content of files whose modification
/// time moved was judged.
struct Planned {
    plans: Vec<Plan>,
    read_to_compare: usize,
    known_from_git: usize,
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
fn plan(candidates: &[Candidate], previous: Option<&TablesView>, skipped: &[SkippedFile], git: Option<&GitWorkTree>) -> Planned {
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
    if record.language != candidate.language || record.size != candidate.size {
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
struct ContentKey {
    size: u64,
    hash: u64,
    blob: BlobId,
}

/// Pairs parsed files at new paths (`arrivals`) with previous files that are
/// gone (not reused, path no longer discovered) of the same content: renames.
/// A blob id takes part only when both sides know it, so renames are found
/// outside git too.
fn count_renames(previous: &TablesView, reused: &[bool], candidates: &[Candidate], arrivals: &[ContentKey]) -> usize {
    let mut gone: HashMap<(u64, u64), Vec<BlobId>> = HashMap::new();
    for (record, kept) in previous.files().zip(reused) {
        if !kept && candidates.binary_search_by(|c| c.path.as_str().cmp(record.path)).is_err() {
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

/// For each previous file, whether it is carried over unchanged.
fn reused_mask(previous: &TablesView, plans: &[Plan]) -> Vec<bool> {
    let mut kept = vec![false; previous.files_len()];
    for plan in plans {
        if let Plan::Reuse { previous, .. } = plan {
            kept[*previous as usize] = true;
        }
    }
    kept
}

/// Hard-links every file of `from` into `to` (tantivy never modifies a file
/// in place, so sharing them between generations is safe); copies where
/// links are not possible.
fn link_tree(from: &Path, to: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(to).map_err(StoreError::io("create", to))?;
    for entry in std::fs::read_dir(from).map_err(StoreError::io("list", from))?.flatten() {
        let source = entry.path();
        let target = to.join(entry.file_name());
        if source.is_dir() {
            link_tree(&source, &target)?;
        } else if entry.file_name().to_string_lossy().starts_with(".tantivy-") {
            continue; // lock files belong to their own directory
        } else if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target).map_err(StoreError::io("copy", &source))?;
        }
    }
    Ok(())
}

/// A file read, parsed and chunked, with its text for the text index.
struct IndexedFile {
    text: String,
    hash: u64,
    blob: BlobId,
    size: u64,
    parsed: ParsedFile,
    chunks: Vec<ChunkSpan>,
    line_starts: Vec<usize>,
    /// The text-index document of each chunk, in chunk order.
    documents: Vec<ChunkDocument>,
}

/// What the text index gets of one chunk besides its file's path, made on
/// the parsing threads so that the thread that assembles the tables and
/// feeds tantivy only moves strings.
struct ChunkDocument {
    names: String,
    doc: String,
    /// The chunk's bytes in the file's text.
    body: std::ops::Range<usize>,
    field_terms: [u32; 4],
}

enum Processed {
    Indexed(Box<IndexedFile>),
    Skipped(SkipReason),
}

/// Reads, parses and chunks one file; `git_blobs` says whether to compute
/// its git blob id (inside a git work tree).
fn process_file(candidate: &Candidate, options: &IndexOptions, git_blobs: bool) -> Processed {
    let bytes = match std::fs::read(&candidate.abs_path) {
        Ok(b) => b,
        Err(e) => return Processed::Skipped(SkipReason::Unreadable(e.to_string())),
    };
    // The file may have grown since discovery.
    if bytes.len() as u64 > options.discovery.max_file_bytes {
        return Processed::Skipped(SkipReason::TooLarge { bytes: bytes.len() as u64 });
    }
    if looks_binary(&bytes) {
        return Processed::Skipped(SkipReason::Binary);
    }
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let blob = if git_blobs { git_state::blob_id(&bytes) } else { UNKNOWN_BLOB };
    let size = bytes.len() as u64;
    let mut diagnostics = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push("invalid UTF-8; indexed with replacement characters".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let mut parsed = if candidate.language == Language::Text {
        ParsedFile::default()
    } else {
        parse_source(candidate.language, &text)
    };
    parsed.diagnostics.splice(0..0, diagnostics);
    let lines: Vec<&str> = text.lines().collect();
    let chunks = chunk_file(&lines, &parsed.symbols, options.chunk_limits);
    let line_starts = line_starts(&text);
    let documents = chunk_documents(&candidate.path, &text, &line_starts, &chunks, &parsed.symbols);
    Processed::Indexed(Box::new(IndexedFile { text, hash, blob, size, parsed, chunks, line_starts, documents }))
}

/// The text-index documents of a file's chunks: each chunk's body, and the
/// qualified names and doc comments of the definitions that start in it or
/// that it is a part of.
fn chunk_documents(path: &str, text: &str, line_starts: &[usize], chunks: &[ChunkSpan], symbols: &[Symbol]) -> Vec<ChunkDocument> {
    let line_count = line_starts.len() - 1;
    // Symbols come in source order, so the ones starting in a chunk are a
    // range found by binary search (a scan of all of them per chunk was
    // quadratic in files of thousands of definitions).
    let sorted = symbols.is_sorted_by_key(|s| s.start_line);
    chunks
        .iter()
        .map(|chunk| {
            let from = line_starts[(chunk.start_line as usize - 1).min(line_count)];
            let to = line_starts[(chunk.end_line as usize).min(line_count)];
            let starts_inside = |s: &Symbol| s.start_line >= chunk.start_line && s.start_line <= chunk.end_line;
            let own = chunk.symbol.map(|s| s as usize);
            let shown: Vec<usize> = if sorted {
                let first = symbols.partition_point(|s| s.start_line < chunk.start_line);
                let end = symbols.partition_point(|s| s.start_line <= chunk.end_line);
                let before = own.filter(|&s| s < first);
                let after = own.filter(|&s| s >= end);
                before.into_iter().chain(first..end).chain(after).collect()
            } else {
                (0..symbols.len()).filter(|&i| starts_inside(&symbols[i]) || own == Some(i)).collect()
            };
            let mut names = String::new();
            let mut doc = String::new();
            for symbol in shown.into_iter().map(|i| &symbols[i]) {
                names.push_str(&symbol.qualified_name);
                names.push(' ');
                if let Some(d) = &symbol.doc {
                    doc.push_str(d);
                    doc.push('\n');
                }
            }
            let body = from..to.max(from);
            let field_terms = ChunkText { ordinal: 0, path, names: &names, doc: &doc, body: text.get(body.clone()).unwrap_or_default() }.field_terms();
            ChunkDocument { names, doc, body, field_terms }
        })
        .collect()
}

/// Byte offset of the start of each line, plus the text length at the end
/// (so line `n`, 1-based, is `starts[n-1]..starts[n]`; an empty text has no lines).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    if text.is_empty() {
        return starts;
    }
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    if starts.last() == Some(&text.len()) {
        starts.pop();
    }
    starts.push(text.len());
    starts
}

/// Appends a parsed file to the tables and its chunks to the text index.
fn add_file(tables: &mut TablesBuilder, candidate: &Candidate, file: IndexedFile, writer: &TextIndexWriter) -> tantivy::Result<()> {
    let IndexedFile { text, hash, blob, size, parsed, chunks, line_starts, documents } = file;
    let symbol_base = tables.next_symbol();
    for symbol in &parsed.symbols {
        tables.push_symbol(&SymbolRecord {
            file: tables.next_file(),
            name: &symbol.name,
            kind: symbol.kind,
            qualified_name: &symbol.qualified_name,
            parent: symbol.parent.map(|p| p + symbol_base),
            start_line: symbol.start_line,
            end_line: symbol.end_line,
            signature: &symbol.signature,
            doc: symbol.doc.as_deref(),
        });
    }
    let line_count = (line_starts.len() - 1) as u32;
    for (ordinal, (chunk, document)) in chunks.iter().zip(&documents).enumerate() {
        writer.add(&ChunkText {
            ordinal: ordinal as u64,
            path: &candidate.path,
            names: &document.names,
            doc: &document.doc,
            body: text.get(document.body.clone()).unwrap_or_default(),
        })?;
        tables.push_chunk(&ChunkRecord {
            file: tables.next_file(),
            start_line: chunk.start_line,
            end_line: chunk.end_line,
            symbol: chunk.symbol.map(|s| s + symbol_base),
            kind: chunk.kind,
            field_terms: document.field_terms,
        });
    }
    for reference in &parsed.references {
        tables.push_reference(reference, reference.enclosing.map(|s| s + symbol_base));
    }
    for import in &parsed.imports {
        tables.push_import(&import.target, import.line);
    }
    for diagnostic in &parsed.diagnostics {
        tables.push_diagnostic(diagnostic);
    }
    for alias in &parsed.aliases {
        tables.push_alias(&alias.local, &alias.original, &alias.module);
    }
    tables.finish_file(&FileFacts {
        path: &candidate.path,
        language: candidate.language,
        size,
        mtime_ns: candidate.mtime_ns,
        hash,
        blob,
        lines: line_count,
        generated: parsed.generated,
    });
    Ok(())
}

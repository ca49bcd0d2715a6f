//! Retrieval: ranks chunks for a task by fusing BM25 over chunks with exact
//! matches of the identifiers, paths, traceback lines and messages the task
//! names. The weights are module constants, chosen on the dev tasks
//! (`benches/quality`); the measured ones are in `docs/decisions.md`.

use super::semantic;
use super::signals::{TaskSignals, extract};
use crate::graph::{Reached, SymbolGraph, personalised_pagerank};
use crate::loaded::{LoadedIndex, QueryError};
use crate::source::SourceCache;
use ctx_indexer::tokenize::terms;
use ctx_indexer::{TextField, TextQuery};
use std::collections::HashMap;

/// Field weights of the BM25 query: a task word that names a definition or a
/// path is stronger evidence than one in a body.
const FIELD_WEIGHTS: [(TextField, f32); 4] = [
    (TextField::Names, 2.5),
    (TextField::Path, 1.5),
    (TextField::Doc, 0.8),
    (TextField::Body, 1.0),
];
/// Bonus for a chunk owned by a symbol the task names (times confidence and specificity).
const SYMBOL_WEIGHT: f32 = 1.2;
/// Bonus for every chunk of a file whose path the task names.
const PATH_WEIGHT: f32 = 0.6;
/// Bonus for the chunk holding a line the task names (tracebacks, `file:line`).
const LINE_WEIGHT: f32 = 1.0;
/// Bonus for a chunk containing a quoted message from the task.
const PHRASE_WEIGHT: f32 = 0.8;
/// Share of a file's summed evidence given to each of its chunks.
const FILE_WEIGHT: f32 = 0.3;
/// Factor for files that look like tests, unless the task names them.
const TEST_FACTOR: f32 = 0.6;
/// Weight of the graph walk's mass (scaled so the definition it reaches
/// most gets this fraction of the best lexical score). Chosen on the 132
/// dev tasks (cl100k, file / edit recall, graph finds allowed bodies):
///
/// | weight | 8k | 32k |
/// |---|---|---|
/// | 0 (no graph) | 0.907 / 0.655 | 0.951 / 0.784 |
/// | 0.25 | 0.910 / 0.637 | 0.955 / 0.788 |
/// | 0.5 | 0.917 / 0.634 | 0.954 / 0.804 |
/// | 1.0 | 0.913 / 0.610 | 0.962 / 0.791 |
///
/// (before import aliases; see `GraphBodies` for how the finds are shown,
/// which decides the edit recall at 8k).
pub const GRAPH_WEIGHT: f32 = 0.5;
/// Ranked chunks whose definitions seed the walk.
const SEED_CHUNKS: usize = 12;
/// Names defined more often than this are too generic to count as a match.
const MAX_DEFINITIONS_PER_NAME: usize = 24;

/// English words left out of the BM25 query.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "to", "in", "on", "at", "by",
    "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its",
    "this", "that", "these", "those", "there", "here", "i", "we", "you", "he", "she", "they", "me",
    "my", "our", "your", "not", "no", "do", "does", "did", "so", "can", "could", "should", "would",
    "will", "have", "has", "had", "which", "what", "when", "where", "who", "how", "why", "all",
    "any", "some", "also", "just", "than", "into", "about", "like", "get", "see", "use", "using",
    "used", "one", "would", "there", "because", "however", "only", "more", "very", "way",
];

/// A chunk ranked for a task.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedChunk {
    /// Global chunk id.
    pub chunk: u32,
    /// Fused score; higher is better.
    pub score: f32,
    /// The part of the score the graph walk gave, and how it got there.
    pub graph: Option<(f32, Reached)>,
    /// The score without the graph walk's part.
    pub lexical: f32,
}

/// Settings of retrieval.
#[derive(Debug, Clone)]
pub struct RetrievalOptions {
    /// How many BM25 hits to fetch.
    pub bm25_limit: usize,
    /// Weight of the graph walk (0 turns it off); see [`GRAPH_WEIGHT`].
    pub graph_weight: f32,
    /// The weight of the nearest chunk by embedding (see `semantic`), or
    /// `None` for lexical retrieval only.
    pub semantic_weight: Option<f32>,
}

impl Default for RetrievalOptions {
    fn default() -> Self {
        RetrievalOptions { bm25_limit: 400, graph_weight: GRAPH_WEIGHT, semantic_weight: None }
    }
}

/// Ranks chunks for `task`, best first.
pub fn rank_chunks(
    index: &LoadedIndex,
    task: &str,
    options: &RetrievalOptions,
    sources: &mut SourceCache,
) -> Result<Vec<RankedChunk>, QueryError> {
    let signals = extract(task);
    let mut scores: HashMap<u32, f32> = HashMap::new();

    for (chunk, score) in bm25(index, task, options.bm25_limit)? {
        *scores.entry(chunk).or_default() += score;
    }
    for (chunk, bonus) in symbol_matches(index, &signals) {
        *scores.entry(chunk).or_default() += bonus;
    }
    // Semantic layer: absent vectors or model leave retrieval lexical.
    if let Some(weight) = options.semantic_weight {
        for (chunk, bonus) in semantic::matches(index, task, weight).unwrap_or_default() {
            *scores.entry(chunk).or_default() += bonus;
        }
    }
    let named_files = path_matches(index, &signals, &mut scores);
    phrase_matches(index, &signals, &mut scores, sources);
    file_aggregation(index, &mut scores);
    let lexical = scores.clone();
    let walked = if options.graph_weight > 0.0 { graph_walk(index, &mut scores, options.graph_weight) } else { HashMap::new() };

    let mut ranked: Vec<RankedChunk> = scores
        .into_iter()
        .map(|(chunk, mut score)| {
            let file = index.tables.chunk(chunk).file;
            let mut lexical = lexical.get(&chunk).copied().unwrap_or(0.0);
            if looks_like_test(index.tables.file(file).path) && !named_files.contains(&file) {
                score *= TEST_FACTOR;
                lexical *= TEST_FACTOR;
            }
            RankedChunk { chunk, score, graph: walked.get(&chunk).copied(), lexical }
        })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| index.tables.cmp_chunks(a.chunk, b.chunk)));
    Ok(ranked)
}

/// Seeds a personalised PageRank with the definitions of the best chunks
/// and adds the mass it gives each definition to that definition's
/// chunks, so code one or two hops from the task's words (a caller, a
/// callee, a base class, an implementation) joins the candidates.
fn graph_walk(index: &LoadedIndex, scores: &mut HashMap<u32, f32>, weight: f32) -> HashMap<u32, (f32, Reached)> {
    let mut ordered: Vec<(u32, f32)> = scores.iter().map(|(c, s)| (*c, *s)).collect();
    ordered.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| index.tables.cmp_chunks(a.0, b.0)));
    let Some(&(_, top)) = ordered.first() else { return HashMap::new() };
    let mut seeds: Vec<(u32, f32)> = Vec::new();
    for (chunk, score) in ordered.iter().take(SEED_CHUNKS) {
        if let Some(symbol) = index.tables.chunk(*chunk).symbol
            && !seeds.iter().any(|s| s.0 == symbol) {
                seeds.push((symbol, *score));
            }
    }
    let mut graph = SymbolGraph::new(index);
    let mut reached = personalised_pagerank(&mut graph, &seeds);
    // The seeds are ranked already; the walk's job is what they lead to.
    reached.retain(|symbol, _| !seeds.iter().any(|s| s.0 == *symbol));
    let most = reached.values().map(|r| r.0).fold(0.0f32, f32::max);
    if most <= 0.0 {
        return HashMap::new();
    }
    // In symbol order, so that sums and the reason kept per chunk do not
    // depend on hash order: packs must be the same on every run.
    let mut reached: Vec<(u32, (f32, Reached))> = reached.into_iter().collect();
    reached.sort_by_key(|(symbol, _)| *symbol);
    let mut walked: HashMap<u32, (f32, Reached)> = HashMap::new();
    let mut strongest: HashMap<u32, f32> = HashMap::new();
    for (symbol, (mass, how)) in reached {
        let bonus = weight * top * mass / most;
        for chunk in index.chunks_of_symbol(symbol) {
            *scores.entry(chunk).or_default() += bonus;
            // The chunk's graph part is the sum; its reason, the strongest find.
            let entry = walked.entry(chunk).or_insert((0.0, how));
            entry.0 += bonus;
            let best = strongest.entry(chunk).or_insert(f32::MIN);
            if bonus > *best {
                *best = bonus;
                entry.1 = how;
            }
        }
    }
    walked
}

/// BM25 over chunks, scores normalised so the best hit is 1.
fn bm25(index: &LoadedIndex, task: &str, limit: usize) -> Result<Vec<(u32, f32)>, QueryError> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for term in terms(task) {
        if STOPWORDS.contains(&term.as_str()) || term.len() < 2 {
            continue;
        }
        *counts.entry(term).or_default() += 1;
    }
    let mut query = TextQuery::default();
    for (term, count) in counts {
        let repetition = 1.0 + (count as f32).ln().min(2.0) * 0.5;
        for (field, weight) in FIELD_WEIGHTS {
            query.clauses.push((field, term.clone(), weight * repetition));
        }
    }
    let hits = index.text.search(&query, index.corpus, limit)?;
    let best = hits.first().map(|h| h.2).unwrap_or(1.0).max(f32::EPSILON);
    Ok(hits
        .into_iter()
        .filter_map(|(key, ordinal, score)| Some((index.chunk_of_hit(key, ordinal)?, score / best)))
        .collect())
}

/// Chunks of the definitions the task names, with their bonus.
fn symbol_matches(index: &LoadedIndex, signals: &TaskSignals) -> Vec<(u32, f32)> {
    let mut out = Vec::new();
    for mention in &signals.mentions {
        let ids = index.symbols_named(&mention.name);
        if ids.is_empty() || ids.len() > MAX_DEFINITIONS_PER_NAME {
            continue;
        }
        let qualified: Vec<u32> = match &mention.qualifier {
            Some(q) => ids
                .iter()
                .copied()
                .filter(|&id| {
                    let parent = index.tables.symbol(id).parent;
                    parent.is_some_and(|p| index.tables.symbol(p).name == *q)
                })
                .collect(),
            None => Vec::new(),
        };
        let (chosen, strength) = if qualified.is_empty() { (ids.to_vec(), 1.0) } else { (qualified, 1.5) };
        let specificity = 1.0 / (chosen.len() as f32).sqrt();
        for id in chosen {
            let exact_case = index.tables.symbol(id).name == mention.name;
            let bonus = SYMBOL_WEIGHT * mention.confidence * specificity * strength * if exact_case { 1.0 } else { 0.7 };
            for chunk in index.chunks_of_symbol(id) {
                out.push((chunk, bonus));
            }
        }
    }
    out
}

/// Adds bonuses for files and lines the task names; returns the named files.
fn path_matches(index: &LoadedIndex, signals: &TaskSignals, scores: &mut HashMap<u32, f32>) -> Vec<u32> {
    let mut named = Vec::new();
    for mention in &signals.paths {
        let Some(file) = file_by_suffix(index, &mention.path) else { continue };
        named.push(file);
        let (from, to) = index.tables.file(file).chunks;
        for chunk in from..to {
            let record = index.tables.chunk(chunk);
            let mut bonus = PATH_WEIGHT;
            if let Some(line) = mention.line
                && record.start_line <= line && line <= record.end_line {
                    bonus += LINE_WEIGHT;
                }
            *scores.entry(chunk).or_default() += bonus;
        }
    }
    for module in &signals.modules {
        let candidates = [format!("{module}.py"), format!("{module}/__init__.py"), format!("{module}.rs"), format!("{module}/mod.rs")];
        for candidate in &candidates {
            if let Some(file) = file_by_suffix(index, candidate) {
                named.push(file);
                let (from, to) = index.tables.file(file).chunks;
                for chunk in from..to {
                    *scores.entry(chunk).or_default() += PATH_WEIGHT * 0.5;
                }
                break;
            }
        }
    }
    named
}

/// The indexed file whose path ends with `path` (component-wise), trying
/// shorter suffixes of an absolute or foreign path.
fn file_by_suffix(index: &LoadedIndex, path: &str) -> Option<u32> {
    let components: Vec<&str> = path.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
    for skip in 0..components.len() {
        let suffix = components[skip..].join("/");
        if let Some(id) = index.tables.file_by_path(&suffix) {
            return Some(id);
        }
        // A bare file name or short suffix: accept it only when unique.
        if components.len() - skip <= 2 {
            let name = components[components.len() - 1];
            let mut matches = index.files_named(name).iter().copied().filter(|&id| {
                let path = index.tables.file_path(id);
                path == suffix || path.strip_suffix(suffix.as_str()).is_some_and(|head| head.ends_with('/'))
            });
            let first = matches.next();
            if let (Some(id), None) = (first, matches.next()) {
                return Some(id);
            }
            return None;
        }
    }
    None
}

/// Adds a bonus to already-ranked chunks that contain a quoted message.
fn phrase_matches(index: &LoadedIndex, signals: &TaskSignals, scores: &mut HashMap<u32, f32>, sources: &mut SourceCache) {
    if signals.phrases.is_empty() {
        return;
    }
    let mut top: Vec<(u32, f32)> = scores.iter().map(|(c, s)| (*c, *s)).collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (chunk, _) in top.into_iter().take(100) {
        let record = index.tables.chunk(chunk);
        let path = index.tables.file(record.file).path;
        let Some(text) = sources.get(&index.root, path) else { continue };
        let body = text.lines(record.start_line, record.end_line);
        if signals.phrases.iter().any(|p| body.contains(p.as_str())) {
            *scores.entry(chunk).or_default() += PHRASE_WEIGHT;
        }
    }
}

/// Gives each chunk a share of its file's evidence: code next to many hits
/// is more likely relevant than an isolated hit.
fn file_aggregation(index: &LoadedIndex, scores: &mut HashMap<u32, f32>) {
    let mut per_file: HashMap<u32, Vec<f32>> = HashMap::new();
    for (&chunk, &score) in scores.iter() {
        per_file.entry(index.tables.chunk(chunk).file).or_default().push(score);
    }
    let file_scores: HashMap<u32, f32> = per_file
        .into_iter()
        .map(|(file, mut s)| {
            s.sort_by(|a, b| b.total_cmp(a));
            (file, s.iter().take(3).sum::<f32>())
        })
        .collect();
    for (chunk, score) in scores.iter_mut() {
        let file = index.tables.chunk(*chunk).file;
        *score += FILE_WEIGHT * file_scores.get(&file).copied().unwrap_or(0.0) / 3.0;
    }
}

/// Whether a path looks like a test file.
pub fn looks_like_test(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    path.split('/').any(|c| matches!(c, "test" | "tests" | "testing" | "__tests__" | "testdata"))
        || name.starts_with("test_")
        || name.ends_with("_test.py")
        || name.ends_with("_test.go")
        || name.contains(".test.")
        || name.contains(".spec.")
        || name == "conftest.py"
}

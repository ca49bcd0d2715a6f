//! Retrieval: ranks chunks for a task by fusing BM25 over chunks with exact
//! matches of the identifiers, paths, traceback lines and messages the task
//! names. The weights are module constants, chosen on the dev tasks
//! (`benches/quality`); the measured ones are in `docs/decisions.md`.

use super::priors::{newer_versions, path_factor};
use super::semantic;
use super::signals::{TaskSignals, extract};
use super::stem::stem;
use super::tuning::Tuning;
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
/// Bonus for every chunk of a file whose path the task names.
const PATH_WEIGHT: f32 = 0.6;
/// Bonus for the chunk holding a line the task names (tracebacks, `file:line`).
const LINE_WEIGHT: f32 = 1.0;
/// Bonus for a chunk containing a quoted message from the task.
const PHRASE_WEIGHT: f32 = 0.8;
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
    /// The weights of the signals, by name.
    pub tuning: Tuning,
}

impl Default for RetrievalOptions {
    fn default() -> Self {
        RetrievalOptions { bm25_limit: 400, graph_weight: GRAPH_WEIGHT, semantic_weight: None, tuning: Tuning::default() }
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
    let tuning = &options.tuning;
    let mut scores: HashMap<u32, f32> = HashMap::new();

    let counts = weighed_terms(task);
    for (chunk, score) in bm25(index, task, &counts, signals.lone.is_some(), options.bm25_limit, tuning)? {
        *scores.entry(chunk).or_default() += score;
    }
    for (chunk, bonus) in symbol_matches(index, &signals, tuning.symbol_weight_for(counts.len())) {
        *scores.entry(chunk).or_default() += bonus;
    }
    if tuning.define > 0.0 {
        definition_matches(index, &signals, tuning, &mut scores);
    }
    // Semantic layer: absent vectors or model leave retrieval lexical.
    if let Some(weight) = options.semantic_weight {
        for (chunk, bonus) in semantic::matches(index, task, weight).unwrap_or_default() {
            *scores.entry(chunk).or_default() += bonus;
        }
    }
    let named_files = path_matches(index, &signals, &mut scores);
    phrase_matches(index, &signals, &mut scores, sources);
    if tuning.path_words > 0.0 && signals.lone.is_none() {
        path_word_matches(index, task, tuning, &mut scores);
    }
    file_aggregation(index, &mut scores, tuning.file_weight, tuning.file_top.max(1.0) as usize);
    if tuning.coherence > 0.0 {
        file_coherence(index, &mut scores, tuning.coherence);
    }
    let lexical = scores.clone();
    let walked = if options.graph_weight > 0.0 { graph_walk(index, &mut scores, options.graph_weight) } else { HashMap::new() };

    // A version the task names (`v3`, `v1.5`) is asked for, not superseded.
    let lowered = task.to_ascii_lowercase();
    let task_words: std::collections::HashSet<&str> = lowered.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).map(|w| w.trim_matches('.')).collect();
    let mut factors: HashMap<u32, f32> = HashMap::new();
    let mut ranked: Vec<RankedChunk> = scores
        .into_iter()
        .map(|(chunk, mut score)| {
            let file = index.tables.chunk(chunk).file;
            let mut lexical = lexical.get(&chunk).copied().unwrap_or(0.0);
            let factor = *factors.entry(file).or_insert_with(|| {
                if named_files.contains(&file) {
                    return 1.0;
                }
                let record = index.tables.file(file);
                path_factor(record.path, record.language, record.size, record.lines, superseded(index, record.path, &task_words), tuning)
            });
            score *= factor;
            lexical *= factor;
            RankedChunk { chunk, score, graph: walked.get(&chunk).copied(), lexical }
        })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| index.tables.cmp_chunks(a.chunk, b.chunk)));
    Ok(ranked)
}

/// Whether the file at `path` sits in a version's folder that a newer
/// version in the index supersedes, and the task does not name that version.
fn superseded(index: &LoadedIndex, path: &str, task_words: &std::collections::HashSet<&str>) -> bool {
    let newer = newer_versions(path);
    !newer.versions.iter().any(|v| task_words.contains(v.as_str()))
        && (newer.folders.iter().any(|folder| index.tables.has_file_under(folder)) || newer.files.iter().any(|file| index.tables.file_by_path(file).is_some()))
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

/// The words of `task` the ranking weighs, with how often each occurs,
/// sorted by word: those of two letters or more that are no stopwords.
fn weighed_terms(task: &str) -> Vec<(String, u32)> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for term in terms(task) {
        if STOPWORDS.contains(&term.as_str()) || term.len() < 2 {
            continue;
        }
        *counts.entry(term).or_default() += 1;
    }
    let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
    counts.sort_unstable();
    counts
}

/// How many distinct words of `task` the ranking weighs: it tells a short
/// query from a whole task.
pub fn distinct_terms(task: &str) -> usize {
    weighed_terms(task).len()
}

/// BM25 over chunks, scores normalised so the best hit is 1.
fn bm25(index: &LoadedIndex, task: &str, counts: &[(String, u32)], lone_name: bool, limit: usize, tuning: &Tuning) -> Result<Vec<(u32, f32)>, QueryError> {
    let mut query = TextQuery::default();
    let mut forms: HashMap<String, f32> = HashMap::new();
    // Only words written as English are stemmed: a name (`Observable`,
    // `parse_config`, a query of one name) means what it spells.
    let plain: std::collections::HashSet<&str> = if lone_name {
        Default::default()
    } else {
        task.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())).collect()
    };
    // A short query needs every form of its few words; a long task
    // spells its words in many forms already, and their other forms
    // mostly add noise: the weight falls with the number of words, and
    // below `MIN_STEM_WEIGHT` the forms are not looked up (on the Linux
    // tree, the lookups of an issue's words took half of a pack's time).
    let stem_weight = if tuning.stem_terms > 0.0 { tuning.stem * (tuning.stem_terms / counts.len().max(1) as f32).min(1.0) } else { tuning.stem };
    for (term, count) in counts {
        let repetition = 1.0 + (*count as f32).ln().min(2.0) * 0.5;
        for (field, weight) in FIELD_WEIGHTS {
            query.clauses.push((field, term.clone(), weight * repetition));
        }
        if stem_weight >= MIN_STEM_WEIGHT && plain.contains(term.as_str()) {
            for form in other_forms(index, term)? {
                if counts.binary_search_by(|(t, _)| t.as_str().cmp(&form)).is_err() {
                    let best = forms.entry(form).or_default();
                    *best = best.max(repetition);
                }
            }
        }
    }
    let mut forms: Vec<(String, f32)> = forms.into_iter().collect();
    forms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (form, repetition) in forms {
        for (field, weight) in FIELD_WEIGHTS {
            query.clauses.push((field, form.clone(), weight * repetition * stem_weight));
        }
    }
    let hits = index.text.search(&query, index.corpus, limit)?;
    let best = hits.first().map(|h| h.2).unwrap_or(1.0).max(f32::EPSILON);
    Ok(hits
        .into_iter()
        .filter_map(|(key, ordinal, score)| Some((index.chunk_of_hit(key, ordinal)?, score / best)))
        .collect())
}

/// Below this weight a query's other forms are not looked up.
const MIN_STEM_WEIGHT: f32 = 0.1;
/// Query words shorter than this are not stemmed.
const MIN_STEMMED: usize = 4;
/// Indexed words looked at per query word.
const FORMS_SCANNED: usize = 200;

/// The indexed words that share `term`'s stem (`parsing` for `parse`,
/// `dependencies` for `dependency`), found in the body field's dictionary
/// among the words that start with the stem.
fn other_forms(index: &LoadedIndex, term: &str) -> Result<Vec<String>, QueryError> {
    if term.len() < MIN_STEMMED || !term.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(Vec::new());
    }
    let root = stem(term);
    // Snowball ends some stems in `i` for a `y` (`happi`): look from before it.
    let prefix = root.strip_suffix('i').unwrap_or(&root);
    if prefix.len() < 3 {
        return Ok(Vec::new());
    }
    let found = index.text.terms_with_prefix(TextField::Body, prefix, FORMS_SCANNED)?;
    Ok(found.into_iter().filter(|t| t != term && t.bytes().all(|b| b.is_ascii_lowercase()) && stem(t) == root).collect())
}

/// Chunks of the definitions the task names, with their bonus.
fn symbol_matches(index: &LoadedIndex, signals: &TaskSignals, weight: f32) -> Vec<(u32, f32)> {
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
            let bonus = weight * mention.confidence * specificity * strength * if exact_case { 1.0 } else { 0.7 };
            for chunk in index.chunks_of_symbol(id) {
                out.push((chunk, bonus));
            }
        }
    }
    out
}

/// A query of one name asks for its definitions: their chunks get
/// `define` times the best score so far (those whose file is named
/// after it half as much again), above chunks that only mention it. The
/// chunk that holds the declaration's first line gets all of it; the
/// definition's other chunks (a long doc comment split off before it, the
/// rest of a long body) `define_rest` of it.
fn definition_matches(index: &LoadedIndex, signals: &TaskSignals, tuning: &Tuning, scores: &mut HashMap<u32, f32>) {
    let weight = tuning.define;
    let Some(lone) = &signals.lone else { return };
    let (qualifier, name) = (lone.qualifier.as_deref(), lone.name.as_str());
    let top = scores.values().copied().fold(0.0f32, f32::max).max(1.0);
    let ids = index.symbols_named(name);
    let qualified: Vec<u32> = match qualifier {
        Some(q) => ids.iter().copied().filter(|&id| index.tables.symbol(id).parent.is_some_and(|p| index.tables.symbol(p).name.eq_ignore_ascii_case(q))).collect(),
        None => Vec::new(),
    };
    let chosen = if qualified.is_empty() { ids.to_vec() } else { qualified };
    let lowered = name.to_lowercase().replace('_', "");
    for id in chosen {
        let symbol = index.tables.symbol(id);
        let path = index.tables.file_path(symbol.file);
        let file_stem = path.rsplit('/').next().unwrap_or(path).split('.').next().unwrap_or("").to_lowercase().replace('_', "");
        let named_file = file_stem == lowered || file_stem.trim_end_matches('s') == lowered;
        let exact = symbol.name == name;
        let bonus = weight * top * if named_file { 1.5 } else { 1.0 } * if exact { 1.0 } else { 0.7 };
        for chunk in index.chunks_of_symbol(id) {
            let span = index.tables.chunk(chunk);
            let declares = span.start_line <= symbol.start_line && symbol.start_line <= span.end_line;
            *scores.entry(chunk).or_default() += if declares { bonus } else { bonus * tuning.define_rest };
        }
    }
}

/// Short queries name the file they want by its words (`panic recovery
/// middleware` is `recovery.go`): each scored chunk of a file whose name
/// or folder holds a share of the query's words gets `path_words` times
/// the best score times that share. Words meet by stem, or when the
/// shorter of two of at least four letters begins the longer (`config`,
/// `configuration`).
fn path_word_matches(index: &LoadedIndex, task: &str, tuning: &Tuning, scores: &mut HashMap<u32, f32>) {
    let mut words: Vec<String> = terms(task).into_iter().filter(|t| t.len() > 2 && !STOPWORDS.contains(&t.as_str())).map(|t| stem(&t)).collect();
    words.sort_unstable();
    words.dedup();
    if words.is_empty() {
        return;
    }
    let top = scores.values().copied().fold(0.0f32, f32::max);
    let mut by_file: HashMap<u32, f32> = HashMap::new();
    let mut bonuses: Vec<(u32, f32)> = Vec::new();
    for (&chunk, _) in scores.iter() {
        let file = index.tables.chunk(chunk).file;
        let bonus = *by_file.entry(file).or_insert_with(|| {
            let path = index.tables.file_path(file);
            let mut components = path.rsplit('/');
            let name = components.next().unwrap_or(path);
            let name = name.split('.').next().unwrap_or(name);
            let folder = components.next().unwrap_or("");
            let mut parts: Vec<String> = terms(name).into_iter().chain(terms(folder)).map(|t| stem(&t)).collect();
            parts.sort_unstable();
            parts.dedup();
            let matched = words.iter().filter(|w| parts.iter().any(|p| words_meet(w, p))).count();
            let share = matched as f32 / words.len() as f32;
            // Of files the words name, the one named by nothing else
            // (`Zip.swift` before `Zip+arity.swift`, `Infallible+Zip.swift`).
            let named = parts.iter().filter(|p| words.iter().any(|w| words_meet(w, p))).count() as f32 / parts.len().max(1) as f32;
            let precision = 1.0 - tuning.path_words_precision + tuning.path_words_precision * named;
            if share >= tuning.path_words_min { tuning.path_words * top * share * precision } else { 0.0 }
        });
        if bonus > 0.0 {
            bonuses.push((chunk, bonus));
        }
    }
    for (chunk, bonus) in bonuses {
        *scores.entry(chunk).or_default() += bonus;
    }
}

/// Two stems meet when equal, or when the shorter, of four letters or more, begins the longer.
fn words_meet(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 4 && long.starts_with(short))
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
fn file_aggregation(index: &LoadedIndex, scores: &mut HashMap<u32, f32>, weight: f32, top: usize) {
    let mut per_file: HashMap<u32, Vec<f32>> = HashMap::new();
    for (&chunk, &score) in scores.iter() {
        per_file.entry(index.tables.chunk(chunk).file).or_default().push(score);
    }
    let file_scores: HashMap<u32, f32> = per_file
        .into_iter()
        .map(|(file, mut s)| {
            s.sort_by(|a, b| b.total_cmp(a));
            (file, s.iter().take(top).sum::<f32>() * 3.0 / top as f32)
        })
        .collect();
    for (chunk, score) in scores.iter_mut() {
        let file = index.tables.chunk(*chunk).file;
        *score += weight * file_scores.get(&file).copied().unwrap_or(0.0) / 3.0;
    }
}

/// Promotes files with many good chunks: each file's best chunk gets
/// `weight` times the best score, times the file's summed score over the
/// largest file sum.
fn file_coherence(index: &LoadedIndex, scores: &mut HashMap<u32, f32>, weight: f32) {
    let top = scores.values().copied().fold(0.0f32, f32::max);
    let mut files: HashMap<u32, (f32, u32, f32)> = HashMap::new();
    // Summed in chunk order: a sum in the map's order varies in its last
    // bits from run to run, and so would the order of tied files.
    let mut chunks: Vec<(u32, f32)> = scores.iter().map(|(&chunk, &score)| (chunk, score)).collect();
    chunks.sort_unstable_by_key(|&(chunk, _)| chunk);
    for (chunk, score) in chunks {
        let entry = files.entry(index.tables.chunk(chunk).file).or_insert((0.0, chunk, f32::MIN));
        entry.0 += score;
        if score > entry.2 || (score == entry.2 && chunk < entry.1) {
            entry.1 = chunk;
            entry.2 = score;
        }
    }
    let most = files.values().map(|f| f.0).fold(0.0f32, f32::max);
    if most <= 0.0 {
        return;
    }
    for (sum, best, _) in files.into_values() {
        *scores.entry(best).or_default() += weight * top * sum / most;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small repository, indexed.
    fn index_of(files: &[(&str, &str)]) -> (tempfile::TempDir, LoadedIndex) {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("index");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        (dir, index)
    }

    /// The files of the ranking for `task`, best first, each once.
    fn files_for(index: &LoadedIndex, task: &str, tuning: Tuning) -> Vec<String> {
        let options = RetrievalOptions { graph_weight: 0.0, tuning, ..RetrievalOptions::default() };
        let ranked = rank_chunks(index, task, &options, &mut SourceCache::default()).expect("rank");
        let mut files: Vec<String> = Vec::new();
        for r in ranked {
            let path = index.tables.file_path(index.tables.chunk(r.chunk).file).to_string();
            if !files.contains(&path) {
                files.push(path);
            }
        }
        files
    }

    #[test]
    fn an_older_versions_folder_ranks_below_the_newer_one_while_that_exists() {
        // v3 holds more of the query's words: without the newer version beside it, it wins.
        let old = "export class ZodError {\n  issues: ZodIssue[];\n  // ZodError of the issues\n}\n";
        let new = "export class ZodError {\n  issues: unknown[];\n}\n";
        let (dir, index) = index_of(&[("src/v3/errors.ts", old), ("src/v4/errors.ts", new)]);
        assert_eq!(files_for(&index, "ZodError", Tuning { aux_factor: 1.0, ..Tuning::default() }), ["src/v3/errors.ts", "src/v4/errors.ts"]);
        assert_eq!(files_for(&index, "the v3 ZodError", Tuning::default()), ["src/v3/errors.ts", "src/v4/errors.ts"], "a task that names the old version asks for it");
        assert_eq!(files_for(&index, "ZodError", Tuning::default()), ["src/v4/errors.ts", "src/v3/errors.ts"]);
        // The newer folder gone (a refresh writes a delta that hides it), v3 is the code again.
        std::fs::remove_file(dir.path().join("src/v4/errors.ts")).expect("remove");
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("refresh");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        assert!(!index.tables.has_file_under("src/v4/"));
        assert!(index.tables.has_file_under("src/v3/"));
        let options = RetrievalOptions { graph_weight: 0.0, ..RetrievalOptions::default() };
        let top = rank_chunks(&index, "ZodError", &options, &mut SourceCache::default()).expect("rank")[0].clone();
        let alone = {
            let (_d, fresh) = index_of(&[("src/v3/errors.ts", old)]);
            rank_chunks(&fresh, "ZodError", &options, &mut SourceCache::default()).expect("rank")[0].score
        };
        assert_eq!(top.score, alone, "no newer version beside it: not scaled");
        // The current version beside the folder of the old one, as pydantic keeps `pydantic/v1/`.
        let (_dir, index) = index_of(&[("pkg/v1/fields.py", "def field_alias(name):\n    # field alias of the name\n    return name\n"), ("pkg/fields.py", "def field_alias(name):\n    return name.strip()\n")]);
        assert_eq!(files_for(&index, "field alias", Tuning::default()), ["pkg/fields.py", "pkg/v1/fields.py"]);
        assert_eq!(files_for(&index, "field alias", Tuning { aux_factor: 1.0, ..Tuning::default() }), ["pkg/v1/fields.py", "pkg/fields.py"]);
    }

    #[test]
    fn of_the_files_the_words_name_the_one_named_by_nothing_else_gains_most() {
        let body = "func zip(first: Observable, second: Observable) -> Observable {\n    return first\n}\n";
        let (_dir, index) = index_of(&[("Sources/Zip+arity.swift", body), ("Sources/Zip.swift", body)]);
        let lead = |tuning: Tuning| {
            let options = RetrievalOptions { graph_weight: 0.0, tuning, ..RetrievalOptions::default() };
            let ranked = rank_chunks(&index, "zip operator", &options, &mut SourceCache::default()).expect("rank");
            let score_of = |path: &str| ranked.iter().find(|r| index.tables.file_path(index.tables.chunk(r.chunk).file) == path).expect(path).score;
            score_of("Sources/Zip.swift") - score_of("Sources/Zip+arity.swift")
        };
        let flat = lead(Tuning { path_words_precision: 0.0, ..Tuning::default() });
        let precise = lead(Tuning::default());
        assert!(precise > flat + 0.01, "Zip.swift's lead over Zip+arity.swift: {flat} without the name's precision, {precise} with it");
    }

    #[test]
    fn english_words_meet_the_other_forms_of_code_words() {
        let (_dir, index) = index_of(&[
            ("a.py", "def read_parsers(settings):\n    return settings.parsers\n"),
            ("b.py", "def parse_the_text(text):\n    return text.parse()\n"),
        ]);
        let plain = files_for(&index, "parsers", Tuning::baseline());
        assert_eq!(plain, ["a.py"]);
        let stemmed = files_for(&index, "parsers of text", Tuning { stem: 0.8, ..Tuning::baseline() });
        assert_eq!(stemmed.first().map(String::as_str), Some("b.py"), "{stemmed:?}");
        // A name means what it spells: no other forms for `parsers` alone.
        assert_eq!(files_for(&index, "parsers", Tuning { stem: 0.8, ..Tuning::baseline() }), ["a.py"]);
    }

    #[test]
    fn a_file_named_by_the_query_words_comes_first() {
        let (_dir, index) = index_of(&[
            ("recovery.go", "package gin\n\n// CustomHandler aborts the request on a panic.\nfunc CustomHandler(c *Context) {\n\tdefer func() { c.Abort() }()\n}\n"),
            ("logger.go", "package gin\n\n// Logger logs each panic and middleware call.\nfunc Logger(c *Context) {\n\tprintln(\"panic middleware\")\n}\n"),
        ]);
        assert_eq!(files_for(&index, "panic recovery middleware", Tuning::baseline())[0], "logger.go");
        assert_eq!(files_for(&index, "panic recovery middleware", Tuning::default())[0], "recovery.go");
        // The path's words are what put it first.
        assert_eq!(files_for(&index, "panic recovery middleware", Tuning { path_words: 0.0, ..Tuning::default() })[0], "logger.go");
    }

    #[test]
    fn a_query_of_one_name_puts_its_definition_above_its_mentions() {
        let mentions: String = (0..30).map(|i| format!("def use_{i}():\n    return Router() or Router\n\n")).collect();
        let (_dir, index) = index_of(&[("app.py", mentions.as_str()), ("routing.py", "class Router:\n    pass\n")]);
        let options = |define| RetrievalOptions { graph_weight: 0.0, tuning: Tuning { define, ..Tuning::baseline() }, ..RetrievalOptions::default() };
        let top = |define| {
            let ranked = rank_chunks(&index, "Router", &options(define), &mut SourceCache::default()).expect("rank");
            index.tables.chunk(ranked[0].chunk).symbol.map(|s| index.tables.symbol(s).name.to_string())
        };
        assert_eq!(top(3.0).as_deref(), Some("Router"));
    }

    #[test]
    fn a_query_of_one_name_puts_the_declaring_chunk_above_its_long_doc_comment() {
        let doc: String = (0..300).map(|i| format!("/// The Engine runs step {i} of the Engine loop.\n")).collect();
        let text = format!("{doc}pub struct Engine {{\n    pub speed: u32,\n}}\n");
        let declaration = 301;
        let (_dir, index) = index_of(&[("src/engine.rs", text.as_str()), ("src/main.rs", "fn main() { let _ = engine::Engine { speed: 1 }; }\n")]);
        let top = |tuning: Tuning| {
            let options = RetrievalOptions { graph_weight: 0.0, tuning, ..RetrievalOptions::default() };
            let ranked = rank_chunks(&index, "Engine", &options, &mut SourceCache::default()).expect("rank");
            let chunk = index.tables.chunk(ranked[0].chunk);
            (chunk.start_line, chunk.end_line)
        };
        let (from, to) = top(Tuning::default());
        assert!(from <= declaration && declaration <= to, "the declaring chunk leads, not {from}-{to}");
        // With the same bonus for every chunk of the definition, the doc's words lead.
        let (from, to) = top(Tuning { define_rest: 1.0, ..Tuning::default() });
        assert!(to < declaration, "a doc chunk led with one bonus for all: {from}-{to}");
    }

    #[test]
    fn tests_and_vendored_copies_rank_below_the_code() {
        let body = "def load_config(path):\n    return open(path).read()\n";
        let (_dir, index) = index_of(&[("tests/test_config.py", body), ("vendor/config.py", body), ("src/config.py", body)]);
        let tuning = Tuning { test_factor: 0.3, aux_factor: 0.3, ..Tuning::baseline() };
        assert_eq!(files_for(&index, "load config", tuning)[0], "src/config.py");
    }
}

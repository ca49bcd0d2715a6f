//! Budgeted, staged packing. The best chunks are shown whole (`body`), the
//! next candidates as one-line signatures with a handle that `expand`
//! turns into their bodies, and good candidates that did not fit are listed
//! as `omitted`. Spans are chosen greedily by score per token, neighbouring
//! spans of a file merged, and the rendering is counted exactly and cut
//! until it is within the budget: the budget is a hard limit.

use crate::loaded::{LoadedIndex, QueryError};
use crate::render::{Fragment, MapLine, MemberLine, SignatureLine, render_markdown};
use crate::retrieve::{RetrievalOptions, rank_chunks};
use crate::source::SourceCache;
use crate::tokens::Tokenizer;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Candidates are taken in order of `score / tokens^exponent`. Measured on
/// the 132 dev tasks at cl100k (`benches/quality`, file recall / edit recall):
///
/// | exponent | staged 8k | staged 32k | bodies only 8k | bodies only 32k |
/// |---|---|---|---|---|
/// | 1 (score per token) | | | 0.846 / 0.489 | 0.913 / 0.678 |
/// | 0.5 | 0.909 / 0.562 | 0.951 / 0.745 | 0.854 / 0.598 | 0.936 / 0.769 |
/// | 0.25 | 0.909 / 0.610 | 0.951 / 0.773 | | |
/// | 0 (score alone) | 0.907 / 0.655 | 0.951 / 0.784 | 0.880 / 0.686 | 0.902 / 0.782 |
///
/// Dividing by size favours small fragments (imports, one-line constants)
/// over the function that has to change; with staged packs the signatures
/// already give breadth, so the bodies go by score alone, skipping what
/// does not fit.
pub const DEFAULT_SIZE_EXPONENT: f32 = 0.0;
/// Share of the budget bodies may take when the pack is staged; the rest
/// goes to signatures of the next candidates.
const BODY_SHARE: f32 = 0.8;

/// From this budget a staged pack opens with a map: the files of its best
/// candidates, each with the names of the candidate definitions it holds,
/// so that a reader sees at a glance where the task's code lives, also
/// for files whose code did not fit. Below it the map's lines are better
/// spent on signatures.
const MAP_FROM_BUDGET: usize = 4_000;
/// The most of the budget the map takes (from the signatures' share).
const MAP_SHARE: f32 = 0.05;
/// Files the map lists at most, and names per file.
const MAP_FILES: usize = 10;
const MAP_NAMES: usize = 4;
/// How many good candidates that did not fit are listed as `omitted`.
const OMITTED_LISTED: usize = 20;

/// Lines already shown to the reader (by an earlier stage of a session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownSpan {
    /// Path relative to the index root.
    pub path: String,
    /// First line shown.
    pub start_line: u32,
    /// Last line shown.
    pub end_line: u32,
}

/// Whether the graph walk's part of a score orders bodies too, or only
/// signatures (bodies then go by the task's words alone).
///
/// Measured on the 132 dev tasks (cl100k; file / edit recall), graph weight 0.5:
///
/// | bodies ordered by | 8k | 32k |
/// |---|---|---|
/// | no graph at all | 0.907 / 0.655 | 0.951 / 0.784 |
/// | task words (`Never`) | 0.918 / 0.655 | 0.955 / 0.784 |
/// | fused score, if the words reach it too | 0.918 / 0.623 | 0.955 / 0.794 |
/// | fused score (`Always`) | 0.918 / 0.633 | 0.955 / 0.803 |
///
/// At 8k a graph find that takes a body pushes out code the task names;
/// at 32k there is room for both. Hence [`GraphBodies::ByBudget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GraphBodies {
    /// Bodies by the task's words; the walk's finds are shown as signatures.
    Never,
    /// Bodies by the fused score.
    Always,
    /// `Always` from [`GRAPH_BODIES_FROM_BUDGET`] tokens up, else `Never`.
    #[default]
    ByBudget,
}

/// The budget from which graph finds compete for bodies (see [`GraphBodies`]).
pub const GRAPH_BODIES_FROM_BUDGET: usize = 16_000;

/// What to pack.
#[derive(Debug, Clone)]
pub struct PackRequest {
    /// The task text.
    pub task: String,
    /// The hard token budget of the rendered markdown.
    pub budget: usize,
    /// The tokenizer the budget is counted in.
    pub tokenizer: Tokenizer,
    /// How strongly size counts against a chunk: items are taken in order of
    /// `score / tokens^size_exponent` (1 is pure score per token).
    pub size_exponent: f32,
    /// Whether to add signatures of the next candidates after the bodies.
    pub staged: bool,
    /// Lines shown before: chunks entirely inside them are not shown again.
    pub already_shown: Vec<ShownSpan>,
    /// Weight of the graph walk in ranking (0 ranks by the task's words alone).
    pub graph_weight: f32,
    /// Whether each item says why it is there (JSON `explain`; the markdown is unchanged).
    pub explain: bool,
    /// Which candidates the graph walk's part of a score helps to a body
    /// (the others it helps to a signature); see `GRAPH_WEIGHT`.
    pub graph_bodies: GraphBodies,
    /// The weight of the semantic layer in retrieval (`None`: lexical only).
    /// It takes effect when the index has chunk vectors and their model is
    /// in the model store.
    pub semantic_weight: Option<f32>,
}

impl PackRequest {
    /// A staged request with the default budget (8k) and tokenizer (o200k_base).
    pub fn new(task: impl Into<String>) -> PackRequest {
        PackRequest {
            task: task.into(),
            budget: 8_000,
            tokenizer: Tokenizer::O200k,
            size_exponent: DEFAULT_SIZE_EXPONENT,
            staged: true,
            already_shown: Vec::new(),
            graph_weight: crate::retrieve::GRAPH_WEIGHT,
            explain: false,
            graph_bodies: GraphBodies::default(),
            semantic_weight: crate::semantic::DEFAULT_SEMANTIC,
        }
    }
}

/// One item of a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackItem {
    /// Path relative to the index root, `/`-separated.
    pub path: String,
    /// First line (1-based).
    pub start_line: u32,
    /// Last line (inclusive).
    pub end_line: u32,
    /// `body` for code shown verbatim, `signature` for a definition shown
    /// by its declaration only, `skeleton` for a type shown by its
    /// declaration and its members' (bodies elided), `map` for a file
    /// listed with its key definitions.
    pub kind: String,
    /// The qualified name of the definition it belongs to.
    pub symbol: Option<String>,
    /// The retrieval score.
    pub score: f32,
    /// Tokens of this item's rendering.
    pub tokens: usize,
    /// For elided items: the handle `ctx expand` takes to show the body.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub handle: Option<String>,
    /// Why it is there (with `explain`): the lexical and graph parts of its
    /// score, and for the graph part the seed and the edge that led here.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub explain: Option<String>,
    /// For a skeleton: the qualified names of the members it lists.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub members: Vec<String>,
}

/// A good candidate that did not fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OmittedItem {
    /// The handle `ctx expand` takes.
    pub handle: String,
    /// Path relative to the index root.
    pub path: String,
    /// The definition it belongs to.
    pub symbol: Option<String>,
    /// Tokens of its body.
    pub tokens: usize,
    /// The retrieval score.
    pub score: f32,
}

/// A rendered context pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    /// The budget asked for.
    pub budget: usize,
    /// The tokenizer's name.
    pub tokenizer: String,
    /// Tokens of `markdown`, counted exactly; never more than `budget`.
    pub tokens: usize,
    /// The items, in rendering order.
    pub items: Vec<PackItem>,
    /// Good candidates that did not fit, best first.
    pub omitted: Vec<OmittedItem>,
    /// The markdown rendering.
    pub markdown: String,
    /// The index generation answered from.
    pub generation: u64,
    /// Files of the pack changed on disk since they were indexed.
    pub stale_files: usize,
    /// A remark for the reader (nothing fits, stale files...).
    pub note: Option<String>,
}

/// A span chosen for the pack, before merging.
#[derive(Debug, Clone)]
struct Span {
    chunk: u32,
    file: u32,
    start_line: u32,
    end_line: u32,
    symbol: Option<u32>,
    score: f32,
    /// What orders bodies: the score, or its part from the task's words
    /// when graph-reached code is shown as signatures only.
    body_score: f32,
    /// The definition inside the chunk that the graph walk reached (a
    /// method of a class held in one chunk): its signature is the one shown.
    focus: Option<u32>,
    /// Shown as a skeleton (a type with its members' declarations) when
    /// it is a signature.
    skeleton: bool,
}

/// A ranked candidate with the exact cost of showing its body.
struct Candidate {
    span: Span,
    cost: usize,
    priority: f32,
}

/// The handle of a chunk in a generation: stable until the index changes.
pub fn handle_of(generation: u64, chunk: u32) -> String {
    format!("g{generation}c{chunk}")
}

/// Parses a handle into (generation, chunk).
pub fn parse_handle(handle: &str) -> Option<(u64, u32)> {
    let (generation, chunk) = handle.strip_prefix('g')?.split_once('c')?;
    Some((generation.parse().ok()?, chunk.parse().ok()?))
}

/// Builds a pack for `request`.
pub fn build_pack(index: &LoadedIndex, request: &PackRequest) -> Result<Pack, QueryError> {
    let mut sources = SourceCache::default();
    let options = RetrievalOptions { graph_weight: request.graph_weight, semantic_weight: request.semantic_weight, ..RetrievalOptions::default() };
    let ranked = rank_chunks(index, &request.task, &options, &mut sources)?;
    let shown = ShownLines::new(&request.already_shown);
    let spans: Vec<(Span, f32)> = ranked
        .iter()
        .map(|r| {
            let mut span = span_of(index, r.chunk, r.score);
            let graph_bodies = match request.graph_bodies {
                GraphBodies::Always => true,
                GraphBodies::Never => false,
                GraphBodies::ByBudget => request.budget >= GRAPH_BODIES_FROM_BUDGET,
            };
            span.body_score = if graph_bodies { r.score } else { r.lexical };
            span.focus = r.graph.map(|(_, how)| how.to).filter(|&to| span.symbol != Some(to));
            // A type the walk reached is there for its members (an override,
            // the base's loop that calls it): shown as a skeleton from the start.
            span.skeleton = r.graph.is_some() && r.lexical <= 0.0;
            (span, r.score)
        })
        .filter(|(s, _)| !shown.covers(index, s))
        .collect();
    let mut pack = pack_spans(index, request, &mut sources, spans.into_iter().map(|(s, _)| s).collect(), request.staged);
    if request.explain {
        explain_items(index, &ranked, &mut pack);
    }
    Ok(pack)
}

/// Fills each item's `explain` from the ranking that chose it.
fn explain_items(index: &LoadedIndex, ranked: &[crate::retrieve::RankedChunk], pack: &mut Pack) {
    let tables = &index.tables;
    let by_start: HashMap<(&str, u32), &crate::retrieve::RankedChunk> = ranked
        .iter()
        .map(|r| {
            let chunk = tables.chunk(r.chunk);
            ((tables.file_path(chunk.file), chunk.start_line), r)
        })
        .collect();
    let qualified = |s: u32| tables.symbol(s).qualified_name;
    for item in &mut pack.items {
        let Some(r) = by_start.get(&(item.path.as_str(), item.start_line)) else { continue };
        item.explain = Some(match r.graph {
            Some((part, how)) => format!(
                "score {:.3} = task words {:.3} + graph {:.3}: {} `{}` ({} hop{} from seed `{}`)",
                r.score,
                r.score - part,
                part,
                how.edge.as_str(),
                qualified(how.from),
                how.hops,
                if how.hops == 1 { "" } else { "s" },
                qualified(how.seed)
            ),
            None => format!("score {:.3} from the task's words (BM25, names, paths, messages)", r.score),
        });
    }
}

/// Shows the bodies of the chunks named by `handles`, within `budget`.
pub fn expand(index: &LoadedIndex, handles: &[String], budget: usize, tokenizer: Tokenizer, already_shown: &[ShownSpan]) -> Result<Pack, QueryError> {
    let generation = index.generation.manifest.generation;
    let mut spans = Vec::new();
    for (rank, handle) in handles.iter().enumerate() {
        let (g, chunk) = parse_handle(handle).ok_or_else(|| QueryError::BadRequest(format!("{handle:?} is not a ctx handle (like g3c120)")))?;
        if g != generation {
            return Err(QueryError::BadRequest(format!(
                "handle {handle} is from index generation {g}, the index is now at generation {generation}; pack again for fresh handles"
            )));
        }
        if chunk as usize >= index.tables.chunks_len() {
            return Err(QueryError::BadRequest(format!("handle {handle} names no chunk of generation {generation}")));
        }
        // Earlier handles first: their order is the caller's priority.
        spans.push(span_of(index, chunk, (handles.len() - rank) as f32));
    }
    let shown = ShownLines::new(already_shown);
    spans.retain(|s| !shown.covers(index, s));
    let request = PackRequest { budget, tokenizer, size_exponent: 0.0, staged: false, ..PackRequest::new("") };
    let mut sources = SourceCache::default();
    Ok(pack_spans(index, &request, &mut sources, spans, false))
}

fn span_of(index: &LoadedIndex, chunk: u32, score: f32) -> Span {
    let record = index.tables.chunk(chunk);
    Span { chunk, file: record.file, start_line: record.start_line, end_line: record.end_line, symbol: record.symbol, score, body_score: score, focus: None, skeleton: false }
}

/// Lines of files shown before, for sessions.
struct ShownLines<'a> {
    spans: &'a [ShownSpan],
}

impl<'a> ShownLines<'a> {
    fn new(spans: &'a [ShownSpan]) -> Self {
        ShownLines { spans }
    }

    /// Whether every line of `span` was shown before.
    fn covers(&self, index: &LoadedIndex, span: &Span) -> bool {
        if self.spans.is_empty() {
            return false;
        }
        let path = index.tables.file(span.file).path;
        (span.start_line..=span.end_line)
            .all(|line| self.spans.iter().any(|s| s.path == *path && s.start_line <= line && line <= s.end_line))
    }
}

/// Selects, renders and cuts `spans` (ranked best first) to the budget.
fn pack_spans(index: &LoadedIndex, request: &PackRequest, sources: &mut SourceCache, spans: Vec<Span>, staged: bool) -> Pack {
    let tokenizer = request.tokenizer;
    let generation = index.generation.manifest.generation;
    let header_tokens = tokenizer.count(&crate::render::header(request.budget, tokenizer));

    // Cost every candidate exactly, but only as many as could matter: a
    // few times the budget in bytes.
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut bytes_seen = 0usize;
    for span in spans {
        let file = index.tables.file(span.file);
        let Some(text) = sources.get(&index.root, file.path) else { continue };
        let code = text.lines(span.start_line, span.end_line);
        if code.trim().is_empty() {
            continue;
        }
        bytes_seen += code.len();
        let fragment = Fragment { path: file.path, language: file.language.name(), start_line: span.start_line, end_line: span.end_line, code };
        let cost = tokenizer.count(&fragment.render_body()) + tokenizer.count(&fragment.render_heading());
        let priority = span.body_score / (cost.max(1) as f32).powf(request.size_exponent);
        candidates.push(Candidate { span, cost, priority });
        if bytes_seen > request.budget * 16 && candidates.len() >= 20 {
            break;
        }
    }
    let by_rank: Vec<u32> = candidates.iter().map(|c| c.span.chunk).collect();
    candidates.sort_by(|a, b| b.priority.total_cmp(&a.priority));

    // Stage 1: bodies.
    let body_budget = if staged { (request.budget as f32 * BODY_SHARE) as usize } else { request.budget };
    let mut used = header_tokens;
    let mut bodies: Vec<Span> = Vec::new();
    let mut files_shown: HashSet<u32> = HashSet::new();
    let mut left: Vec<&Candidate> = Vec::new();
    for candidate in &candidates {
        // A file's heading is paid once; the estimate charged it to every item.
        let refund = if files_shown.contains(&candidate.span.file) { 3 } else { 0 };
        let cost = candidate.cost.saturating_sub(refund);
        if used + cost <= body_budget {
            used += cost;
            files_shown.insert(candidate.span.file);
            bodies.push(candidate.span.clone());
        } else {
            left.push(candidate);
        }
    }
    // Without stages, fill what is left with the head of the best chunk that did not fit whole.
    if !staged
        && let Some(best) = left.iter().max_by(|a, b| a.span.score.total_cmp(&b.span.score))
            && request.budget > used + 48
                && let Some(partial) = head_that_fits(index, sources, &best.span, request.budget - used, tokenizer) {
                    bodies.push(partial);
                }
    // Stage 2: the map of the best candidates' files.
    let mut map: Vec<(MapLine, u32, f32)> = Vec::new();
    if staged && request.budget >= MAP_FROM_BUDGET {
        let room = (request.budget as f32 * MAP_SHARE) as usize;
        let mut spent = tokenizer.count(crate::render::MAP_HEADING);
        for line in map_lines(index, &by_rank, &candidates) {
            let cost = tokenizer.count(&line.0.render());
            if spent + cost <= room && used + spent + cost <= request.budget {
                spent += cost;
                map.push(line);
            }
        }
        if map.is_empty() {
            spent = 0;
        }
        used += spent;
    }
    // Stage 3: signatures of the next candidates, best ranked first.
    let chosen: HashSet<u32> = bodies.iter().map(|s| s.chunk).collect();
    let mut signatures: Vec<Span> = Vec::new();
    if staged {
        let section = tokenizer.count(crate::render::SIGNATURES_HEADING);
        let mut seen_symbols = HashSet::new();
        let mut first = true;
        for chunk in &by_rank {
            if chosen.contains(chunk) {
                continue;
            }
            let Some(candidate) = candidates.iter().find(|c| c.span.chunk == *chunk) else { continue };
            if let Some(symbol) = candidate.span.symbol
                && !seen_symbols.insert(symbol) {
                    continue;
                }
            let line = signature_line(index, sources, &candidate.span, generation);
            let cost = tokenizer.count(&line.render()) + if first { section } else { 0 };
            if used + cost <= request.budget {
                used += cost;
                first = false;
                signatures.push(candidate.span.clone());
            }
        }
        // Then, best ranked first, a type's line becomes its skeleton where
        // the rest of the budget pays for its members' lines: one-line
        // signatures of more candidates come first (measured on the
        // fixtures: skeletons first crowded out the answer of three cases).
        for span in signatures.iter_mut() {
            if span.skeleton || skeleton_members(index, span).is_empty() {
                continue;
            }
            let one_line = tokenizer.count(&signature_line(index, sources, span, generation).render());
            span.skeleton = true;
            let extra = tokenizer.count(&signature_line(index, sources, span, generation).render()).saturating_sub(one_line);
            if used + extra <= request.budget {
                used += extra;
            } else {
                span.skeleton = false;
            }
        }
    }
    let shown: HashSet<u32> = bodies.iter().chain(&signatures).map(|s| s.chunk).collect();
    let omitted: Vec<OmittedItem> = by_rank
        .iter()
        .filter(|c| !shown.contains(c))
        .take(OMITTED_LISTED)
        .filter_map(|chunk| candidates.iter().find(|c| c.span.chunk == *chunk))
        .map(|c| OmittedItem {
            handle: handle_of(generation, c.span.chunk),
            path: index.tables.file(c.span.file).path.to_string(),
            symbol: c.span.symbol.map(|s| index.tables.symbol(s).qualified_name.to_string()),
            tokens: c.cost,
            score: round(c.span.score),
        })
        .collect();

    let stale_files = {
        let mut files: Vec<u32> = bodies.iter().chain(&signatures).map(|s| s.file).collect();
        files.sort_unstable();
        files.dedup();
        files.into_iter().filter(|&f| index.is_stale(f)).count()
    };
    let mut note = (stale_files > 0).then(|| format!("{stale_files} file(s) changed since indexing; run `ctx index` to refresh"));

    // Render and cut: drop the weakest signature, then the weakest body,
    // until the exact count fits.
    loop {
        let merged = merge_spans(&bodies);
        let (markdown, items) = render(index, sources, &map, &merged, &signatures, request.budget, tokenizer, generation);
        let tokens = tokenizer.count(&markdown);
        if tokens <= request.budget {
            let (markdown, tokens) = if items.is_empty() {
                let message = format!("Nothing fits in a budget of {} tokens; raise --budget.", request.budget);
                note = Some(message.clone());
                let markdown = format!("{}{message}\n", crate::render::header(request.budget, tokenizer));
                let tokens = tokenizer.count(&markdown);
                if tokens <= request.budget { (markdown, tokens) } else { (String::new(), 0) }
            } else {
                (markdown, tokens)
            };
            return Pack { budget: request.budget, tokenizer: tokenizer.name().into(), tokens, items, omitted, markdown, generation, stale_files, note };
        }
        let weakest = |spans: &[Span]| spans.iter().enumerate().min_by(|a, b| a.1.score.total_cmp(&b.1.score)).map(|(i, _)| i);
        if let Some(i) = weakest(&signatures) {
            signatures.remove(i);
        } else if map.pop().is_some() {
        } else if let Some(i) = weakest(&bodies) {
            bodies.remove(i);
        } else {
            // Only the header is left and it alone is over budget.
            let note = Some(format!("Nothing fits in a budget of {} tokens; raise --budget.", request.budget));
            return Pack { budget: request.budget, tokenizer: tokenizer.name().into(), tokens: 0, items: Vec::new(), omitted, markdown: String::new(), generation, stale_files, note };
        }
    }
}

fn round(score: f32) -> f32 {
    (score * 1000.0).round() / 1000.0
}

/// The one-line form of an elided candidate.
fn signature_line(index: &LoadedIndex, sources: &mut SourceCache, span: &Span, generation: u64) -> SignatureLine {
    let file = index.tables.file(span.file);
    let handle = handle_of(generation, span.chunk);
    let members = if span.skeleton { skeleton_members(index, span) } else { Vec::new() };
    if let Some(ty) = span.symbol.filter(|_| !members.is_empty()) {
        let record = index.tables.symbol(ty);
        let members = members
            .iter()
            .map(|&m| index.tables.symbol(m))
            .map(|m| MemberLine {
                name: m.qualified_name.to_string(),
                line: m.start_line,
                text: m.signature.to_string(),
                elided: m.end_line > m.start_line,
            })
            .collect();
        return SignatureLine { path: file.path.to_string(), start_line: span.start_line, end_line: span.end_line, text: record.signature.to_string(), handle, members };
    }
    if let Some(focus) = span.focus {
        let symbol = index.tables.symbol(focus);
        let text = symbol.signature.to_string();
        return SignatureLine { path: file.path.to_string(), start_line: symbol.start_line, end_line: symbol.end_line, text, handle, members: Vec::new() };
    }
    let text = match span.symbol {
        Some(s) => index.tables.symbol(s).signature.to_string(),
        None => sources
            .get(&index.root, file.path)
            .and_then(|t| t.lines(span.start_line, span.end_line).lines().find(|l| !l.trim().is_empty()).map(|l| l.trim().to_string()))
            .unwrap_or_default(),
    };
    SignatureLine { path: file.path.to_string(), start_line: span.start_line, end_line: span.end_line, text, handle, members: Vec::new() }
}

/// The map's lines: the files of the best candidates in rank order, each
/// with the names of its candidate definitions, and the first line of the
/// best of them.
fn map_lines(index: &LoadedIndex, by_rank: &[u32], candidates: &[Candidate]) -> Vec<(MapLine, u32, f32)> {
    let tables = &index.tables;
    let mut files: Vec<(u32, Vec<u32>, f32)> = Vec::new();
    for chunk in by_rank {
        let Some(candidate) = candidates.iter().find(|c| c.span.chunk == *chunk) else { continue };
        let span = &candidate.span;
        let at = match files.iter().position(|(f, _, _)| *f == span.file) {
            Some(at) => at,
            None if files.len() < MAP_FILES => {
                files.push((span.file, Vec::new(), span.score));
                files.len() - 1
            }
            None => continue,
        };
        if let Some(symbol) = span.symbol.or(span.focus)
            && files[at].1.len() < MAP_NAMES
            && !files[at].1.contains(&symbol)
        {
            files[at].1.push(symbol);
        }
    }
    files
        .into_iter()
        .map(|(file, symbols, score)| {
            let path = tables.file(file).path.to_string();
            let names = symbols.iter().map(|&s| tables.symbol(s).qualified_name.to_string()).collect();
            let first_line = symbols.first().map_or(1, |&s| tables.symbol(s).start_line);
            (MapLine { path, names }, first_line, score)
        })
        .collect()
}

/// Members a skeleton lists at most; the one the graph reached is always among them.
const SKELETON_MEMBERS: usize = 10;

/// The members of the type a span holds, when it holds one whole: the
/// skeleton shows their declarations under the type's, so that a method
/// reached through its class (an override, the base's loop) is named in
/// the pack at the cost of a line. Empty for anything else.
fn skeleton_members(index: &LoadedIndex, span: &Span) -> Vec<u32> {
    let tables = &index.tables;
    let Some(ty) = span.symbol.filter(|&t| tables.symbol(t).kind.holds_methods()) else { return Vec::new() };
    let file = tables.file(span.file);
    let inside = |s: u32| {
        let record = tables.symbol(s);
        record.parent == Some(ty) && span.start_line <= record.start_line && record.start_line <= span.end_line
    };
    let mut members: Vec<u32> = (file.symbols.0..file.symbols.1).filter(|&s| inside(s)).collect();
    if members.len() > SKELETON_MEMBERS {
        let focus = span.focus.filter(|&f| inside(f));
        let mut kept: Vec<u32> = focus.into_iter().chain(members.iter().copied().filter(|&m| Some(m) != focus)).take(SKELETON_MEMBERS).collect();
        kept.sort_unstable();
        members = kept;
    }
    members
}

/// The longest head of `span` whose rendering costs at most `room` tokens.
fn head_that_fits(index: &LoadedIndex, sources: &mut SourceCache, span: &Span, room: usize, tokenizer: Tokenizer) -> Option<Span> {
    let file = index.tables.file(span.file);
    let text = sources.get(&index.root, file.path)?;
    let cost = |end: u32| {
        let fragment = Fragment { path: file.path, language: file.language.name(), start_line: span.start_line, end_line: end, code: text.lines(span.start_line, end) };
        tokenizer.count(&fragment.render_body()) + tokenizer.count(&fragment.render_heading())
    };
    let (mut lo, mut hi) = (span.start_line, span.end_line);
    if cost(lo) > room {
        return None;
    }
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if cost(mid) <= room { lo = mid } else { hi = mid - 1 }
    }
    Some(Span { end_line: lo, ..span.clone() })
}

/// Merges overlapping or adjacent spans of the same file.
fn merge_spans(spans: &[Span]) -> Vec<Span> {
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|s| (s.file, s.start_line, s.end_line));
    let mut merged: Vec<Span> = Vec::new();
    for span in sorted {
        if let Some(last) = merged.last_mut()
            && last.file == span.file && span.start_line <= last.end_line + 1 {
                last.end_line = last.end_line.max(span.end_line);
                if span.score > last.score {
                    last.score = span.score;
                    last.symbol = span.symbol.or(last.symbol);
                }
                continue;
            }
        merged.push(span);
    }
    merged
}

/// Renders merged bodies (files ordered by their best span) and signatures.
#[allow(clippy::too_many_arguments)]
fn render(
    index: &LoadedIndex,
    sources: &mut SourceCache,
    map: &[(MapLine, u32, f32)],
    spans: &[Span],
    signatures: &[Span],
    budget: usize,
    tokenizer: Tokenizer,
    generation: u64,
) -> (String, Vec<PackItem>) {
    let mut file_order: Vec<(u32, f32)> = Vec::new();
    for span in spans {
        match file_order.iter_mut().find(|(f, _)| *f == span.file) {
            Some(entry) => entry.1 = entry.1.max(span.score),
            None => file_order.push((span.file, span.score)),
        }
    }
    file_order.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut texts = Vec::new();
    let mut ordered: Vec<&Span> = Vec::new();
    for (file, _) in &file_order {
        for span in spans.iter().filter(|s| s.file == *file) {
            let record = index.tables.file(span.file);
            let Some(text) = sources.get(&index.root, record.path) else { continue };
            texts.push(text);
            ordered.push(span);
        }
    }
    let fragments: Vec<Fragment> = ordered
        .iter()
        .zip(&texts)
        .map(|(span, text)| {
            let record = index.tables.file(span.file);
            let end = span.end_line.min(text.line_count());
            Fragment { path: record.path, language: record.language.name(), start_line: span.start_line, end_line: end, code: text.lines(span.start_line, end) }
        })
        .collect();
    let lines: Vec<SignatureLine> = signatures.iter().map(|s| signature_line(index, sources, s, generation)).collect();
    let map_lines: Vec<MapLine> = map.iter().map(|(line, _, _)| line.clone()).collect();
    let markdown = render_markdown(budget, tokenizer, &map_lines, &fragments, &lines);
    let mut items: Vec<PackItem> = map
        .iter()
        .map(|(line, first_line, score)| PackItem {
            path: line.path.clone(),
            start_line: *first_line,
            end_line: *first_line,
            kind: "map".into(),
            symbol: None,
            score: round(*score),
            tokens: tokenizer.count(&line.render()),
            handle: None,
            explain: None,
            members: line.names.clone(),
        })
        .collect();
    items.extend(ordered
        .iter()
        .zip(&fragments)
        .map(|(span, fragment)| PackItem {
            path: fragment.path.to_string(),
            start_line: fragment.start_line,
            end_line: fragment.end_line,
            kind: "body".into(),
            symbol: span.symbol.map(|s| index.tables.symbol(s).qualified_name.to_string()),
            score: round(span.score),
            tokens: tokenizer.count(&fragment.render_body()),
            handle: None,
            explain: None,
            members: Vec::new(),
        })
    );
    items.extend(signatures.iter().zip(&lines).map(|(span, line)| {
        let skeleton = !line.members.is_empty();
        let shown = if skeleton { span.symbol } else { span.focus.or(span.symbol) };
        PackItem {
            path: line.path.to_string(),
            start_line: line.start_line,
            end_line: line.end_line,
            kind: if skeleton { "skeleton" } else { "signature" }.into(),
            symbol: shown.map(|s| index.tables.symbol(s).qualified_name.to_string()),
            score: round(span.score),
            tokens: tokenizer.count(&line.render()),
            handle: Some(line.handle.clone()),
            explain: None,
            members: line.members.iter().map(|m| m.name.clone()).collect(),
        }
    }));
    (markdown, items)
}

//! Budgeted packing: choose ranked chunks greedily by score per token, merge
//! neighbouring spans of a file, render, and cut until the rendering counted
//! by the named tokenizer is within the budget. The budget is a hard limit.

use crate::loaded::{LoadedIndex, QueryError};
use crate::render::{Fragment, render_markdown};
use crate::retrieve::{RetrievalOptions, rank_chunks};
use crate::source::SourceCache;
use crate::tokens::Tokenizer;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
}

impl PackRequest {
    /// A request with the default budget (8k) and tokenizer (o200k_base).
    pub fn new(task: impl Into<String>) -> PackRequest {
        PackRequest { task: task.into(), budget: 8_000, tokenizer: Tokenizer::O200k, size_exponent: DEFAULT_SIZE_EXPONENT }
    }
}

/// Chosen on the dev tasks: pure score per token favours tiny fragments too much.
pub const DEFAULT_SIZE_EXPONENT: f32 = 0.5;

/// One item of a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackItem {
    /// Path relative to the index root, `/`-separated.
    pub path: String,
    /// First line shown (1-based).
    pub start_line: u32,
    /// Last line shown (inclusive).
    pub end_line: u32,
    /// `body` for code shown verbatim.
    pub kind: String,
    /// The qualified name of the definition it belongs to.
    pub symbol: Option<String>,
    /// The retrieval score.
    pub score: f32,
    /// Tokens of this item's rendering.
    pub tokens: usize,
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
    file: u32,
    start_line: u32,
    end_line: u32,
    symbol: Option<u32>,
    score: f32,
}

/// Builds a pack for `request`.
pub fn build_pack(index: &LoadedIndex, request: &PackRequest) -> Result<Pack, QueryError> {
    let tokenizer = request.tokenizer;
    let mut sources = SourceCache::default();
    let ranked = rank_chunks(index, &request.task, &RetrievalOptions::default(), &mut sources)?;

    let header = crate::render::header(request.budget, tokenizer);
    let header_tokens = tokenizer.count(&header);
    let mut used = header_tokens;
    let mut candidates: Vec<(Span, usize, f32)> = Vec::new();
    // Rank more than fits, but not the whole repository: enough bytes for a
    // few times the budget.
    let mut bytes_seen = 0usize;
    for ranked_chunk in &ranked {
        let record = index.tables.chunks[ranked_chunk.chunk as usize];
        let file = &index.tables.files[record.file as usize];
        let Some(text) = sources.get(&index.root, &file.path) else { continue };
        let code = text.lines(record.start_line, record.end_line);
        if code.trim().is_empty() {
            continue;
        }
        bytes_seen += code.len();
        let fragment = Fragment { path: &file.path, language: file.language.name(), start_line: record.start_line, end_line: record.end_line, code };
        let cost = tokenizer.count(&fragment.render_body()) + tokenizer.count(&fragment.render_heading());
        let priority = ranked_chunk.score / (cost.max(1) as f32).powf(request.size_exponent);
        candidates.push((
            Span { file: record.file, start_line: record.start_line, end_line: record.end_line, symbol: record.symbol, score: ranked_chunk.score },
            cost,
            priority,
        ));
        if bytes_seen > request.budget * 4 * 4 && candidates.len() >= 20 {
            break;
        }
    }
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2));

    let mut chosen: Vec<Span> = Vec::new();
    let mut files_shown: HashMap<u32, ()> = HashMap::new();
    let mut leftovers: Vec<&Span> = Vec::new();
    for (span, cost, _) in &candidates {
        // A file's heading is paid once; the estimate charged it to every item.
        let heading_refund = if files_shown.contains_key(&span.file) { 3 } else { 0 };
        let cost = cost.saturating_sub(heading_refund);
        if used + cost <= request.budget {
            used += cost;
            files_shown.insert(span.file, ());
            chosen.push(span.clone());
        } else {
            leftovers.push(span);
        }
    }
    // Fill what is left with the head of the best chunk that did not fit whole.
    if let Some(best) = leftovers.iter().max_by(|a, b| a.score.total_cmp(&b.score)) {
        if request.budget > used + 48 {
            if let Some(partial) = head_that_fits(index, &mut sources, best, request.budget - used, tokenizer) {
                chosen.push(partial);
            }
        }
    }

    let stale_files = {
        let mut files: Vec<u32> = chosen.iter().map(|s| s.file).collect();
        files.sort_unstable();
        files.dedup();
        files.into_iter().filter(|&f| index.is_stale(f)).count()
    };
    let mut note = (stale_files > 0).then(|| format!("{stale_files} file(s) changed since indexing; run `ctx index` to refresh"));

    // Render and cut: drop the weakest span until the exact count fits.
    loop {
        let merged = merge_spans(&chosen);
        let (markdown, items) = render(index, &mut sources, &merged, request, tokenizer);
        let tokens = tokenizer.count(&markdown);
        if tokens <= request.budget {
            if items.is_empty() {
                let message = format!("Nothing fits in a budget of {} tokens; raise --budget.", request.budget);
                note = Some(message.clone());
                let markdown = format!("{header}{message}\n");
                let tokens = tokenizer.count(&markdown);
                let (markdown, tokens) = if tokens <= request.budget { (markdown, tokens) } else { (String::new(), 0) };
                return Ok(Pack { budget: request.budget, tokenizer: tokenizer.name().into(), tokens, items, markdown, generation: index.generation.manifest.generation, stale_files, note });
            }
            return Ok(Pack { budget: request.budget, tokenizer: tokenizer.name().into(), tokens, items, markdown, generation: index.generation.manifest.generation, stale_files, note });
        }
        let weakest = chosen
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.score.total_cmp(&b.1.score))
            .map(|(i, _)| i);
        match weakest {
            Some(i) => {
                chosen.remove(i);
            }
            None => {
                // Only the header is left and it alone is over budget.
                return Ok(Pack { budget: request.budget, tokenizer: tokenizer.name().into(), tokens: 0, items: Vec::new(), markdown: String::new(), generation: index.generation.manifest.generation, stale_files, note: Some(format!("Nothing fits in a budget of {} tokens; raise --budget.", request.budget)) });
            }
        }
    }
}

/// The longest head of `span` whose rendering costs at most `room` tokens.
fn head_that_fits(index: &LoadedIndex, sources: &mut SourceCache, span: &Span, room: usize, tokenizer: Tokenizer) -> Option<Span> {
    let file = &index.tables.files[span.file as usize];
    let text = sources.get(&index.root, &file.path)?;
    let cost = |end: u32| {
        let fragment = Fragment { path: &file.path, language: file.language.name(), start_line: span.start_line, end_line: end, code: text.lines(span.start_line, end) };
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
        if let Some(last) = merged.last_mut() {
            if last.file == span.file && span.start_line <= last.end_line + 1 {
                last.end_line = last.end_line.max(span.end_line);
                if span.score > last.score {
                    last.score = span.score;
                    last.symbol = span.symbol.or(last.symbol);
                }
                continue;
            }
        }
        merged.push(span);
    }
    merged
}

/// Renders merged spans, files ordered by their best span.
fn render(index: &LoadedIndex, sources: &mut SourceCache, spans: &[Span], request: &PackRequest, tokenizer: Tokenizer) -> (String, Vec<PackItem>) {
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
            let record = &index.tables.files[span.file as usize];
            let Some(text) = sources.get(&index.root, &record.path) else { continue };
            texts.push(text);
            ordered.push(span);
        }
    }
    let fragments: Vec<Fragment> = ordered
        .iter()
        .zip(&texts)
        .map(|(span, text)| {
            let record = &index.tables.files[span.file as usize];
            let end = span.end_line.min(text.line_count());
            Fragment { path: &record.path, language: record.language.name(), start_line: span.start_line, end_line: end, code: text.lines(span.start_line, end) }
        })
        .collect();
    let markdown = render_markdown(request.budget, tokenizer, &fragments);
    let items = ordered
        .iter()
        .zip(&fragments)
        .map(|(span, fragment)| PackItem {
            path: fragment.path.to_string(),
            start_line: fragment.start_line,
            end_line: fragment.end_line,
            kind: "body".into(),
            symbol: span.symbol.map(|s| index.tables.symbols[s as usize].qualified_name.clone()),
            score: (span.score * 1000.0).round() / 1000.0,
            tokens: tokenizer.count(&fragment.render_body()),
        })
        .collect();
    (markdown, items)
}

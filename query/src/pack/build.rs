//! The two ways to a pack: from a task (`build_pack`: rank the chunks, skip
//! what a session has shown, let the graph's finds compete for bodies or
//! signatures by budget) and from handles (`expand`).

use super::request::{GRAPH_BODIES_FROM_BUDGET, GraphBodies, Pack, PackRequest, ShownSpan, parse_handle};
use super::select::{Span, pack_spans};
use crate::loaded::{LoadedIndex, QueryError};
use crate::retrieve::{RankedChunk, RetrievalOptions, rank_chunks};
use crate::source::SourceCache;
use crate::tokens::Tokenizer;
use std::collections::HashMap;

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
fn explain_items(index: &LoadedIndex, ranked: &[RankedChunk], pack: &mut Pack) {
    let tables = &index.tables;
    let by_start: HashMap<(&str, u32), &RankedChunk> = ranked
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

/// The span of a chunk, scored.
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

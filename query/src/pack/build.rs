//! The two ways to a pack: from a task (`build_pack`: rank the chunks, skip
//! what a session has shown, let the graph's finds compete for bodies or
//! signatures by budget) and from handles (`expand`).

use super::request::{Pack, PackRequest, ShownSpan, parse_handle};
use super::select::{ShownLines, Span, pack_spans};
use crate::render::empty_markdown;
use crate::loaded::{LoadedIndex, QueryError};
use crate::retrieve::{RankedChunk, RetrievalOptions, rank_chunks};
use crate::source::SourceCache;
use crate::tokens::Tokenizer;
use ctx_indexer::ChunkKind;
use std::collections::HashMap;

/// Builds a pack for `request`.
pub fn build_pack(index: &LoadedIndex, request: &PackRequest) -> Result<Pack, QueryError> {
    let mut sources = SourceCache::default();
    let options = RetrievalOptions { graph_weight: request.graph_weight, semantic_weight: request.semantic_weight, tuning: request.tuning.clone(), ..RetrievalOptions::default() };
    let ranked = rank_chunks(index, &request.task, &options, &mut sources)?;
    let shown = ShownLines::new(&request.already_shown);
    let spans: Vec<(Span, f32)> = ranked
        .iter()
        .map(|r| {
            let mut span = span_of(index, r.chunk, r.score);
            let graph_bodies = request.graph_bodies.fused_at(request.budget);
            span.body_score = if graph_bodies { r.score } else { r.lexical };
            if index.tables.chunk(r.chunk).kind == ChunkKind::Header {
                span.body_score *= request.tuning.header_body;
            }
            span.focus = r.graph.map(|(_, how)| how.to).filter(|&to| span.symbol != Some(to));
            // A type the walk reached is there for its members (an override,
            // the base's loop that calls it): shown as a skeleton from the start.
            span.skeleton = r.graph.is_some() && r.lexical <= 0.0;
            span.reached = r.graph.is_some();
            (span, r.score)
        })
        .collect();
    let spans: Vec<Span> = spans.into_iter().flat_map(|(s, _)| shown.unshown_parts(index, s)).collect();
    let why_empty = if ranked.is_empty() {
        Some(nothing_matches(index))
    } else if spans.is_empty() {
        Some("Everything the task's words match was shown earlier in this session.".to_string())
    } else {
        None
    };
    let mut pack = pack_spans(index, request, &mut sources, spans, &shown, request.staged);
    if pack.items.is_empty()
        && let Some(why) = why_empty
    {
        (pack.markdown, pack.tokens) = empty_markdown(None, request.budget, request.tokenizer, &why);
        pack.note = Some(why);
    }
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
    let mut spans: Vec<Span> = Vec::new();
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
    let spans: Vec<Span> = spans.into_iter().flat_map(|s| shown.unshown_parts(index, s)).collect();
    let all_shown = spans.is_empty();
    let request = PackRequest { budget, tokenizer, size_exponent: 0.0, staged: false, ..PackRequest::new("") };
    let mut sources = SourceCache::default();
    let mut pack = pack_spans(index, &request, &mut sources, spans, &shown, false);
    if pack.items.is_empty() && all_shown {
        let why = "Every line of these handles was shown earlier in this session.";
        (pack.markdown, pack.tokens) = empty_markdown(None, budget, tokenizer, why);
        pack.note = Some(why.to_string());
    }
    Ok(pack)
}

/// Why a task matched nothing, with what the index holds.
fn nothing_matches(index: &LoadedIndex) -> String {
    let stats = &index.generation.manifest.stats;
    let what = if stats.symbols == 0 { "no symbols: only text files, or no language ctx parses" } else { "its words match no chunk, name, path or message" };
    format!("Nothing in the index ({} files, {} symbols) matches the task: {what}. Name a file, a definition or a quoted error message.", stats.files, stats.symbols)
}

/// The span of a chunk, scored.
fn span_of(index: &LoadedIndex, chunk: u32, score: f32) -> Span {
    let record = index.tables.chunk(chunk);
    Span { chunk, file: record.file, start_line: record.start_line, end_line: record.end_line, symbol: record.symbol, score, body_score: score, focus: None, skeleton: false, reached: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_shown_in_part_keeps_only_its_unshown_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        let body: String = (0..12).map(|i| format!("    x{i} = {i}\n")).collect();
        std::fs::write(dir.path().join("a.py"), format!("def f():\n{body}    return x0\n")).expect("write");
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("index");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        let span = span_of(&index, 0, 1.0);
        assert_eq!((span.start_line, span.end_line), (1, 14));
        let earlier = [ShownSpan { path: "a.py".into(), start_line: 3, end_line: 5 }, ShownSpan { path: "a.py".into(), start_line: 5, end_line: 7 }, ShownSpan { path: "b.py".into(), start_line: 1, end_line: 14 }];
        let parts: Vec<(u32, u32)> = ShownLines::new(&earlier).unshown_parts(&index, span.clone()).iter().map(|s| (s.start_line, s.end_line)).collect();
        assert_eq!(parts, [(1, 2), (8, 14)]);
        let all = [ShownSpan { path: "a.py".into(), start_line: 1, end_line: 14 }];
        assert!(ShownLines::new(&all).unshown_parts(&index, span.clone()).is_empty());
        assert_eq!(ShownLines::new(&[]).unshown_parts(&index, span).len(), 1);
    }

    #[test]
    fn a_body_takes_in_the_blank_lines_around_it_but_not_lines_shown_before() {
        let dir = tempfile::tempdir().expect("tempdir");
        // Lines: 1-2 `other`, 3-4 blank, 5-6 `ledger_total`, 7-8 blank, 9-10 `last`.
        let text = "def other(x):\n    return x\n\n\ndef ledger_total(ledger):\n    return ledger.total + ledger.tax\n\n\ndef last(y):\n    return y\n";
        std::fs::write(dir.path().join("books.py"), text).expect("write");
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("index");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        let body_of = |already_shown: Vec<ShownSpan>| {
            let request = PackRequest { budget: 2_000, graph_weight: 0.0, already_shown, ..PackRequest::new("ledger_total ledger total tax") };
            let pack = build_pack(&index, &request).expect("pack");
            let body = pack.items.iter().find(|i| i.kind == "body" && i.symbol.as_deref() == Some("ledger_total")).expect("the function's body");
            (body.start_line, body.end_line)
        };
        // A definition added before or after it goes on one of these blank lines.
        assert_eq!(body_of(Vec::new()), (3, 8));
        let earlier = vec![ShownSpan { path: "books.py".into(), start_line: 7, end_line: 10 }];
        assert_eq!(body_of(earlier), (3, 6), "a margin an earlier pack showed is not shown again");
    }

    #[test]
    fn from_8k_the_callee_the_walk_reaches_competes_for_a_body() {
        use super::super::request::GraphBodies;
        assert!(!GraphBodies::ByBudget.fused_at(2_000));
        assert!(GraphBodies::ByBudget.fused_at(8_000));
        assert!(GraphBodies::Always.fused_at(2_000) && !GraphBodies::Never.fused_at(32_000));
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("report.py"), "from rows import format_rows\n\n\ndef ledger_report(ledger):\n    return format_rows(ledger)\n").expect("write");
        let helper: String = (0..30).map(|i| format!("    cells_{i} = [str(c).rjust(8) for c in items]\n")).collect();
        std::fs::write(dir.path().join("rows.py"), format!("def format_rows(items):\n{helper}    return cells_0\n")).expect("write");
        // Code the task's words match weakly, more of it than the budget holds.
        let filler: String = (0..120).map(|i| format!("def audit_{i}(entry):\n    # the ledger entry {i}, checked against the journal and the books\n    return [entry.amount, entry.account, entry.date, entry.memo, {i}]\n\n\n")).collect();
        std::fs::write(dir.path().join("audit.py"), filler).expect("write");
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("index");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        let helper_body = |graph_bodies: GraphBodies| {
            let request = PackRequest { budget: 2_500, graph_bodies, ..PackRequest::new("ledger_report prints the ledger wrong") };
            let pack = build_pack(&index, &request).expect("pack");
            assert!(pack.tokens <= 2_500);
            pack.items.iter().any(|i| i.kind == "body" && i.symbol.as_deref() == Some("format_rows"))
        };
        assert!(helper_body(GraphBodies::Always), "the fused score gives the callee a body");
        assert!(!helper_body(GraphBodies::Never), "by the task's words the callee yields its room to the words' matches");
    }

    #[test]
    fn signatures_first_list_the_files_no_body_shows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let crowded: String = (0..40).map(|i| format!("def ledger_entry_{i}(ledger):\n    return ledger.total + ledger.tax + ledger.fee + {i}\n\n\n")).collect();
        std::fs::write(dir.path().join("books.py"), crowded).expect("write");
        std::fs::write(dir.path().join("refunds.py"), "def refund_to_ledger(amount):\n    return amount\n").expect("write");
        std::fs::write(dir.path().join("notes.py"), "def ledger_note(text):\n    return text\n").expect("write");
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("index");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        let files_of = |tuning: crate::retrieve::Tuning| {
            let request = PackRequest { budget: 700, graph_weight: 0.0, tuning, ..PackRequest::new("ledger total tax fee") };
            let pack = build_pack(&index, &request).expect("pack");
            assert!(pack.tokens <= 700);
            let mut files: Vec<String> = pack.items.iter().map(|i| i.path.clone()).collect();
            files.sort();
            files.dedup();
            files
        };
        let narrow = files_of(crate::retrieve::Tuning { signature_breadth: 0.0, ..Default::default() });
        assert!(!narrow.contains(&"refunds.py".to_string()), "without breadth the best file's signatures take the room: {narrow:?}");
        let broad = files_of(crate::retrieve::Tuning::default());
        assert_eq!(broad, ["books.py", "notes.py", "refunds.py"]);
    }
}

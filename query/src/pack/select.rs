//! Selection: budgeted, staged packing of ranked spans. The best chunks are shown whole (`body`), the
//! next candidates as one-line signatures with a handle that `expand`
//! turns into their bodies, and good candidates that did not fit are listed
//! as `omitted`. Spans are chosen greedily by score per token, each body
//! widened over the blank lines around it (not over lines a session showed
//! before), neighbouring spans of a file merged, and the rendering is
//! counted exactly and cut until it is within the budget: the budget is a
//! hard limit.

use super::request::{OmittedItem, Pack, PackItem, PackRequest, ShownSpan, handle_of};
use crate::loaded::LoadedIndex;
use crate::render::{Fragment, MapLine, MemberLine, SignatureLine, empty_markdown, render_markdown};
use crate::source::SourceCache;
use crate::tokens::Tokenizer;
use std::collections::{HashMap, HashSet};

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

/// A span chosen for the pack, before merging.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub(crate) chunk: u32,
    pub(crate) file: u32,
    pub(crate) start_line: u32,
    pub(crate) end_line: u32,
    pub(crate) symbol: Option<u32>,
    pub(crate) score: f32,
    /// What orders bodies: the score, or its part from the task's words
    /// when graph-reached code is shown as signatures only.
    pub(crate) body_score: f32,
    /// The definition inside the chunk that the graph walk reached (a
    /// method of a class held in one chunk): its signature is the one shown.
    pub(crate) focus: Option<u32>,
    /// Shown as a skeleton (a type with its members' declarations) when
    /// it is a signature.
    pub(crate) skeleton: bool,
    /// Reached by the graph's walk: its signature gives breadth of its
    /// own (a caller, a base class), whatever file it is in.
    pub(crate) reached: bool,
}

/// Lines of files shown before, for sessions.
pub(crate) struct ShownLines<'a> {
    spans: &'a [ShownSpan],
}

impl<'a> ShownLines<'a> {
    pub(crate) fn new(spans: &'a [ShownSpan]) -> Self {
        ShownLines { spans }
    }

    /// The runs of lines of `span` not shown before, each as a span of its
    /// own: a chunk that an earlier pack showed in part shows only the rest,
    /// so that no line of a session is shown twice.
    pub(crate) fn unshown_parts(&self, index: &LoadedIndex, span: Span) -> Vec<Span> {
        let path = index.tables.file(span.file).path;
        let mut earlier: Vec<(u32, u32)> =
            self.spans.iter().filter(|s| s.path == *path && s.start_line <= span.end_line && span.start_line <= s.end_line).map(|s| (s.start_line, s.end_line)).collect();
        if earlier.is_empty() {
            return vec![span];
        }
        earlier.sort_unstable();
        let mut parts = Vec::new();
        let mut next = span.start_line;
        for (start, end) in earlier {
            if start > next {
                parts.push(Span { start_line: next, end_line: start - 1, ..span.clone() });
            }
            next = next.max(end.saturating_add(1));
        }
        if next <= span.end_line {
            parts.push(Span { start_line: next, ..span });
        }
        parts
    }
}

/// A ranked candidate with the exact cost of showing its body.
struct Candidate {
    span: Span,
    cost: usize,
    priority: f32,
}

/// Blank lines a body takes in at most on each side.
const BLANK_MARGIN: u32 = 2;

/// Selects, renders and cuts `spans` (ranked best first, none of them
/// `shown` before) to the budget.
pub(crate) fn pack_spans(index: &LoadedIndex, request: &PackRequest, sources: &mut SourceCache, spans: Vec<Span>, shown: &ShownLines, staged: bool) -> Pack {
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
    let body_budget = if staged { (request.budget as f32 * request.tuning.body_share.clamp(0.0, 1.0)) as usize } else { request.budget };
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
            bodies.extend(with_blank_margins(index, sources, shown, &candidate.span));
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
    // The candidates in rank order (a chunk split around lines shown
    // earlier is found by its first part, as before).
    let ranked: Vec<&Candidate> = {
        let mut by_chunk: HashMap<u32, &Candidate> = HashMap::new();
        for candidate in &candidates {
            by_chunk.entry(candidate.span.chunk).or_insert(candidate);
        }
        by_rank.iter().filter_map(|chunk| by_chunk.get(chunk).copied()).collect()
    };
    let mut signatures: Vec<Span> = Vec::new();
    if staged {
        let section = tokenizer.count(crate::render::SIGNATURES_HEADING);
        let mut seen_symbols = HashSet::new();
        let mut first = true;
        // Signatures are there for breadth: with `signature_breadth`, a
        // first pass takes the best of each file no body or signature
        // shows yet and what the graph's walk reached, a second the rest
        // in rank order.
        let mut files_listed: HashSet<u32> = files_shown.clone();
        let passes: &[bool] = if request.tuning.signature_breadth > 0.0 { &[true, false] } else { &[false] };
        for &new_files_only in passes {
            for &candidate in &ranked {
                if chosen.contains(&candidate.span.chunk) {
                    continue;
                }
                if new_files_only && files_listed.contains(&candidate.span.file) && !candidate.span.reached {
                    continue;
                }
                if let Some(symbol) = candidate.span.symbol
                    && seen_symbols.contains(&symbol) {
                        continue;
                    }
                let line = signature_line(index, sources, &candidate.span, generation);
                let cost = tokenizer.count(&line.render()) + if first { section } else { 0 };
                if used + cost <= request.budget {
                    used += cost;
                    first = false;
                    if let Some(symbol) = candidate.span.symbol {
                        seen_symbols.insert(symbol);
                    }
                    files_listed.insert(candidate.span.file);
                    signatures.push(candidate.span.clone());
                }
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
    let omitted: Vec<OmittedItem> = ranked
        .iter()
        .filter(|c| !shown.contains(&c.span.chunk))
        .take(OMITTED_LISTED)
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
                let rendered = empty_markdown(None, request.budget, tokenizer, &message);
                note = Some(message);
                rendered
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

/// `span` widened over the blank lines around it (at most
/// [`BLANK_MARGIN`] each side), less what an earlier pack of the session
/// showed. A fix that adds a definition inserts it between two others, on
/// such a line: a body that shows a neighbour then also shows where the
/// new code goes, for about a token a line, and the bodies of two
/// neighbours meet and merge into one fragment.
fn with_blank_margins(index: &LoadedIndex, sources: &mut SourceCache, shown: &ShownLines, span: &Span) -> Vec<Span> {
    let Some(text) = sources.get(&index.root, index.tables.file(span.file).path) else { return vec![span.clone()] };
    let blank = |line: u32| text.lines(line, line).trim().is_empty();
    let mut wide = span.clone();
    for _ in 0..BLANK_MARGIN {
        if wide.start_line <= 1 || !blank(wide.start_line - 1) {
            break;
        }
        wide.start_line -= 1;
    }
    for _ in 0..BLANK_MARGIN {
        if wide.end_line >= text.line_count() || !blank(wide.end_line + 1) {
            break;
        }
        wide.end_line += 1;
    }
    let mut parts = shown.unshown_parts(index, wide);
    parts.retain(|part| !text.lines(part.start_line, part.end_line).trim().is_empty());
    parts
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

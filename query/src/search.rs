//! `search` (ranked chunks for a query) and `symbols` (definitions by name).

use crate::loaded::{LoadedIndex, QueryError};
use crate::retrieve::{RankedChunk, RetrievalOptions, Tuning, distinct_terms, rank_chunks};
use crate::source::SourceCache;
use serde::{Deserialize, Serialize};

/// One ranked chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Path relative to the root.
    pub path: String,
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
    /// The definition it belongs to.
    pub symbol: Option<String>,
    /// Its signature, if it belongs to a definition.
    pub signature: Option<String>,
    /// The fused score.
    pub score: f32,
}

/// The answer of a search: ranked hits and how fresh the index is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The index generation answered from.
    pub generation: u64,
    /// Files among the hits changed on disk since they were indexed.
    pub stale_files: usize,
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
}

/// The `limit` best chunks for `query`.
/// `semantic_weight` is that of the semantic layer (`None` for lexical only).
pub fn search(index: &LoadedIndex, query: &str, limit: usize, semantic_weight: Option<f32>) -> Result<SearchResults, QueryError> {
    search_tuned(index, query, limit, semantic_weight, &Tuning::default())
}

/// [`search`] with the ranking's weights given (see [`Tuning`]).
pub fn search_tuned(index: &LoadedIndex, query: &str, limit: usize, semantic_weight: Option<f32>, tuning: &Tuning) -> Result<SearchResults, QueryError> {
    let mut sources = SourceCache::default();
    let options = RetrievalOptions { bm25_limit: limit.max(50) * 2, semantic_weight, graph_weight: 0.0, tuning: tuning.clone() };
    // A short query wants the files that answer it, a whole task the
    // definitions it is about, several of them in one file.
    let decay = tuning.file_decay_for(distinct_terms(query));
    let ranked = diverse(index, rank_chunks(index, query, &options, &mut sources)?, limit, decay);
    let mut files = Vec::new();
    let hits = ranked
        .into_iter()
        .map(|r| {
            let chunk = index.tables.chunk(r.chunk);
            files.push(chunk.file);
            let symbol = chunk.symbol.map(|s| index.tables.symbol(s));
            SearchHit {
                path: index.tables.file(chunk.file).path.to_string(),
                start_line: chunk.start_line,
                end_line: chunk.end_line,
                symbol: symbol.map(|s| s.qualified_name.to_string()),
                signature: symbol.map(|s| s.signature.to_string()),
                score: (r.score * 1000.0).round() / 1000.0,
            }
        })
        .collect();
    files.sort_unstable();
    files.dedup();
    let stale_files = files.into_iter().filter(|&f| index.is_stale(f)).count();
    Ok(SearchResults { generation: index.generation.manifest.generation, stale_files, hits })
}

/// The `limit` best chunks with as many files as they can cover: a
/// file's second chunk counts `decay` of its score, its third `decay`
/// squared, and so on, so that the best chunk of another file comes
/// before a weaker chunk of a file listed already (with `decay` 0, every
/// file's best chunk first, in rank order, then the others). On
/// semble's suite, 6.3 of each top 10 repeated a listed file.
fn diverse(index: &LoadedIndex, ranked: Vec<RankedChunk>, limit: usize, decay: f32) -> Vec<RankedChunk> {
    let mut listed: std::collections::HashMap<u32, i32> = std::collections::HashMap::new();
    let mut decayed: Vec<(f32, usize, RankedChunk)> = ranked
        .into_iter()
        .enumerate()
        .map(|(rank, chunk)| {
            let seen = listed.entry(index.tables.chunk(chunk.chunk).file).or_insert(0);
            let factor = if *seen == 0 { 1.0 } else { decay.powi(*seen) };
            *seen += 1;
            (chunk.score * factor, rank, chunk)
        })
        .collect();
    decayed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    decayed.into_iter().take(limit).map(|(_, _, chunk)| chunk).collect()
}

/// One definition found by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SymbolHit {
    /// The name.
    pub name: String,
    /// The qualified name.
    pub qualified_name: String,
    /// The kind (`function`, `class`...).
    pub kind: String,
    /// Path relative to the root.
    pub path: String,
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
    /// The declaration.
    pub signature: String,
    /// The first line of its doc comment.
    pub doc: Option<String>,
}

/// Definitions whose name or qualified name equals `name`, then those that
/// start with it; case-sensitive matches before case-insensitive ones.
pub fn find_symbols(index: &LoadedIndex, name: &str, limit: usize) -> Vec<SymbolHit> {
    // No allocation per symbol: this scans every definition of the repository.
    let starts_with_ignoring_case = |text: &str| {
        text.len() >= name.len() && text.as_bytes()[..name.len()].eq_ignore_ascii_case(name.as_bytes())
    };
    let mut hits: Vec<(u8, u32)> = Vec::new();
    for (id, symbol) in index.tables.symbols() {
        let rank = if symbol.name == name || symbol.qualified_name == name {
            0
        } else if symbol.name.eq_ignore_ascii_case(name) || symbol.qualified_name.eq_ignore_ascii_case(name) {
            1
        } else if symbol.name.starts_with(name) || symbol.qualified_name.starts_with(name) {
            2
        } else if starts_with_ignoring_case(symbol.name) {
            3
        } else {
            continue;
        };
        hits.push((rank, id as u32));
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| index.tables.cmp_symbols(a.1, b.1)));
    hits.into_iter()
        .take(limit)
        .map(|(_, id)| {
            let s = index.tables.symbol(id);
            SymbolHit {
                name: s.name.to_string(),
                qualified_name: s.qualified_name.to_string(),
                kind: s.kind.as_str().into(),
                path: index.tables.file(s.file).path.to_string(),
                start_line: s.start_line,
                end_line: s.end_line,
                signature: s.signature.to_string(),
                doc: s.doc.and_then(|d| d.lines().next()).map(str::to_string),
            }
        })
        .collect()
}

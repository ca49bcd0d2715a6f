//! What a pack is asked for (`PackRequest`, with the spans a session has
//! shown already) and what it is (`Pack`, its items and the candidates
//! left out), and the handles by which `expand` names a chunk.

use crate::tokens::Tokenizer;
use serde::{Deserialize, Serialize};

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
/// Measured with `benches/quality` (cl100k; edit recall; graph weight
/// 0.5), bodies by the task's words (`Never`) against the fused score
/// (`Always`):
///
/// | suite | 2k | 8k |
/// |---|---|---|
/// | SWE-bench Verified, Python | 0.468 / 0.446 | 0.718 / 0.704 |
/// | Multi-SWE-bench, six languages | 0.259 / 0.225 | 0.432 / 0.459 |
///
/// (At 32k, bodies went by the fused score before: 0.842 and 0.663.) At
/// 2k a graph find that takes a body pushes out the code the task names;
/// from 8k the caller or callee the fix is in often wins its body (8k,
/// Rust 0.340 -> 0.421, C 0.244 -> 0.311, Go 0.558 -> 0.587; C++, Java,
/// JavaScript and Python lose 0.01-0.02). Hence [`GraphBodies::ByBudget`].
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
pub const GRAPH_BODIES_FROM_BUDGET: usize = 8_000;

impl GraphBodies {
    /// Whether the walk's part of a score orders bodies in a pack of `budget` tokens.
    pub fn fused_at(self, budget: usize) -> bool {
        match self {
            GraphBodies::Always => true,
            GraphBodies::Never => false,
            GraphBodies::ByBudget => budget >= GRAPH_BODIES_FROM_BUDGET,
        }
    }
}

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
    /// The weights of ranking's signals (see `Tuning`).
    pub tuning: crate::retrieve::Tuning,
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
            semantic_weight: crate::retrieve::DEFAULT_SEMANTIC,
            tuning: crate::retrieve::Tuning::default(),
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

/// The handle of a chunk in a generation: stable until the index changes.
pub fn handle_of(generation: u64, chunk: u32) -> String {
    format!("g{generation}c{chunk}")
}

/// Parses a handle into (generation, chunk).
pub fn parse_handle(handle: &str) -> Option<(u64, u32)> {
    let (generation, chunk) = handle.strip_prefix('g')?.split_once('c')?;
    Some((generation.parse().ok()?, chunk.parse().ok()?))
}

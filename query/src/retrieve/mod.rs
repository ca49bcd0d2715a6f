//! Retrieval: a task's text to ranked chunks. `signals` reads identifiers,
//! paths, traceback locations, dotted modules and quoted messages from the
//! task; `rank` fuses BM25 over the chunks with those signals and with the
//! symbol graph's walk from the best of them (`crate::graph`); `semantic`
//! adds the chunks nearest to the task when the index has vectors.
//!
//! Retrieval reads the index and, to match quoted messages, the text of the
//! working tree; it never writes, and its weights are named constants.

pub mod signals;
mod priors;
mod rank;
mod semantic;
mod stem;
mod tuning;

pub use priors::{looks_auxiliary, looks_like_test};
pub use rank::{GRAPH_WEIGHT, RankedChunk, RetrievalOptions, distinct_terms, rank_chunks};
pub use tuning::Tuning;
pub use semantic::{DEFAULT_SEMANTIC, SEMANTIC_WEIGHT, SemanticGap, semantic_model};

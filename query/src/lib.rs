//! The query half of ctx: retrieval over an opened index, fusion, exact token
//! counting and budgeted packing. It reads the index and never writes it.
//!
//! `retrieve` ranks chunks for a task, `graph` walks the symbol graph that
//! `navigate` resolves from the stored references, `pack` cuts the ranking
//! to a budget and `render` writes its markdown; `map`, `search` and
//! `status` answer the commands of those names. `loaded`, `source` and
//! `tokens` are the opened index, the working tree's text and the exact
//! token counts that all of them share.

pub mod graph;
mod loaded;
mod map;
mod navigate;
mod pack;
mod render;
mod retrieve;
mod search;
mod source;
mod status;
mod tokens;

pub use graph::{EdgeKind, Reached};
pub use loaded::{LoadedIndex, QueryError};
pub use map::repository_map;
pub use navigate::{NavHit, Navigation, callees_of, references_to};
pub use pack::{DEFAULT_SIZE_EXPONENT, GraphBodies, OmittedItem, Pack, PackItem, PackRequest, ShownSpan, build_pack, expand, handle_of, parse_handle};
pub use retrieve::signals;
pub use retrieve::{GRAPH_WEIGHT, RankedChunk, RetrievalOptions, Tuning, looks_auxiliary, looks_like_test, rank_chunks};
pub use retrieve::{DEFAULT_SEMANTIC, SEMANTIC_WEIGHT, SemanticGap, semantic_model};
pub use search::{SearchHit, SearchResults, SymbolHit, find_symbols, search, search_tuned};
pub use source::SourceCache;
pub use status::{IndexStatus, LinksSkipped, status, status_of, walk};
pub use tokens::Tokenizer;

//! The query half of ctx: retrieval over an opened index, fusion, exact token
//! counting and budgeted packing. It reads the index and never writes it.

mod loaded;
pub mod graph;
mod map;
mod navigate;
mod pack;
mod render;
mod retrieve;
mod search;
mod semantic;
pub mod signals;
mod source;
mod status;
mod tokens;

pub use loaded::{LoadedIndex, QueryError};
pub use map::repository_map;
pub use navigate::{NavHit, callees_of, references_to};
pub use pack::{DEFAULT_SIZE_EXPONENT, GraphBodies, OmittedItem, Pack, PackItem, PackRequest, ShownSpan, build_pack, expand, handle_of, parse_handle};
pub use graph::{EdgeKind, Reached};
pub use retrieve::{GRAPH_WEIGHT, RankedChunk, RetrievalOptions, looks_like_test, rank_chunks};
pub use semantic::{DEFAULT_SEMANTIC, SEMANTIC_WEIGHT, SemanticGap, semantic_model};
pub use search::{SearchHit, SearchResults, SymbolHit, find_symbols, search};
pub use source::SourceCache;
pub use status::{IndexStatus, status, status_of};
pub use tokens::Tokenizer;

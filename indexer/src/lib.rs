//! The indexing half of ctx: discovery, tree-sitter parsing into symbols,
//! chunking, the tantivy BM25 index and the versioned on-disk index in `.ctx/`.

pub mod language;
pub mod parse;
pub mod symbol;

pub use language::Language;
pub use parse::parse_source;
pub use symbol::{Import, ParsedFile, Reference, Symbol, SymbolKind};
pub mod chunk;
pub use chunk::{ChunkKind, ChunkLimits, ChunkSpan, chunk_file};

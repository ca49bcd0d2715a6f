//! The indexing half of ctx: discovery, tree-sitter parsing into symbols,
//! chunking, the tantivy BM25 index and the versioned on-disk index in `.ctx/`.

pub mod language;
mod aliases;
mod declarators;
mod generated;
mod go_bodies;
mod locals;
mod uses;
pub mod parse;
pub mod symbol;

pub use language::Language;
pub use parse::parse_source;
pub use symbol::{Alias, Import, ParsedFile, QualifierPath, Receiver, Reference, Symbol, SymbolKind};
pub mod chunk;
pub use chunk::{ChunkKind, ChunkLimits, ChunkSpan, chunk_file};
pub mod cancel;
pub mod config;
pub mod discover;
pub mod git_state;
pub mod text_index;
pub mod tokenize;
pub mod pipeline;
pub mod store;
pub mod tables;
mod tables_builder;
pub mod vectors;
mod vectors_file;
mod vectors_graph;

pub use cancel::CancelToken;
pub use config::{ConfigError, RepoConfig};
pub use discover::{DiscoveryOptions, SkipReason, SkippedFile};
pub use pipeline::{ChangeCounts, IndexError, IndexOptions, IndexProgress, IndexReport, build_index, line_starts};
pub use store::{Generation, IndexStats, Manifest, StoreError, find_root};
pub use tables::{ChunkRecord, FileRecord, ImportRecord, ReferenceRecord, SymbolRecord, TablesView, name_key};
pub use text_index::{CorpusStats, TextField, TextIndexReader, TextQuery};
pub use vectors::{SemanticOption, VectorsFile};

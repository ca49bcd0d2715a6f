//! The indexing half of ctx: discovery, tree-sitter parsing into symbols,
//! chunking, the tantivy BM25 index and the versioned on-disk index in `.ctx/`.
//!
//! The crate is a folder per stage, each importing only those below it:
//! `parse` (one file's text to its symbols and chunks), `discover` (which
//! files, with the configuration and git), `text_index` (tantivy),
//! `store` (`.ctx/`: manifest, generations, lock, tables), `vectors` (the
//! semantic layer's file and graph) and `pipeline`, which runs one build
//! over them. `tokenize`, `index_dir` and `graph_config` are small modules
//! two stages share.

pub mod discover;
pub mod parse;
pub mod pipeline;
pub mod store;
pub mod text_index;
pub mod tokenize;
pub mod vectors;
mod graph_config;
mod index_dir;

pub use discover::{DiscoveryOptions, SkipReason, SkippedFile, config, git_state};
pub use discover::config::{ConfigError, RepoConfig};
pub use parse::{chunk, language, symbol};
pub use parse::{Alias, ChunkKind, ChunkLimits, ChunkSpan, Import, Language, ParsedFile, QualifierPath, Receiver, Reference, Symbol, SymbolKind, chunk_file, parse_source};
pub use pipeline::{ChangeCounts, IndexError, IndexOptions, IndexProgress, IndexReport, build_index, cancel, discover_since, line_starts};
pub use pipeline::CancelToken;
pub use pipeline::{MergeOutcome, MergeReport, merge_due, merge_layers, merge_layers_with, merge_wanted};
pub use store::{DeltaLayer, Generation, IndexStats, LanguageStats, Manifest, StoreError, find_root, tables};
pub use store::{ChunkRecord, FileRecord, ImportRecord, ReferenceRecord, SymbolRecord, TablesView, name_key};
pub use text_index::{CorpusStats, TextField, TextIndexReader, TextQuery};
pub use vectors::{SemanticOption, VectorsFile};

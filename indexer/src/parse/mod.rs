//! The parse stage: one file's text in, its definitions, imports, aliases,
//! references and chunks out (`ParsedFile`, `ChunkSpan`), as plain data.
//!
//! `language` is the language table (grammars and the `.scm` tag queries
//! under `indexer/queries/`); `file` runs one parse: the tag query gives
//! `definitions` and imports, one walk of the tree (`uses`, with `locals`
//! for the names a function binds) gives the uses that `references`
//! merges; `aliases` reads renaming imports. A language with code of its
//! own has a module of its own: `go/` (the body scan and generated files),
//! `cpp` (declarators), `javascript` (aliases and exports). `chunk` cuts a
//! parsed file into the units that are searched and packed.
//!
//! A parse never fails and never touches the disk: a file that does not
//! parse yields what was found and a diagnostic. Nothing here knows of
//! discovery, the store or the text index.

pub mod chunk;
pub mod language;
pub mod symbol;
mod aliases;
mod cpp;
mod definitions;
mod file;
mod go;
mod javascript;
mod languages;
mod locals;
mod node;
mod ranges;
mod references;
mod use_rules;
mod uses;

pub use chunk::{ChunkKind, ChunkLimits, ChunkSpan, chunk_file};
pub use file::{parse_source, parse_source_in_full};
pub use language::{Language, PARSED_LANGUAGES};
pub use symbol::{Alias, Import, ParsedFile, QualifierPath, Receiver, Reference, Symbol, SymbolKind};

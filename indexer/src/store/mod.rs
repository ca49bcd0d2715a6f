//! The store stage owns `.ctx/`: the manifest (`manifest`), generations
//! written beside the current one and switched to by one atomic rename
//! (`generation`), the writer's lock and the readers' leases (`lock`), and
//! the tables file of each generation: its frame (`frame`), its rows
//! (`rows`), their reader (`tables`, used in place through a memory map,
//! `file_bytes`; `layered` joins a refresh's delta to the tables it covers) and their writer (`tables_builder`); `portable` writes a
//! generation to one file and installs such a file in another checkout.
//! The format is in `docs/format.md`.
//!
//! Nothing becomes visible to readers before it is fsynced and named by
//! the manifest, and nothing a reader opened is removed under it. The store
//! never reads the working tree or parses code: it stores what the
//! pipeline hands it.

pub mod tables;
mod layered;
mod error;
mod file_bytes;
mod frame;
mod generation;
mod lock;
mod manifest;
mod portable;
mod rows;
mod tables_builder;

pub use crate::index_dir::{INDEX_DIR, index_dir};
pub use error::StoreError;
pub use file_bytes::file_checksum;
pub(crate) use file_bytes::{FileBytes, read_generation_file};
pub use generation::{Generation, PendingGeneration};
pub(crate) use generation::{link_files, write_staged_tables};
pub use lock::{MergeLock, WriterLock};
pub(crate) use lock::remove_old_generations;
pub use portable::{PortableReport, export_index, import_index};
pub(crate) use manifest::TABLES_FILE;
pub use manifest::{DeltaLayer, FORMAT_VERSION, FileChecksum, IndexStats, LanguageStats, Manifest, find_root, read_manifest};
pub use layered::TablesView;
pub use tables::{ChunkRecord, FileRecord, ImportRecord, ReferenceRecord, SymbolRecord, name_key};
pub(crate) use tables_builder::{FileFacts, TablesBuilder};

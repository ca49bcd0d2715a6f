//! The vectors of an index generation: one embedding per chunk, in chunk id
//! order, in `vectors.bin` beside the tables (format in `docs/format.md`).
//!
//! A run embeds only the chunks of the files it parses; the rows of reused
//! files are copied from the previous generation's file, which is exact
//! because rows are stored as written and a reused file keeps its chunks in
//! order. So a refresh writes the same bytes a full rebuild would. Rows are
//! int8 with one f32 scale per row by default (a quarter of f32's size; the
//! same top 10 as f32 for 99.9% of hits on the Go tree's vectors), read
//! through a memory map (`vectors_file`).

use crate::chunk::ChunkSpan;
use crate::symbol::Symbol;
use ctx_embeddings::{EmbedError, Embedder, HashEmbedder, ModelStore, POTION_BASE_8M, StoreError as ModelStoreError};
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::vectors_file::{VECTORS_FILE, VECTORS_MAGIC, VECTORS_VERSION, VectorEncoding, VectorsFile, encode, write_file};
pub use crate::vectors_graph::{DEFAULT_GRAPH_THRESHOLD, GRAPH_FILE, GRAPH_MAGIC, GRAPH_VERSION, GraphConfig, GraphFile, PointRow, fresh_graph_file};

/// The text embedded per chunk is cut to this many bytes: the default static
/// model counts at most 512 tokens, which code rarely spreads over more.
const MAX_TEXT_BYTES: usize = 4096;
/// The prefix of the deterministic hash embedder's names (`ctx-hash-v1-DIMS`).
const HASH_MODEL_PREFIX: &str = "ctx-hash-v1-";

/// Which embedder an index run uses, if any.
#[derive(Clone, Default)]
pub enum SemanticOption {
    /// Keep what the current generation has (its model, or no vectors); a
    /// first build has none. The semantic layer is opt-in because it did not
    /// improve packs on the dev tasks (see `ARCHITECTURE.md`).
    #[default]
    Inherit,
    /// The model of this name from the model store.
    Model(String),
    /// No vectors.
    Off,
    /// This embedder (tests use the deterministic hash embedder).
    Embedder(Arc<dyn Embedder>),
}

impl std::fmt::Debug for SemanticOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SemanticOption::Inherit => write!(f, "Inherit"),
            SemanticOption::Model(name) => write!(f, "Model({name:?})"),
            SemanticOption::Off => write!(f, "Off"),
            SemanticOption::Embedder(e) => write!(f, "Embedder({:?})", e.name()),
        }
    }
}

/// Why vectors could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum VectorsError {
    /// The model could not be found or loaded.
    #[error(transparent)]
    Model(#[from] ModelStoreError),
    /// The embedder failed on a chunk's text.
    #[error(transparent)]
    Embed(#[from] EmbedError),
    /// The vectors file is damaged or of another layout.
    #[error("{path}: {why}; run `ctx index` to rebuild the index")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// Reading the vectors file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The embedder a model name stands for: a hash embedder by its name, else
/// the model store's folder of that name (the part before `@`, which stored
/// vectors append a content hash to).
pub fn embedder_for_name(name: &str) -> Result<Arc<dyn Embedder>, ModelStoreError> {
    if let Some(dimensions) = name.strip_prefix(HASH_MODEL_PREFIX).and_then(|d| d.parse().ok()) {
        return Ok(Arc::new(HashEmbedder::new(dimensions)));
    }
    let folder = name.split('@').next().unwrap_or(name);
    ModelStore::from_env()?.load_embedder(folder)
}

/// The store name of a model whose vectors are named `name` (`potion-base-8M@…` -> `potion-base-8M`).
pub fn model_folder(name: &str) -> &str {
    name.split('@').next().unwrap_or(name)
}

/// Whether the default model is in the user's model store.
pub fn default_model_available() -> bool {
    ModelStore::from_env().is_ok_and(|store| store.contains(POTION_BASE_8M))
}

/// What a run wants, decided before anything is loaded: the store name of
/// the model (or the given embedder), or none.
pub(crate) enum Wanted {
    None,
    Named(String),
    Given(Arc<dyn Embedder>),
}

impl Wanted {
    /// Resolves the option against the model of the previous generation's
    /// vectors (`Some(None)` if it had none, `None` without a previous generation).
    pub(crate) fn resolve(option: &SemanticOption, previous_model: Option<Option<&str>>) -> Wanted {
        match option {
            SemanticOption::Off => Wanted::None,
            SemanticOption::Model(name) => Wanted::Named(name.clone()),
            SemanticOption::Embedder(embedder) => Wanted::Given(embedder.clone()),
            SemanticOption::Inherit => match previous_model.flatten() {
                Some(model) => Wanted::Named(model.to_string()),
                None => Wanted::None,
            },
        }
    }

    /// Whether vectors of model `previous` (or none) already are what is wanted.
    pub(crate) fn satisfied_by(&self, previous: Option<&str>) -> bool {
        match (self, previous) {
            (Wanted::None, None) => true,
            (Wanted::Named(name), Some(model)) => model == name || model_folder(model) == name,
            (Wanted::Given(embedder), Some(model)) => embedder.name() == model,
            _ => false,
        }
    }

    /// Loads the embedder.
    pub(crate) fn load(self) -> Result<Option<Arc<dyn Embedder>>, VectorsError> {
        Ok(match self {
            Wanted::None => None,
            Wanted::Named(name) => Some(embedder_for_name(&name)?),
            Wanted::Given(embedder) => Some(embedder),
        })
    }
}

/// The text embedded for one chunk: its path, the qualified name of the
/// definition it belongs to, and its lines (cut to a few kilobytes).
pub fn chunk_text(path: &str, symbol: Option<&str>, body: &str) -> String {
    let mut end = body.len().min(MAX_TEXT_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let mut text = String::with_capacity(path.len() + end + 64);
    text.push_str(path);
    text.push('\n');
    if let Some(name) = symbol {
        text.push_str(name);
        text.push('\n');
    }
    text.push_str(&body[..end]);
    text
}

/// The texts of a parsed file's chunks, in order.
pub(crate) fn file_chunk_texts(path: &str, text: &str, line_starts: &[usize], chunks: &[ChunkSpan], symbols: &[Symbol]) -> Vec<String> {
    let lines = line_starts.len().saturating_sub(1);
    chunks
        .iter()
        .map(|chunk| {
            let from = line_starts[(chunk.start_line as usize).saturating_sub(1).min(lines)];
            let to = line_starts[(chunk.end_line as usize).min(lines)];
            let symbol = chunk.symbol.and_then(|s| symbols.get(s as usize)).map(|s| s.qualified_name.as_str());
            chunk_text(path, symbol, text.get(from..to).unwrap_or_default())
        })
        .collect()
}

/// Collects the rows of a new generation in chunk id order.
pub(crate) struct VectorsBuilder<'p> {
    embedder: Arc<dyn Embedder>,
    encoding: VectorEncoding,
    /// The previous generation's vectors, when they are of the same model.
    previous: Option<&'p VectorsFile>,
    scales: Vec<f32>,
    data: Vec<u8>,
    /// Rows reserved for texts not yet embedded.
    pending: Vec<(usize, String)>,
    /// For each row of the previous vectors, the row it was copied to (`u32::MAX`: not copied).
    row_map: Vec<u32>,
}

impl<'p> VectorsBuilder<'p> {
    pub(crate) fn new(embedder: Arc<dyn Embedder>, previous: Option<&'p VectorsFile>) -> Self {
        let previous = previous.filter(|p| p.model() == embedder.name() && p.dimensions() == embedder.dimensions());
        let row_map = vec![u32::MAX; previous.map_or(0, VectorsFile::len)];
        VectorsBuilder { embedder, encoding: VectorEncoding::Int8, previous, scales: Vec::new(), data: Vec::new(), pending: Vec::new(), row_map }
    }

    /// Whether rows of reused files can be copied (otherwise every file must be parsed).
    pub(crate) fn can_reuse(&self) -> bool {
        self.previous.is_some()
    }

    fn rows(&self) -> usize {
        self.scales.len()
    }

    /// The name of the model making the vectors.
    pub(crate) fn model(&self) -> &str {
        self.embedder.name()
    }

    /// Copies the previous generation's rows `from..to` (a reused file's chunks).
    pub(crate) fn reuse(&mut self, (from, to): (u32, u32)) {
        let Some(previous) = self.previous else { return };
        for row in from as usize..to as usize {
            self.row_map[row] = self.rows() as u32;
            self.scales.push(previous.scale(row));
            self.data.extend_from_slice(previous.row_bytes(row));
        }
    }

    /// Reserves rows for a parsed file's chunks, embedded at the next [`flush`](Self::flush).
    pub(crate) fn add(&mut self, texts: Vec<String>) {
        let row_bytes = self.encoding.row_bytes(self.embedder.dimensions());
        for text in texts {
            self.pending.push((self.rows(), text));
            self.scales.push(0.0);
            self.data.resize(self.data.len() + row_bytes, 0);
        }
    }

    /// Embeds the reserved rows (the embedder parallelises a batch).
    pub(crate) fn flush(&mut self) -> Result<(), EmbedError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let texts: Vec<&str> = pending.iter().map(|(_, t)| t.as_str()).collect();
        let vectors = self.embedder.embed(&texts)?;
        let row_bytes = self.encoding.row_bytes(self.embedder.dimensions());
        for ((row, _), vector) in pending.iter().zip(vectors) {
            let (scale, bytes) = encode(self.encoding, &vector);
            self.scales[*row] = scale;
            self.data[row * row_bytes..(row + 1) * row_bytes].copy_from_slice(&bytes);
        }
        Ok(())
    }

    /// The bytes of the vectors file, after embedding what is pending, and
    /// for each row of the previous vectors the row it was copied to
    /// (`u32::MAX`: its chunk is gone or changed), if there were previous vectors.
    pub(crate) fn finish(mut self) -> Result<(Vec<u8>, Option<Vec<u32>>), EmbedError> {
        self.flush()?;
        let bytes = write_file(self.embedder.name(), self.embedder.dimensions(), self.encoding, &self.scales, &self.data);
        Ok((bytes, self.previous.map(|_| self.row_map)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_texts_name_path_symbol_and_cut_long_bodies() {
        assert_eq!(chunk_text("a.rs", Some("S::f"), "fn f() {}\n"), "a.rs\nS::f\nfn f() {}\n");
        let long = "é".repeat(MAX_TEXT_BYTES);
        assert!(chunk_text("a", None, &long).len() <= MAX_TEXT_BYTES + 2);
    }
}

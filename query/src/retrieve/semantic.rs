//! The semantic signal of retrieval: the task embedded once with the model
//! that made the generation's chunk vectors, and the chunks nearest to it:
//! through the generation's HNSW graph when it has one (large indexes, see
//! `ctx_indexer::vectors::DEFAULT_GRAPH_THRESHOLD`), else by an exact scan of
//! the memory-mapped rows. Both are used in place, so nothing is built or
//! decoded per process.

use crate::loaded::LoadedIndex;
use ctx_embeddings::Embedder;
use ctx_indexer::vectors::{GraphFile, VectorsFile, embedder_for_name};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The weight of the nearest chunk when the semantic layer is on (BM25's
/// best hit scores 1). On the 132 dev tasks at cl100k, file / edit recall:
///
/// | weight | 8k | 32k |
/// |---|---|---|
/// | off (`--no-semantic`) | 0.907 / 0.655 | 0.951 / 0.784 |
/// | 0.3 | 0.907 / 0.658 | 0.951 / 0.784 |
/// | 0.6 | 0.899 / 0.643 | 0.951 / 0.769 |
///
/// potion-base-8M ranks the gold files that lexical retrieval misses at 8k
/// 40th or lower among files (7 of 15 below 200th), so no weight recovers
/// them; 0.3 is the largest that costs nothing. Vectors exist only when the
/// index was built with `ctx index --model`, so the layer is opt-in.
pub const SEMANTIC_WEIGHT: f32 = 0.3;
/// Whether packs and searches use the semantic layer (when the index has
/// vectors), and how much.
pub const DEFAULT_SEMANTIC: Option<f32> = Some(SEMANTIC_WEIGHT);

/// How many nearest chunks take part in fusion.
const NEAREST: usize = 100;

/// What the semantic layer of a generation is, for status lines.
pub fn semantic_model(index: &LoadedIndex) -> Option<String> {
    VectorsFile::open(&index.generation.dir).ok().flatten().map(|v| v.model().to_string())
}

/// Loaded models, kept for the life of the process (a server answers many
/// queries; loading potion-base-8M takes a good part of a second).
fn cached_embedder(model: &str) -> Option<Arc<dyn Embedder>> {
    /// Model name to the loaded model, or `None` when it could not be loaded.
    type Models = HashMap<String, Option<Arc<dyn Embedder>>>;
    static MODELS: OnceLock<Mutex<Models>> = OnceLock::new();
    let models = MODELS.get_or_init(Mutex::default);
    let mut models = models.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    models
        .entry(model.to_string())
        .or_insert_with(|| embedder_for_name(model).ok().filter(|e| e.name() == model))
        .clone()
}

/// Why the semantic signal is missing for a query, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SemanticGap {
    /// The generation has no vectors (indexed without a model).
    NoVectors,
    /// The model that made the vectors is not in the model store (or changed).
    ModelMissing,
}

/// The chunks nearest to `task` with their bonus: `weight` for the nearest,
/// falling linearly to 0 at the [`NEAREST`]-th, as BM25 scores are scaled to
/// 1 for the best hit.
pub(crate) fn matches(index: &LoadedIndex, task: &str, weight: f32) -> Result<Vec<(u32, f32)>, SemanticGap> {
    let vectors = VectorsFile::open(&index.generation.dir).ok().flatten().ok_or(SemanticGap::NoVectors)?;
    if vectors.len() != index.tables.chunks_len() {
        return Err(SemanticGap::NoVectors);
    }
    let embedder = cached_embedder(vectors.model()).ok_or(SemanticGap::ModelMissing)?;
    let Ok(mut query) = embedder.embed(&[task]) else { return Err(SemanticGap::ModelMissing) };
    let query = query.pop().unwrap_or_default();
    // A graph that cannot be read would have made the generation unreadable
    // (its checksum is in the manifest); one that does not fit is not used.
    let graph = GraphFile::open(&index.generation.dir).ok().flatten().filter(|g| g.indexes(&vectors));
    let hits = match graph {
        Some(graph) => graph.nearest(&vectors, &query, NEAREST),
        None => vectors.nearest(&query, NEAREST),
    };
    let (Some(best), Some(last)) = (hits.first().map(|h| h.1), hits.last().map(|h| h.1)) else { return Ok(Vec::new()) };
    let span = (best - last).max(f32::EPSILON);
    Ok(hits.into_iter().map(|(chunk, score)| (chunk, weight * ((score - last) / span).clamp(0.0, 1.0))).collect())
}

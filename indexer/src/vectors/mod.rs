//! The vectors stage, the semantic layer's part of a generation: one
//! embedding per chunk, in chunk id order, in `vectors.bin` beside the
//! tables (`file`: its layout, int8 rows read through a memory map, an exact
//! nearest-row scan), and from `[semantic] hnsw_threshold` rows an HNSW
//! graph over them in `vectors.hnsw` (`graph`). `model` decides which
//! embedder a run uses; `builder` embeds only the chunks of parsed files
//! and copies the rows of reused ones, so a refresh writes the bytes a full
//! rebuild would (the graph, which a refresh updates, excepted).
//!
//! It never reaches the network (models come from the model store that
//! `ctx model fetch` fills) and never reads the working tree: the pipeline
//! hands it the texts to embed.

mod builder;
mod error;
mod file;
mod graph;
mod model;

pub use crate::graph_config::{DEFAULT_GRAPH_THRESHOLD, GraphConfig};
pub use builder::chunk_text;
pub(crate) use builder::{VectorsBuilder, file_chunk_texts};
pub use error::VectorsError;
pub use file::{VECTORS_FILE, VECTORS_MAGIC, VECTORS_VERSION, VectorEncoding, VectorsFile, encode, write_file};
pub use graph::{GRAPH_FILE, GRAPH_MAGIC, GRAPH_VERSION, GraphFile, PointRow, fresh_graph_file};
pub(crate) use graph::{PreviousGraph, graph_file};
pub(crate) use model::Wanted;
pub use model::{SemanticOption, default_model_available, embedder_for_name, model_folder};

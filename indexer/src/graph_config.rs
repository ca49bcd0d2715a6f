//! When a generation's chunk vectors get an HNSW graph, and how it is built:
//! the `[semantic]` settings of the configuration, which the vectors stage
//! applies. A module of its own because both read it.

use ctx_embeddings::HnswParams;

/// When a generation gets a graph, and when it is rebuilt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphConfig {
    /// Generations with at least this many chunk vectors get a graph; smaller
    /// ones are scanned exactly.
    pub threshold: usize,
    /// A refresh rebuilds the graph from scratch when more than this fraction
    /// of its points are dead.
    pub rebuild_fraction: f32,
    /// How the graph is built and searched.
    pub params: HnswParams,
}

/// The default [`GraphConfig::threshold`], measured with `vectors_bench` for
/// the CLI, where every `ctx pack` opens the generation anew and makes one
/// query: it checksums every file against the manifest and opens the vectors
/// (and graph) file with its own checksum, then finds the 100 nearest. On
/// the Go tree's potion-base-8M vectors (replicated with noise above its
/// 108k), 2 shared cores, per query:
///
/// | rows | exact scan | graph (recall@10) | graph build, size |
/// |---|---|---|---|
/// | 50k | 5.7 ms | 4.7 ms (0.913) | 7.7 s, 7 MB |
/// | 200k | 22.0 ms | 14.9 ms (0.909) | 51 s, 29 MB |
/// | 500k | 36.8 ms | 30.3 ms (0.930) | 70 s, 72 MB |
///
/// The search itself takes under a millisecond, but checking and opening the
/// graph grows with it as the scan grows with the rows, so the graph wins by
/// a few milliseconds only (about 1% of a pack, which takes half a second)
/// while losing 7 to 9% of the exact top 10. It is worth that from about a
/// million rows, where the scan alone passes 70 ms.
pub const DEFAULT_GRAPH_THRESHOLD: usize = 1_000_000;

/// How the graph is built and searched: `hnsw_rs`'s recommended 16
/// connections and 100 candidates while building; 256 while searching,
/// because a query asks for 100 hits and the search itself is a fraction of
/// a millisecond next to opening the files (`vectors_bench`).
pub const DEFAULT_GRAPH_PARAMS: HnswParams = HnswParams { max_connections: 16, ef_construction: 100, ef_search: 256 };

impl Default for GraphConfig {
    fn default() -> Self {
        GraphConfig { threshold: DEFAULT_GRAPH_THRESHOLD, rebuild_fraction: 0.2, params: DEFAULT_GRAPH_PARAMS }
    }
}

//! `VectorIndex`: vectors with ids in one flat matrix, searched by exact dot-product scan
//! below a size threshold and through an HNSW graph above it, with tombstones for removals.

use std::collections::HashMap;

use rayon::prelude::*;
use thiserror::Error;

use crate::embedder::dot;
use crate::graph::{Graph, HnswParams};

/// When a vector index uses its graph and when it asks to be rebuilt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VectorIndexConfig {
    /// From this many live vectors on, [`VectorIndex::update_graph`] builds an HNSW graph and
    /// [`VectorIndex::search`] goes through it; below, search scans every vector.
    pub hnsw_threshold: usize,
    /// [`VectorIndex::needs_rebuild`] turns true when more than this fraction of the stored
    /// rows are tombstones.
    pub max_tombstone_fraction: f32,
    /// How the graph is built and searched.
    pub hnsw: HnswParams,
}

impl Default for VectorIndexConfig {
    fn default() -> Self {
        // At 50k potion-base-8M vectors on 2 cores an exact scan took 3.9 ms a query and the
        // graph 1.4 ms, but building the graph took 9 s; since the graph is not stored, it pays
        // off only for a long-lived process with many queries over a large index.
        VectorIndexConfig {
            hnsw_threshold: 200_000,
            max_tombstone_fraction: 0.2,
            hnsw: HnswParams::default(),
        }
    }
}

/// Why a vector could not be added or searched for.
#[derive(Debug, Error, PartialEq)]
pub enum VectorError {
    /// The vector's length is not the index's dimensions.
    #[error("vector of {actual} dimensions given to an index of {expected}")]
    Dimensions {
        /// The index's dimensions.
        expected: usize,
        /// The vector's length.
        actual: usize,
    },
    /// The vector holds NaN or an infinity.
    #[error("vector for id {id} holds NaN or an infinite value")]
    NotFinite {
        /// The id the vector was given for.
        id: u64,
    },
}

/// Vectors of one model, each under a caller-chosen id.
///
/// Rows are appended; removing or replacing an id tombstones its row, which searches skip
/// until [`VectorIndex::rebuild`] drops it. Scores are dot products, the cosine similarity of
/// unit vectors.
pub struct VectorIndex {
    model: String,
    dimensions: usize,
    config: VectorIndexConfig,
    /// Row-major `ids.len() x dimensions`.
    matrix: Vec<f32>,
    ids: Vec<u64>,
    live: Vec<bool>,
    rows_by_id: HashMap<u64, usize>,
    tombstones: usize,
    graph: Option<Graph>,
}

impl std::fmt::Debug for VectorIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VectorIndex")
            .field("model", &self.model)
            .field("dimensions", &self.dimensions)
            .field("live", &self.len())
            .field("tombstones", &self.tombstones)
            .field("graph_rows", &self.graph.as_ref().map(Graph::rows))
            .finish_non_exhaustive()
    }
}

impl VectorIndex {
    /// An empty index for vectors of `dimensions` components made by the model `model`.
    pub fn new(model: impl Into<String>, dimensions: usize, config: VectorIndexConfig) -> Self {
        VectorIndex {
            model: model.into(),
            dimensions,
            config,
            matrix: Vec::new(),
            ids: Vec::new(),
            live: Vec::new(),
            rows_by_id: HashMap::new(),
            tombstones: 0,
            graph: None,
        }
    }

    /// The name of the model whose vectors this index holds.
    pub fn model(&self) -> &str {
        &self.model
    }

    /// The number of components of every vector.
    pub fn dimensions(&self) -> usize {
        self.dimensions
    }

    /// The configuration the index was made with.
    pub fn config(&self) -> &VectorIndexConfig {
        &self.config
    }

    /// The number of live vectors.
    pub fn len(&self) -> usize {
        self.ids.len() - self.tombstones
    }

    /// Whether the index holds no live vector.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of tombstoned rows still stored.
    pub fn tombstones(&self) -> usize {
        self.tombstones
    }

    /// Whether `id` has a live vector.
    pub fn contains(&self, id: u64) -> bool {
        self.rows_by_id.contains_key(&id)
    }

    /// The live vector of `id`.
    pub fn get(&self, id: u64) -> Option<&[f32]> {
        self.rows_by_id.get(&id).map(|&row| self.row(row))
    }

    /// The live ids with their vectors, in storage order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &[f32])> + '_ {
        (0..self.ids.len())
            .filter(|&row| self.live[row])
            .map(|row| (self.ids[row], self.row(row)))
    }

    /// Adds the vector of `id`, replacing (and tombstoning) any previous vector of that id.
    ///
    /// The new row is searched by exact scan until the next [`VectorIndex::update_graph`].
    pub fn insert(&mut self, id: u64, vector: &[f32]) -> Result<(), VectorError> {
        if vector.len() != self.dimensions {
            return Err(VectorError::Dimensions {
                expected: self.dimensions,
                actual: vector.len(),
            });
        }
        if vector.iter().any(|v| !v.is_finite()) {
            return Err(VectorError::NotFinite { id });
        }
        self.remove(id);
        let row = self.ids.len();
        self.matrix.extend_from_slice(vector);
        self.ids.push(id);
        self.live.push(true);
        self.rows_by_id.insert(id, row);
        Ok(())
    }

    /// Tombstones the vector of `id`; returns whether there was one.
    pub fn remove(&mut self, id: u64) -> bool {
        match self.rows_by_id.remove(&id) {
            Some(row) => {
                self.live[row] = false;
                self.tombstones += 1;
                true
            }
            None => false,
        }
    }

    /// Whether tombstones have passed the configured fraction of the stored rows, so that
    /// [`VectorIndex::rebuild`] is worth its cost.
    pub fn needs_rebuild(&self) -> bool {
        self.tombstones > 0
            && self.tombstones as f64
                > self.config.max_tombstone_fraction as f64 * self.ids.len() as f64
    }

    /// Whether searches go through an HNSW graph.
    pub fn has_graph(&self) -> bool {
        self.graph.is_some()
    }

    /// Drops tombstoned rows, then builds the graph afresh if the index is at or above the
    /// threshold (and drops it otherwise).
    pub fn rebuild(&mut self) {
        self.compact();
        self.graph = None;
        self.update_graph();
    }

    /// Brings the graph up to date: builds it when the index has reached the threshold and
    /// has none, and inserts the rows added since into an existing one. Building takes
    /// seconds per ten thousand vectors, so callers do it once after a batch of inserts.
    pub fn update_graph(&mut self) {
        if self.graph.is_none() {
            if self.len() < self.config.hnsw_threshold {
                return;
            }
            if self.tombstones > 0 {
                self.compact();
            }
            self.graph = Some(Graph::new(self.config.hnsw, self.ids.len()));
        }
        if let Some(graph) = self.graph.as_mut() {
            graph.extend(&self.matrix, self.dimensions);
        }
    }

    /// The `k` live vectors with the highest dot product with `query`, best first, as
    /// `(id, score)`. Uses the graph when there is one (approximate), else an exact scan.
    pub fn search(&self, query: &[f32], k: usize) -> Result<Vec<(u64, f32)>, VectorError> {
        self.check_query(query)?;
        if k == 0 {
            return Ok(Vec::new());
        }
        let Some(graph) = &self.graph else {
            return Ok(self.scan(query, k, 0));
        };
        let live = |row: usize| self.live[row];
        let mut hits: Vec<(usize, f32)> = graph
            .search(query, k, &live)
            .into_iter()
            // Rescore from the matrix so that graph hits and scanned hits compare exactly.
            .map(|(row, _)| (row, dot(query, self.row(row))))
            .collect();
        // Rows added since the graph was last updated are scanned.
        hits.extend(self.scan_rows(query, k, graph.rows()));
        Ok(self.best(hits, k))
    }

    /// The exact answer to [`VectorIndex::search`], by scanning every live vector.
    pub fn search_exact(&self, query: &[f32], k: usize) -> Result<Vec<(u64, f32)>, VectorError> {
        self.check_query(query)?;
        Ok(self.scan(query, k, 0))
    }

    fn check_query(&self, query: &[f32]) -> Result<(), VectorError> {
        if query.len() != self.dimensions {
            return Err(VectorError::Dimensions {
                expected: self.dimensions,
                actual: query.len(),
            });
        }
        Ok(())
    }

    fn row(&self, row: usize) -> &[f32] {
        &self.matrix[row * self.dimensions..(row + 1) * self.dimensions]
    }

    /// Exact best `k` among the live rows from `first` on.
    fn scan(&self, query: &[f32], k: usize, first: usize) -> Vec<(u64, f32)> {
        let hits = self.scan_rows(query, k, first);
        self.best(hits, k)
    }

    /// The best `k` live rows from `first` on, unordered, scanned in parallel blocks when the
    /// matrix is large.
    fn scan_rows(&self, query: &[f32], k: usize, first: usize) -> Vec<(usize, f32)> {
        const BLOCK_ROWS: usize = 32_768;
        if k == 0 || first >= self.ids.len() {
            return Vec::new();
        }
        let scan_block = |start: usize| {
            let end = (start + BLOCK_ROWS).min(self.ids.len());
            let mut hits: Vec<(usize, f32)> = (start..end)
                .filter(|&row| self.live[row])
                .map(|row| (row, dot(query, self.row(row))))
                .collect();
            keep_best(&mut hits, k);
            hits
        };
        let starts: Vec<usize> = (first..self.ids.len()).step_by(BLOCK_ROWS).collect();
        if starts.len() == 1 {
            scan_block(first)
        } else {
            starts.into_par_iter().flat_map_iter(scan_block).collect()
        }
    }

    /// Sorts row hits best first (ties by id), keeps `k`, and maps rows to ids.
    fn best(&self, mut hits: Vec<(usize, f32)>, k: usize) -> Vec<(u64, f32)> {
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(self.ids[a.0].cmp(&self.ids[b.0])));
        hits.dedup_by_key(|hit| hit.0);
        hits.truncate(k);
        hits.into_iter()
            .map(|(row, score)| (self.ids[row], score))
            .collect()
    }

    /// Drops tombstoned rows; row numbers change, so any graph is dropped too.
    fn compact(&mut self) {
        if self.tombstones == 0 {
            return;
        }
        let mut matrix = Vec::with_capacity(self.len() * self.dimensions);
        let mut ids = Vec::with_capacity(self.len());
        for row in 0..self.ids.len() {
            if self.live[row] {
                matrix.extend_from_slice(self.row(row));
                ids.push(self.ids[row]);
            }
        }
        self.rows_by_id = ids.iter().enumerate().map(|(row, &id)| (id, row)).collect();
        self.live = vec![true; ids.len()];
        self.matrix = matrix;
        self.ids = ids;
        self.tombstones = 0;
        self.graph = None;
    }

    /// Builds an index from decoded parts whose ids are known to be distinct.
    pub(crate) fn from_parts(
        model: String,
        dimensions: usize,
        config: VectorIndexConfig,
        ids: Vec<u64>,
        matrix: Vec<f32>,
    ) -> Self {
        let rows_by_id = ids.iter().enumerate().map(|(row, &id)| (id, row)).collect();
        VectorIndex {
            model,
            dimensions,
            config,
            live: vec![true; ids.len()],
            matrix,
            ids,
            rows_by_id,
            tombstones: 0,
            graph: None,
        }
    }
}

/// Keeps the `k` highest-scoring hits (ties to the earlier row), in no particular order.
fn keep_best(hits: &mut Vec<(usize, f32)>, k: usize) {
    if hits.len() > k {
        hits.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(k);
    }
}

//! The HNSW graph of a generation's chunk vectors, `vectors.hnsw` (layout in
//! `docs/format.md`): written beside `vectors.bin` when a generation has at
//! least [`GraphConfig::threshold`] rows, searched in place through a memory
//! map, and carried from one generation to the next.
//!
//! The graph knows points, not rows. A point is live (it names a row of this
//! generation's `vectors.bin`) or dead (the row's chunk was deleted or
//! changed; its vector is kept in the graph file, because searches still
//! walk through it, but it is never returned). A refresh maps the previous
//! generation's points to the rows their vectors were copied to, kills the
//! points whose rows were not copied, and inserts the rows of newly embedded
//! chunks as new points; when dead points pass [`GraphConfig::rebuild_fraction`]
//! the graph is built afresh over the rows. Building is deterministic, so a
//! fresh graph depends only on the rows; an updated one also on its history,
//! which is why this file alone is not what a full rebuild would write.

use super::error::VectorsError;
use super::file::{VectorEncoding, VectorsFile, decode_row, score_row};
use crate::graph_config::GraphConfig;
use crate::store::{FileBytes, read_generation_file};
use ctx_embeddings::{GraphLinks, HnswGraph, HnswParams, PointVectors, search_graph};
use std::path::Path;

/// The graph file's name inside a generation directory.
pub const GRAPH_FILE: &str = "vectors.hnsw";
/// The first bytes of a graph file.
pub const GRAPH_MAGIC: &[u8; 8] = b"CTXHNSWG";
/// The version of the graph file layout.
pub const GRAPH_VERSION: u32 = 1;
const HEADER_BYTES: usize = 64;
/// Marks a dead point in the point table; the low bits index its kept vector.
const DEAD: u32 = 1 << 31;
const NONE: u32 = u32::MAX;

/// Where a point's vector is: a row of the generation's vectors, or kept in the graph file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointRow {
    /// Row of `vectors.bin`.
    Live(u32),
    /// Index into the graph file's kept vectors.
    Dead(u32),
}

fn point_row(entry: u32) -> PointRow {
    if entry & DEAD == 0 { PointRow::Live(entry) } else { PointRow::Dead(entry & !DEAD) }
}

/// The vectors of a graph's points: live ones in `vectors.bin`, dead ones beside.
struct Points<'a> {
    vectors: &'a VectorsFile,
    point_rows: &'a [u32],
    dead_scales: &'a [f32],
    dead_rows: &'a [u8],
}

impl Points<'_> {
    fn with_row<T>(&self, point: u32, missing: T, f: impl FnOnce(&[u8], f32) -> T) -> T {
        let Some(&entry) = self.point_rows.get(point as usize) else { return missing };
        match point_row(entry) {
            PointRow::Live(row) if (row as usize) < self.vectors.len() => f(self.vectors.row_bytes(row as usize), self.vectors.scale(row as usize)),
            PointRow::Dead(k) => {
                let size = self.vectors.encoding().row_bytes(self.vectors.dimensions());
                match (self.dead_rows.get(k as usize * size..(k as usize + 1) * size), self.dead_scales.get(k as usize)) {
                    (Some(bytes), Some(&scale)) => f(bytes, scale),
                    _ => missing,
                }
            }
            PointRow::Live(_) => missing,
        }
    }

    fn live(&self, point: u32) -> bool {
        self.point_rows.get(point as usize).is_some_and(|&e| e & DEAD == 0 && (e as usize) < self.vectors.len())
    }
}

impl PointVectors for Points<'_> {
    fn similarity(&self, query: &[f32], point: u32) -> f32 {
        let encoding = self.vectors.encoding();
        self.with_row(point, f32::NEG_INFINITY, |bytes, scale| score_row(encoding, bytes, scale, query))
    }

    fn vector(&self, point: u32) -> Vec<f32> {
        let encoding = self.vectors.encoding();
        let dimensions = self.vectors.dimensions();
        self.with_row(point, vec![0.0; dimensions], |bytes, scale| decode_row(encoding, bytes, scale))
    }
}

/// An opened graph file, used in place.
pub struct GraphFile {
    bytes: FileBytes,
    params: HnswParams,
    points: usize,
    rows: usize,
    dead: usize,
    entry: Option<(u32, usize)>,
    dimensions: usize,
    encoding: VectorEncoding,
    /// Byte offsets of the sections.
    point_rows_at: usize,
    upper_at_at: usize,
    layer0_at: usize,
    upper_at: usize,
    dead_scales_at: usize,
    dead_rows_at: usize,
}

impl std::fmt::Debug for GraphFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphFile").field("points", &self.points).field("rows", &self.rows).field("dead", &self.dead).finish_non_exhaustive()
    }
}

/// The section sizes a header implies, in u32 words (dead rows in bytes).
struct Sizes {
    point_rows: usize,
    upper_at: usize,
    layer0: usize,
    upper: usize,
    dead_scales: usize,
    dead_rows: usize,
}

fn sizes(m: usize, points: usize, upper_blocks: usize, dead: usize, row_bytes: usize) -> Option<Sizes> {
    Some(Sizes {
        point_rows: points,
        upper_at: points.checked_add(1)?,
        layer0: points.checked_mul(1 + 2 * m)?,
        upper: upper_blocks.checked_mul(1 + m)?,
        dead_scales: dead,
        dead_rows: dead.checked_mul(row_bytes)?,
    })
}

fn pad8(len: usize) -> usize {
    len.div_ceil(8) * 8
}

impl GraphFile {
    /// Opens the graph file of the generation in `dir`; `Ok(None)` if it has none.
    pub fn open(dir: &Path) -> Result<Option<GraphFile>, VectorsError> {
        let path = dir.join(GRAPH_FILE);
        let bytes = match read_generation_file(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(VectorsError::Io { path, source }),
        };
        Self::parse(bytes).map(Some).map_err(|why| VectorsError::Corrupt { path, why })
    }

    /// Reads a graph file from bytes (for tests and tools).
    pub fn from_bytes(bytes: &[u8]) -> Result<GraphFile, String> {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        Self::parse(FileBytes::Read(words, bytes.len()))
    }

    fn parse(bytes: FileBytes) -> Result<GraphFile, String> {
        if bytes.len() < HEADER_BYTES || &bytes[..8] != GRAPH_MAGIC {
            return Err("not a ctx vector graph file".into());
        }
        let word = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        if word(8) != GRAPH_VERSION as usize {
            return Err(format!("graph layout {}, this ctx reads {GRAPH_VERSION}", word(8)));
        }
        let params = HnswParams { max_connections: word(12), ef_construction: word(16), ef_search: word(20) };
        let (points, rows, dead, entry, entry_level, upper_blocks, dimensions) = (word(24), word(28), word(32), word(36), word(40), word(44), word(48));
        let encoding = VectorEncoding::from_code(word(52) as u32).ok_or("unknown vector encoding")?;
        let m = params.max_connections;
        if !(2..=ctx_embeddings::MAX_CONNECTIONS_LIMIT).contains(&m) || dimensions == 0 {
            return Err("bad graph parameters".into());
        }
        let sizes = sizes(m, points, upper_blocks, dead, encoding.row_bytes(dimensions)).ok_or("sizes overflow")?;
        let point_rows_at = HEADER_BYTES;
        let upper_at_at = point_rows_at + 4 * sizes.point_rows;
        let layer0_at = upper_at_at + 4 * sizes.upper_at;
        let upper_at = layer0_at + 4 * sizes.layer0;
        let dead_scales_at = pad8(upper_at + 4 * sizes.upper);
        let dead_rows_at = pad8(dead_scales_at + 4 * sizes.dead_scales);
        let expected = pad8(dead_rows_at + sizes.dead_rows);
        if bytes.len() != expected {
            return Err(format!("{} bytes where the header implies {expected}", bytes.len()));
        }
        let checksum = u64::from_le_bytes(bytes[56..64].try_into().map_err(|_| "short header")?);
        if xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_BYTES..]) != checksum {
            return Err("checksum mismatch".into());
        }
        let entry = (entry != NONE as usize && entry < points).then_some((entry as u32, entry_level.min(ctx_embeddings::MAX_LEVEL)));
        Ok(GraphFile { bytes, params, points, rows, dead, entry, dimensions, encoding, point_rows_at, upper_at_at, layer0_at, upper_at, dead_scales_at, dead_rows_at })
    }

    fn words(&self, at: usize, len: usize) -> &[u32] {
        bytemuck::cast_slice(&self.bytes[at..at + 4 * len])
    }

    /// How the graph was built, and how it is searched.
    pub fn params(&self) -> HnswParams {
        self.params
    }

    /// The number of points, live and dead.
    pub fn points(&self) -> usize {
        self.points
    }

    /// The number of live points: the rows of the generation's vectors.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The number of dead points.
    pub fn dead(&self) -> usize {
        self.dead
    }

    /// Where the vector of `point` is.
    pub fn point_row(&self, point: u32) -> Option<PointRow> {
        self.point_rows().get(point as usize).map(|&e| point_row(e))
    }

    fn point_rows(&self) -> &[u32] {
        self.words(self.point_rows_at, self.points)
    }

    fn dead_scales(&self) -> &[f32] {
        bytemuck::cast_slice(&self.bytes[self.dead_scales_at..self.dead_scales_at + 4 * self.dead])
    }

    fn dead_rows(&self) -> &[u8] {
        &self.bytes[self.dead_rows_at..self.dead_rows_at + self.dead * self.encoding.row_bytes(self.dimensions)]
    }

    /// Whether this graph indexes `vectors` (the vectors file of its generation).
    pub fn indexes(&self, vectors: &VectorsFile) -> bool {
        self.rows == vectors.len() && self.dimensions == vectors.dimensions() && self.encoding == vectors.encoding()
    }

    fn points_of<'a>(&'a self, vectors: &'a VectorsFile) -> Points<'a> {
        Points { vectors, point_rows: self.point_rows(), dead_scales: self.dead_scales(), dead_rows: self.dead_rows() }
    }

    /// The `k` rows nearest to `query` by the graph (approximate), best first
    /// (ties by row), scored exactly as [`VectorsFile::nearest`] scores them.
    pub fn nearest(&self, vectors: &VectorsFile, query: &[f32], k: usize) -> Vec<(u32, f32)> {
        if !self.indexes(vectors) || query.len() != self.dimensions {
            return Vec::new();
        }
        let points = self.points_of(vectors);
        let accept = |point: u32| points.live(point);
        let ef = self.params.ef_search.max(k);
        let mut hits: Vec<(u32, f32)> = search_graph(self, &points, query, k, ef, &accept)
            .into_iter()
            .filter_map(|(point, score)| match self.point_row(point) {
                Some(PointRow::Live(row)) => Some((row, score)),
                _ => None,
            })
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits
    }

    /// The graph as an [`HnswGraph`], to insert into.
    fn to_graph(&self) -> HnswGraph {
        let links = (0..self.points as u32)
            .map(|point| (0..=self.level(point)).map(|layer| self.neighbours(point, layer).to_vec()).collect())
            .collect();
        HnswGraph::from_links(self.params, links, self.entry)
    }

    fn level(&self, point: u32) -> usize {
        let at = self.words(self.upper_at_at, self.points + 1);
        let p = point as usize;
        match (at.get(p), at.get(p + 1)) {
            (Some(&from), Some(&to)) => (to.saturating_sub(from) as usize).min(ctx_embeddings::MAX_LEVEL),
            _ => 0,
        }
    }
}

impl GraphLinks for GraphFile {
    fn points(&self) -> usize {
        self.points
    }

    fn entry(&self) -> Option<(u32, usize)> {
        self.entry
    }

    /// Counts and block indexes are clamped, so a writer bug cannot make a
    /// search read out of bounds; ids past the points are skipped by the search.
    fn neighbours(&self, point: u32, layer: usize) -> &[u32] {
        let m = self.params.max_connections;
        let p = point as usize;
        if p >= self.points {
            return &[];
        }
        let (at, max) = if layer == 0 {
            (self.layer0_at + 4 * p * (1 + 2 * m), 2 * m)
        } else {
            let offsets = self.words(self.upper_at_at, self.points + 1);
            let block = offsets[p] as usize + layer - 1;
            if block >= offsets[p + 1] as usize || block >= (self.dead_scales_at - self.upper_at) / (4 * (1 + m)) {
                return &[];
            }
            (self.upper_at + 4 * block * (1 + m), m)
        };
        let slot = self.words(at, 1 + max);
        &slot[1..1 + (slot[0] as usize).min(max)]
    }
}

/// Lays out a graph file.
fn write_graph(graph: &HnswGraph, point_rows: &[u32], rows: usize, vectors: &VectorsFile, dead_scales: &[f32], dead_rows: &[u8]) -> Vec<u8> {
    let params = graph.params();
    let m = params.max_connections.clamp(2, ctx_embeddings::MAX_CONNECTIONS_LIMIT);
    let points = graph.points();
    let mut words: Vec<u32> = Vec::with_capacity(points * (2 * m + 4));
    words.extend_from_slice(point_rows);
    let mut block = 0u32;
    for point in 0..points as u32 {
        words.push(block);
        block += graph.level(point) as u32;
    }
    words.push(block);
    let push_list = |words: &mut Vec<u32>, list: &[u32], max: usize| {
        let list = &list[..list.len().min(max)];
        words.push(list.len() as u32);
        words.extend_from_slice(list);
        words.resize(words.len() + max - list.len(), 0);
    };
    for point in 0..points as u32 {
        push_list(&mut words, graph.neighbours(point, 0), 2 * m);
    }
    for point in 0..points as u32 {
        for layer in 1..=graph.level(point) {
            push_list(&mut words, graph.neighbours(point, layer), m);
        }
    }
    let mut out = vec![0u8; HEADER_BYTES];
    out.extend_from_slice(bytemuck::cast_slice(&words));
    out.resize(pad8(out.len()), 0);
    out.extend_from_slice(bytemuck::cast_slice(dead_scales));
    out.resize(pad8(out.len()), 0);
    out.extend_from_slice(dead_rows);
    out.resize(pad8(out.len()), 0);
    let (entry, entry_level) = graph.entry().map_or((NONE, 0), |(p, l)| (p, l as u32));
    let header = [
        GRAPH_VERSION,
        m as u32,
        params.ef_construction as u32,
        params.ef_search as u32,
        points as u32,
        rows as u32,
        dead_scales.len() as u32,
        entry,
        entry_level,
        block,
        vectors.dimensions() as u32,
        vectors.encoding().code(),
    ];
    out[..8].copy_from_slice(GRAPH_MAGIC);
    for (i, value) in header.iter().enumerate() {
        out[8 + 4 * i..12 + 4 * i].copy_from_slice(&value.to_le_bytes());
    }
    let checksum = xxhash_rust::xxh3::xxh3_64(&out[HEADER_BYTES..]);
    out[56..64].copy_from_slice(&checksum.to_le_bytes());
    out
}

/// A fresh graph file over `vectors` (any size; for tools and benchmarks).
pub fn fresh_graph_file(vectors: &VectorsFile, params: HnswParams) -> Vec<u8> {
    let config = GraphConfig { threshold: 0, rebuild_fraction: 0.0, params };
    graph_file(vectors, None, &config).unwrap_or_default()
}

/// The previous generation's graph and vectors, and where each of its rows
/// went (`NONE`: the row's chunk is gone or changed).
pub(crate) struct PreviousGraph<'a> {
    pub(crate) graph: &'a GraphFile,
    pub(crate) vectors: &'a VectorsFile,
    pub(crate) row_map: &'a [u32],
}

/// The graph file of a generation whose vectors are `vectors`, or `None`
/// below the threshold: the previous graph with the changes applied, or a
/// fresh one when there is none (or it has too many dead points, or was built
/// with other parameters).
pub(crate) fn graph_file(vectors: &VectorsFile, previous: Option<PreviousGraph<'_>>, config: &GraphConfig) -> Option<Vec<u8>> {
    if vectors.len() < config.threshold.max(1) {
        return None;
    }
    let previous = previous.filter(|p| p.graph.params() == config.params && p.graph.indexes(p.vectors) && p.row_map.len() == p.vectors.len());
    if let Some(bytes) = previous.and_then(|p| updated(vectors, &p, config)) {
        return Some(bytes);
    }
    let point_rows: Vec<u32> = (0..vectors.len() as u32).collect();
    let points = Points { vectors, point_rows: &point_rows, dead_scales: &[], dead_rows: &[] };
    let mut graph = HnswGraph::new(config.params);
    graph.extend(&points, vectors.len(), &|_| true);
    Some(write_graph(&graph, &point_rows, vectors.len(), vectors, &[], &[]))
}

/// The previous graph updated: its points mapped to their new rows or killed,
/// then the new rows inserted. `None` when a rebuild is due (or the mapping
/// does not cover every row exactly once, which would be a bug).
fn updated(vectors: &VectorsFile, previous: &PreviousGraph<'_>, config: &GraphConfig) -> Option<Vec<u8>> {
    let old = previous.graph;
    let row_bytes = vectors.encoding().row_bytes(vectors.dimensions());
    let (mut dead_scales, mut dead_rows) = (Vec::new(), Vec::new());
    let mut covered = vec![false; vectors.len()];
    let mut point_rows = Vec::with_capacity(old.points() + vectors.len() / 8);
    let old_dead_scales = old.dead_scales();
    let old_dead_rows = old.dead_rows();
    for point in 0..old.points() as u32 {
        let moved = match old.point_row(point)? {
            PointRow::Live(row) => match previous.row_map.get(row as usize).copied()? {
                NONE => {
                    let row = row as usize;
                    Err((previous.vectors.scale(row), previous.vectors.row_bytes(row)))
                }
                new_row => Ok(new_row),
            },
            PointRow::Dead(k) => {
                let k = k as usize;
                Err((*old_dead_scales.get(k)?, old_dead_rows.get(k * row_bytes..(k + 1) * row_bytes)?))
            }
        };
        match moved {
            Ok(row) => {
                let seen = covered.get_mut(row as usize)?;
                if *seen {
                    return None;
                }
                *seen = true;
                point_rows.push(row);
            }
            Err((scale, bytes)) => {
                point_rows.push(DEAD | dead_scales.len() as u32);
                dead_scales.push(scale);
                dead_rows.extend_from_slice(bytes);
            }
        }
    }
    // The rows of newly embedded chunks become new points, in row order.
    point_rows.extend((0..vectors.len() as u32).filter(|&row| !covered[row as usize]));
    if dead_scales.len() as f64 > config.rebuild_fraction as f64 * point_rows.len() as f64 {
        return None;
    }
    let points = Points { vectors, point_rows: &point_rows, dead_scales: &dead_scales, dead_rows: &dead_rows };
    let mut graph = old.to_graph();
    graph.extend(&points, point_rows.len(), &|point| points.live(point));
    Some(write_graph(&graph, &point_rows, vectors.len(), vectors, &dead_scales, &dead_rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::file::{encode, write_file};
    use ctx_embeddings::{Embedder, HashEmbedder};

    fn vectors_of(texts: &[String]) -> VectorsFile {
        let embedder = HashEmbedder::new(32);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (mut scales, mut data) = (Vec::new(), Vec::new());
        for v in embedder.embed(&refs).expect("hash") {
            let (s, b) = encode(VectorEncoding::Int8, &v);
            scales.push(s);
            data.extend(b);
        }
        VectorsFile::from_bytes(write_file(embedder.name(), 32, VectorEncoding::Int8, &scales, &data)).expect("vectors")
    }

    fn texts(range: std::ops::Range<usize>) -> Vec<String> {
        range.map(|i| format!("chunk {i}: fn handler_{}(request) {{ table {} }}", i % 41, i / 5)).collect()
    }

    fn config() -> GraphConfig {
        GraphConfig { threshold: 1, ..GraphConfig::default() }
    }

    /// Every row is exactly one live point, whose vector is the row's.
    fn assert_maps_rows(graph: &GraphFile, vectors: &VectorsFile) {
        let mut seen = vec![0; vectors.len()];
        for point in 0..graph.points() as u32 {
            if let Some(PointRow::Live(row)) = graph.point_row(point) {
                seen[row as usize] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "rows not covered exactly once: {seen:?}");
        for row in 0..vectors.len() {
            let hits = graph.nearest(vectors, &vectors.vector(row), 1);
            assert!((hits[0].1 - vectors.score(row, &vectors.vector(row))).abs() < 1e-4, "row {row}: {hits:?}");
        }
    }

    #[test]
    fn refreshes_map_moved_rows_kill_dropped_ones_and_rebuild_past_the_fraction() {
        let first_texts = texts(0..400);
        let first = vectors_of(&first_texts);
        let graph = GraphFile::from_bytes(&graph_file(&first, None, &config()).expect("graph")).expect("parses");
        assert_eq!((graph.points(), graph.dead()), (400, 0));
        assert_maps_rows(&graph, &first);

        // Rows 0..50 are dropped, 50..400 move to 0..350, and 30 new rows follow.
        let mut second_texts: Vec<String> = first_texts[50..].to_vec();
        second_texts.extend(texts(1000..1030));
        let second = vectors_of(&second_texts);
        let row_map: Vec<u32> = (0..400u32).map(|r| if r < 50 { NONE } else { r - 50 }).collect();
        let previous = PreviousGraph { graph: &graph, vectors: &first, row_map: &row_map };
        let updated = GraphFile::from_bytes(&graph_file(&second, Some(previous), &config()).expect("graph")).expect("parses");
        assert_eq!((updated.points(), updated.dead(), updated.rows()), (430, 50, 380));
        assert_maps_rows(&updated, &second);
        // Dead points are never returned, even for their own vector.
        for row in 0..50 {
            let hits = updated.nearest(&second, &first.vector(row), 100);
            assert!(hits.iter().all(|&(r, _)| (r as usize) < second.len()));
            assert_eq!(hits.len(), 100);
        }
        // The top 10 of the 100 nearest (as queries ask for) equal the exact scan's.
        for row in (0..second.len()).step_by(7) {
            let query = second.vector(row);
            let top = |hits: Vec<(u32, f32)>| hits.into_iter().take(10).map(|h| h.0).collect::<Vec<_>>();
            assert_eq!(top(updated.nearest(&second, &query, 100)), top(second.nearest(&query, 100)), "row {row}");
        }

        // Dropping 100 more rows passes 20% dead points: the graph is rebuilt.
        let third_texts: Vec<String> = second_texts[100..].to_vec();
        let third = vectors_of(&third_texts);
        let row_map: Vec<u32> = (0..380u32).map(|r| if r < 100 { NONE } else { r - 100 }).collect();
        let previous = PreviousGraph { graph: &updated, vectors: &second, row_map: &row_map };
        let rebuilt = GraphFile::from_bytes(&graph_file(&third, Some(previous), &config()).expect("graph")).expect("parses");
        assert_eq!((rebuilt.points(), rebuilt.dead()), (280, 0));
        assert_maps_rows(&rebuilt, &third);
        // A fresh build of the same rows gives the same bytes.
        assert_eq!(graph_file(&third, None, &config()), graph_file(&third, None, &config()));
    }

    #[test]
    fn small_generations_get_no_graph_and_damage_is_refused() {
        let vectors = vectors_of(&texts(0..50));
        assert!(graph_file(&vectors, None, &GraphConfig { threshold: 51, ..config() }).is_none());
        let good = graph_file(&vectors, None, &config()).expect("graph");
        let mut flipped = good.clone();
        let last = flipped.len() - 9;
        flipped[last] ^= 1;
        assert!(GraphFile::from_bytes(&flipped).expect_err("flipped").contains("checksum"));
        assert!(GraphFile::from_bytes(&good[..good.len() - 8]).is_err());
        assert!(GraphFile::from_bytes(b"CTXVECTR and more bytes than a header holds, to be sure, yes").is_err());
    }
}

//! A deterministic HNSW graph over points whose vectors are stored elsewhere (in an index
//! generation's vectors file): building, inserting and searching, with dead points that
//! searches traverse but never return.
//!
//! Unlike [`crate::VectorIndex`]'s graph (`hnsw_rs`, which copies the vectors and inserts in
//! a thread-dependent order), this one owns only the links, so a graph written to disk can be
//! searched in place next to the vectors it indexes; and a point's level is a hash of its id
//! and batches are inserted in a fixed order, so the same points always give the same graph.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use crate::graph::HnswParams;

/// The highest layer a point can reach.
pub const MAX_LEVEL: usize = 15;
/// Points inserted one after the other before inserts run in parallel batches (a small graph
/// changes too much with every point for a batch to see it as it is).
const SEQUENTIAL_POINTS: usize = 1024;
/// Points whose neighbours are searched in parallel against the same graph before their links
/// are added; each batch sees the graph as the previous batches left it.
const BATCH_POINTS: usize = 256;

/// The vectors of a graph's points, as the graph reads them.
pub trait PointVectors: Sync {
    /// The dot product of `query` with the vector of `point`.
    fn similarity(&self, query: &[f32], point: u32) -> f32;
    /// The vector of `point`, decoded.
    fn vector(&self, point: u32) -> Vec<f32>;
}

/// The links of a graph, owned ([`HnswGraph`]) or read in place from a file.
pub trait GraphLinks: Sync {
    /// The number of points.
    fn points(&self) -> usize;
    /// The point where searches start and its level, or `None` for an empty graph.
    fn entry(&self) -> Option<(u32, usize)>;
    /// The neighbours of `point` on `layer` (empty above its level).
    fn neighbours(&self, point: u32, layer: usize) -> &[u32];
}

/// The level of a point: `floor(-ln(u) / ln(m))` for `u` uniform in (0, 1), drawn from a hash
/// of the point's id so that it never depends on the order or timing of inserts.
pub fn level_of(point: u32, max_connections: usize) -> usize {
    let hash = xxhash_rust::xxh3::xxh3_64_with_seed(&point.to_le_bytes(), 0x6374_785f_686e_7377);
    let uniform = ((hash >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let level = -uniform.ln() / (max_connections.max(2) as f64).ln();
    (level as usize).min(MAX_LEVEL)
}

/// A candidate point and its similarity to the query; ordered by similarity, then by the
/// lower point id first, so every heap breaks ties the same way.
#[derive(Debug, Clone, Copy)]
struct Scored(f32, u32);

impl PartialEq for Scored {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Scored {}
impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scored {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(other.1.cmp(&self.1))
    }
}

/// The points of `links` nearest to `query` that `accept` admits, best first, with their
/// similarity: a greedy descent through the upper layers, then a beam of `ef` (at least `k`)
/// on the bottom layer. Points `accept` refuses are traversed but never returned.
pub fn search(
    links: &dyn GraphLinks,
    vectors: &dyn PointVectors,
    query: &[f32],
    k: usize,
    ef: usize,
    accept: &dyn Fn(u32) -> bool,
) -> Vec<(u32, f32)> {
    let Some((entry, top)) = links.entry() else { return Vec::new() };
    if k == 0 {
        return Vec::new();
    }
    let start = descend(links, vectors, query, entry, top, 0);
    let found = search_layer(links, vectors, query, &[start], ef.max(k), 0, accept);
    found.into_iter().take(k).map(|Scored(s, p)| (p, s)).collect()
}

/// Greedy search from `entry` on layers `top` down to `bottom + 1`: the nearest point found.
fn descend(
    links: &dyn GraphLinks,
    vectors: &dyn PointVectors,
    query: &[f32],
    entry: u32,
    top: usize,
    bottom: usize,
) -> Scored {
    let mut best = Scored(vectors.similarity(query, entry), entry);
    for layer in (bottom + 1..=top).rev() {
        loop {
            let mut moved = false;
            for &next in links.neighbours(best.1, layer) {
                let candidate = Scored(vectors.similarity(query, next), next);
                if candidate > best {
                    best = candidate;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
    }
    best
}

/// The beam search of one layer: the (up to) `ef` accepted points nearest to `query`
/// reachable from `starts`, best first.
fn search_layer(
    links: &dyn GraphLinks,
    vectors: &dyn PointVectors,
    query: &[f32],
    starts: &[Scored],
    ef: usize,
    layer: usize,
    accept: &dyn Fn(u32) -> bool,
) -> Vec<Scored> {
    let mut visited = vec![0u64; links.points().div_ceil(64)];
    let mut visit = |point: u32| {
        let (word, bit) = (point as usize / 64, 1u64 << (point % 64));
        let Some(slot) = visited.get_mut(word) else { return false };
        let fresh = *slot & bit == 0;
        *slot |= bit;
        fresh
    };
    // Candidates to expand, nearest first; results, worst first.
    let mut candidates: BinaryHeap<Scored> = BinaryHeap::new();
    let mut results: BinaryHeap<std::cmp::Reverse<Scored>> = BinaryHeap::new();
    for &start in starts {
        if visit(start.1) {
            candidates.push(start);
            if accept(start.1) {
                results.push(std::cmp::Reverse(start));
            }
        }
    }
    while results.len() > ef {
        results.pop();
    }
    while let Some(current) = candidates.pop() {
        // Stop when the beam is full and nothing left can enter it.
        if results.len() >= ef && results.peek().is_some_and(|worst| current < worst.0) {
            break;
        }
        for &next in links.neighbours(current.1, layer) {
            if !visit(next) {
                continue;
            }
            let candidate = Scored(vectors.similarity(query, next), next);
            let full = results.len() >= ef;
            if full && results.peek().is_some_and(|worst| candidate < worst.0) {
                continue;
            }
            candidates.push(candidate);
            if accept(next) {
                results.push(std::cmp::Reverse(candidate));
                if results.len() > ef {
                    results.pop();
                }
            }
        }
    }
    let mut found: Vec<Scored> = results.into_iter().map(|r| r.0).collect();
    found.sort_by(|a, b| b.cmp(a));
    found
}

/// An HNSW graph held in memory, to build and to insert into.
#[derive(Debug, Clone)]
pub struct HnswGraph {
    params: HnswParams,
    /// `links[point][layer]`: the neighbours of `point` on `layer`, for layers `0..=level`.
    links: Vec<Vec<Vec<u32>>>,
    entry: Option<(u32, usize)>,
}

impl GraphLinks for HnswGraph {
    fn points(&self) -> usize {
        self.links.len()
    }

    fn entry(&self) -> Option<(u32, usize)> {
        self.entry
    }

    fn neighbours(&self, point: u32, layer: usize) -> &[u32] {
        self.links.get(point as usize).and_then(|l| l.get(layer)).map_or(&[], Vec::as_slice)
    }
}

impl HnswGraph {
    /// An empty graph.
    pub fn new(params: HnswParams) -> Self {
        HnswGraph { params, links: Vec::new(), entry: None }
    }

    /// A graph from stored links (`links[point][layer]`) and entry point, to insert more
    /// points into. Links to points that do not exist are dropped.
    pub fn from_links(params: HnswParams, mut links: Vec<Vec<Vec<u32>>>, entry: Option<(u32, usize)>) -> Self {
        let points = links.len();
        for layers in &mut links {
            for neighbours in layers.iter_mut() {
                neighbours.retain(|&n| (n as usize) < points);
            }
        }
        let entry = entry.filter(|&(point, level)| links.get(point as usize).is_some_and(|l| l.len() == level + 1));
        HnswGraph { params, links, entry }
    }

    /// How the graph is built and searched.
    pub fn params(&self) -> HnswParams {
        self.params
    }

    /// The level of `point` (its highest layer).
    pub fn level(&self, point: u32) -> usize {
        self.links.get(point as usize).map_or(0, |l| l.len().saturating_sub(1))
    }

    /// Neighbours kept per point on `layer`: twice the connections on the bottom layer.
    pub fn max_links(&self, layer: usize) -> usize {
        let m = self.connections();
        if layer == 0 { 2 * m } else { m }
    }

    fn connections(&self) -> usize {
        self.params.max_connections.clamp(2, crate::graph::MAX_CONNECTIONS_LIMIT)
    }

    /// Inserts points `points()..total` (whose vectors `vectors` already holds), in order: the
    /// first ones one by one, then in batches whose neighbour searches run in parallel.
    /// New points link only to points `live` admits; dead ones are still traversed.
    pub fn extend(&mut self, vectors: &dyn PointVectors, total: usize, live: &(dyn Fn(u32) -> bool + Sync)) {
        while self.links.len() < total {
            let first = self.links.len();
            let batch = if first < SEQUENTIAL_POINTS { 1 } else { BATCH_POINTS.min(total - first) };
            let points: Vec<u32> = (first..first + batch).map(|p| p as u32).collect();
            let this = &*self;
            let plans: Vec<Vec<Vec<u32>>> = points
                .par_iter()
                .map(|&point| this.plan_links(vectors, &vectors.vector(point), level_of(point, this.connections()), live))
                .collect();
            for (point, links) in points.into_iter().zip(plans) {
                self.link(vectors, point, links, live);
            }
        }
    }

    /// The neighbours a new point at `level` gets on each of its layers, chosen among the
    /// current points.
    fn plan_links(&self, vectors: &dyn PointVectors, vector: &[f32], level: usize, live: &dyn Fn(u32) -> bool) -> Vec<Vec<u32>> {
        let mut links = vec![Vec::new(); level + 1];
        let Some((entry, top)) = self.entry else { return links };
        let mut starts = vec![descend(self, vectors, vector, entry, top, level)];
        for layer in (0..=level.min(top)).rev() {
            let found = search_layer(self, vectors, vector, &starts, self.params.ef_construction.max(self.connections()), layer, &|_| true);
            let alive: Vec<Scored> = found.iter().copied().filter(|s| live(s.1)).collect();
            links[layer] = select(vectors, &alive, self.connections());
            starts = found;
        }
        links
    }

    /// Adds `point` with its planned links, and links back from each neighbour, pruning
    /// neighbours that overflow (dead ones go first).
    fn link(&mut self, vectors: &dyn PointVectors, point: u32, links: Vec<Vec<u32>>, live: &dyn Fn(u32) -> bool) {
        debug_assert_eq!(point as usize, self.links.len());
        let level = links.len() - 1;
        for (layer, neighbours) in links.iter().enumerate() {
            for &neighbour in neighbours {
                let max = self.max_links(layer);
                let list = &mut self.links[neighbour as usize][layer];
                list.push(point);
                if list.len() > max {
                    let list = std::mem::take(list);
                    let base = vectors.vector(neighbour);
                    let mut scored: Vec<Scored> = list
                        .into_iter()
                        .filter(|&n| n == point || live(n))
                        .map(|n| Scored(vectors.similarity(&base, n), n))
                        .collect();
                    scored.sort_by(|a, b| b.cmp(a));
                    self.links[neighbour as usize][layer] = select(vectors, &scored, max);
                }
            }
        }
        self.links.push(links);
        if self.entry.is_none_or(|(_, top)| level > top) {
            self.entry = Some((point, level));
        }
    }
}

/// HNSW's neighbour heuristic: from candidates sorted best first, keeps a candidate only if it
/// is nearer to the base point than to every candidate kept before it, up to `m`.
fn select(vectors: &dyn PointVectors, sorted: &[Scored], m: usize) -> Vec<u32> {
    let mut kept: Vec<(u32, Vec<f32>)> = Vec::with_capacity(m);
    for &Scored(similarity, candidate) in sorted {
        if kept.len() >= m {
            break;
        }
        let vector = vectors.vector(candidate);
        if kept.iter().all(|(other, _)| vectors.similarity(&vector, *other) < similarity) {
            kept.push((candidate, vector));
        }
    }
    kept.into_iter().map(|(p, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Embedder, HashEmbedder};

    struct Matrix(Vec<Vec<f32>>);

    impl PointVectors for Matrix {
        fn similarity(&self, query: &[f32], point: u32) -> f32 {
            crate::embedder::dot(query, &self.0[point as usize])
        }
        fn vector(&self, point: u32) -> Vec<f32> {
            self.0[point as usize].clone()
        }
    }

    fn texts(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("fn handler_{}(request) {{ route {} table {} }}", i % 97, i % 13, i / 7)).collect()
    }

    fn matrix(n: usize) -> Matrix {
        let texts = texts(n);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Matrix(HashEmbedder::new(32).embed(&refs).expect("hash"))
    }

    fn exact(vectors: &Matrix, query: &[f32], k: usize, accept: &dyn Fn(u32) -> bool) -> Vec<u32> {
        let mut all: Vec<Scored> = (0..vectors.0.len() as u32).filter(|&p| accept(p)).map(|p| Scored(vectors.similarity(query, p), p)).collect();
        all.sort_by(|a, b| b.cmp(a));
        all.into_iter().take(k).map(|s| s.1).collect()
    }

    fn recall(graph: &HnswGraph, vectors: &Matrix, accept: &dyn Fn(u32) -> bool) -> f64 {
        let queries: Vec<u32> = (0..vectors.0.len() as u32).step_by(17).collect();
        let mut found = 0;
        for &q in &queries {
            let truth = exact(vectors, &vectors.0[q as usize], 10, accept);
            let hits = search(graph, vectors, &vectors.0[q as usize], 10, 64, accept);
            assert!(hits.iter().all(|h| accept(h.0)), "a refused point was returned");
            found += hits.iter().filter(|h| truth.contains(&h.0)).count();
        }
        found as f64 / (queries.len() * 10) as f64
    }

    #[test]
    fn a_built_graph_finds_the_exact_neighbours_and_is_deterministic() {
        let vectors = matrix(3000);
        let mut graph = HnswGraph::new(HnswParams::default());
        graph.extend(&vectors, 3000, &|_| true);
        let mut again = HnswGraph::new(HnswParams::default());
        again.extend(&vectors, 3000, &|_| true);
        assert_eq!(graph.links, again.links);
        assert!(recall(&graph, &vectors, &|_| true) > 0.95);
        for point in 0..3000u32 {
            for layer in 0..=graph.level(point) {
                assert!(graph.neighbours(point, layer).len() <= graph.max_links(layer));
                assert!(!graph.neighbours(point, layer).contains(&point));
            }
        }
    }

    #[test]
    fn dead_points_are_traversed_but_never_returned() {
        let vectors = matrix(2000);
        let mut graph = HnswGraph::new(HnswParams::default());
        graph.extend(&vectors, 1500, &|_| true);
        // Every third point dies, then the rest are inserted around them.
        let live = |p: u32| !p.is_multiple_of(3);
        graph.extend(&vectors, 2000, &live);
        assert!(recall(&graph, &vectors, &live) > 0.9);
        for point in 1500..2000u32 {
            assert!(graph.neighbours(point, 0).iter().all(|&n| live(n) || n >= 1500));
        }
    }

    #[test]
    fn levels_thin_out_by_the_connection_count() {
        let above: usize = (0..100_000u32).filter(|&p| level_of(p, 16) >= 1).count();
        assert!((5_000..7_500).contains(&above), "{above}");
        assert_eq!(level_of(7, 16), level_of(7, 16));
    }
}

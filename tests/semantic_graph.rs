//! The HNSW graph of the chunk vectors, with the threshold lowered through
//! `.ctx/config.toml` so that the fixture repositories get one: refreshes
//! keep it equal in results to a full rebuild's, map moved rows, kill the
//! rows of deleted and changed chunks, rebuild it past the dead fraction,
//! and a damaged graph file is reported, then rebuilt by an index run.

mod common;
use common::*;

use ctx::{Index, IndexOptions, SemanticOption};
use ctx_embeddings::{Embedder, HashEmbedder};
use ctx_indexer::store::Generation;
use ctx_indexer::vectors::{GRAPH_FILE, GraphFile, PointRow, VectorsFile};
use std::path::Path;
use std::sync::Arc;

const DIMENSIONS: usize = 64;

fn options(full: bool) -> IndexOptions {
    IndexOptions { semantic: SemanticOption::Embedder(Arc::new(HashEmbedder::new(DIMENSIONS))), full, ..IndexOptions::default() }
}

fn lower_threshold(root: &Path, fraction: f32) {
    std::fs::create_dir_all(root.join(".ctx")).expect("mkdir");
    let config = format!("[semantic]\nhnsw_threshold = 1\nhnsw_rebuild_fraction = {fraction}\n");
    std::fs::write(root.join(".ctx/config.toml"), config).expect("config");
}

/// The current generation's vectors and graph.
fn open(root: &Path) -> (VectorsFile, Option<GraphFile>) {
    let generation = Generation::open(root).expect("open");
    let vectors = VectorsFile::open(&generation.dir).expect("vectors").expect("has vectors");
    (vectors, GraphFile::open(&generation.dir).expect("graph readable"))
}

/// Checks that every row is exactly one live point, and returns the graph's
/// top 10 for each query, the exact scan's, and the dead points.
fn graph_and_exact(root: &Path, queries: &[Vec<f32>]) -> (Vec<Vec<u32>>, Vec<Vec<u32>>, usize) {
    let (vectors, graph) = open(root);
    let graph = graph.expect("the generation has a graph");
    assert!(graph.indexes(&vectors));
    let mut seen = vec![0; vectors.len()];
    for point in 0..graph.points() as u32 {
        if let Some(PointRow::Live(row)) = graph.point_row(point) {
            seen[row as usize] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "rows not mapped one to one");
    // The top 10 of the 100 nearest, as retrieval asks for.
    let top = |hits: Vec<(u32, f32)>| hits.into_iter().take(10).map(|h| h.0).collect::<Vec<_>>();
    let by_graph = queries.iter().map(|q| top(graph.nearest(&vectors, q, 100))).collect();
    let exact = queries.iter().map(|q| top(vectors.nearest(q, 100))).collect();
    (by_graph, exact, graph.dead())
}

/// The same edit in both trees: step `step` appends to, deletes or copies a file.
fn edit(roots: [&Path; 2], step: usize) {
    for root in roots {
        let files = source_files(root);
        let pick = &files[(step * 7919) % files.len()];
        match step % 3 {
            0 => {
                let mut text = std::fs::read_to_string(pick).unwrap_or_default();
                text.push_str(&format!("\n// edited in step {step}: handler lookup table\n"));
                std::fs::write(pick, text).expect("write");
            }
            1 => std::fs::remove_file(pick).expect("rm"),
            _ => {
                let copy = pick.with_file_name(format!("copy_{step}_{}", pick.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()));
                std::fs::copy(pick, copy).expect("cp");
            }
        }
    }
}

const TASKS: &[&str] = &[
    "Cart.add raises CartError for a positive quantity",
    "Item::new clamps the quantity wrongly",
    "apply_discount returns the wrong amount",
    "render the widget props in Button",
    "handler lookup table",
];

#[test]
fn refreshes_with_the_graph_find_what_a_full_rebuild_finds() {
    let (incremental, full) = (all_fixtures(), all_fixtures());
    let roots = [incremental.path(), full.path()];
    for root in roots {
        lower_threshold(root, 0.9);
        Index::build(root, &options(false), &mut |_| {}).expect("first build");
    }
    let embedder = HashEmbedder::new(DIMENSIONS);
    let queries = embedder.embed(TASKS).expect("hash");
    let mut saw_dead = false;
    for step in 0..9 {
        edit(roots, step);
        Index::build(roots[0], &options(false), &mut |_| {}).expect("refresh");
        Index::build(roots[1], &options(true), &mut |_| {}).expect("full rebuild");
        let (graph, exact, dead) = graph_and_exact(roots[0], &queries);
        let (full_graph, _, full_dead) = graph_and_exact(roots[1], &queries);
        saw_dead |= dead > 0;
        assert_eq!(full_dead, 0, "step {step}: a full rebuild has no dead points");
        assert_eq!(graph, exact, "step {step}: the refreshed graph's top hits differ from an exact scan");
        assert_eq!(graph, full_graph, "step {step}: the refreshed graph's top hits differ from a full rebuild's");
        // Searches through the library agree too.
        let (a, b) = (Index::open(roots[0]).expect("open"), Index::open(roots[1]).expect("open"));
        for task in TASKS {
            let hits = |index: &Index| {
                let found = index.search(task, 10, Some(ctx::SEMANTIC_WEIGHT)).expect("search");
                found.hits.into_iter().map(|h| format!("{}:{}-{} {:.5}", h.path, h.start_line, h.end_line, h.score)).collect::<Vec<_>>()
            };
            assert_eq!(hits(&a), hits(&b), "step {step}: search {task:?}");
        }
    }
    assert!(saw_dead, "no refresh left dead points: tombstones were not exercised");
}

#[test]
fn dead_points_past_the_fraction_rebuild_the_graph() {
    let repo = all_fixtures();
    let root = repo.path();
    lower_threshold(root, 0.2);
    Index::build(root, &options(false), &mut |_| {}).expect("build");
    let (vectors, graph) = open(root);
    let graph = graph.expect("graph");
    assert_eq!((graph.points(), graph.dead()), (vectors.len(), 0));

    // One small edit leaves a few dead points.
    let files = source_files(root);
    let mut text = std::fs::read_to_string(&files[0]).expect("read");
    text.push_str("\n// one more line\n");
    std::fs::write(&files[0], text).expect("write");
    Index::build(root, &options(false), &mut |_| {}).expect("refresh");
    let (vectors, graph) = open(root);
    let graph = graph.expect("graph");
    assert!(graph.dead() > 0 && graph.points() > vectors.len(), "{graph:?}");

    // Deleting half the files passes 20%: the next graph is fresh.
    for file in source_files(root).iter().step_by(2) {
        std::fs::remove_file(file).expect("rm");
    }
    Index::build(root, &options(false), &mut |_| {}).expect("refresh");
    let (vectors, graph) = open(root);
    let graph = graph.expect("graph");
    assert_eq!((graph.points(), graph.dead()), (vectors.len(), 0));
}

#[test]
fn the_threshold_decides_and_a_change_of_it_alone_adds_the_graph() {
    let repo = fixture_copy("python");
    let root = repo.path();
    Index::build(root, &options(false), &mut |_| {}).expect("build");
    assert!(open(root).1.is_none(), "a fixture is far below the default threshold");
    lower_threshold(root, 0.2);
    let report = Index::build(root, &options(false), &mut |_| {}).expect("refresh");
    assert!(!report.up_to_date);
    assert!(open(root).1.is_some());
    assert!(Index::build(root, &options(false), &mut |_| {}).expect("refresh").up_to_date);
}

#[test]
fn a_damaged_graph_is_reported_then_rebuilt() {
    let repo = fixture_copy("python");
    let root = repo.path();
    lower_threshold(root, 0.2);
    Index::build(root, &options(false), &mut |_| {}).expect("build");
    let path = Generation::open(root).expect("open").dir.join(GRAPH_FILE);
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&path, &bytes).expect("write");

    let error = Index::open(root).err().expect("a damaged graph is not trusted").to_string();
    assert!(error.contains(GRAPH_FILE) && error.contains("run `ctx index`"), "{error}");
    // Truncated, the same.
    std::fs::write(&path, &bytes[..middle]).expect("write");
    assert!(Index::open(root).is_err());

    Index::build(root, &options(false), &mut |_| {}).expect("rebuild");
    let (vectors, graph) = open(root);
    assert!(graph.expect("graph").indexes(&vectors));
    Index::open(root).expect("readable again");
}

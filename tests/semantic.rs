//! The semantic layer through the library, with the deterministic hash
//! embedder (no model, no network): which vectors a run writes under each
//! option, and that retrieval fuses them only when asked.

mod common;
use common::*;

use ctx::{Index, IndexOptions, PackRequest, SemanticOption};
use ctx_embeddings::HashEmbedder;
use ctx_indexer::VectorsFile;
use ctx_indexer::store::Generation;
use std::path::Path;
use std::sync::Arc;

fn hash(dimensions: usize) -> IndexOptions {
    IndexOptions { semantic: SemanticOption::Embedder(Arc::new(HashEmbedder::new(dimensions))), ..IndexOptions::default() }
}

/// The model and row count of the current generation's vectors.
fn vectors(root: &Path) -> Option<(String, usize, usize)> {
    let generation = Generation::open(root).expect("open");
    VectorsFile::open(&generation.dir).expect("readable").map(|v| (v.model().to_string(), v.dimensions(), v.len()))
}

#[test]
fn runs_keep_switch_and_drop_the_vectors_as_asked() {
    let repo = fixture_copy("python");
    let root = repo.path();
    let first = Index::build(root, &hash(64), &mut |_| {}).expect("build");
    let chunks = first.manifest.stats.chunks as usize;
    assert_eq!(first.semantic.as_deref(), Some("ctx-hash-v1-64"));
    assert_eq!(vectors(root), Some(("ctx-hash-v1-64".into(), 64, chunks)));
    assert_eq!(Index::open(root).expect("open").status().semantic.as_deref(), Some("ctx-hash-v1-64"));

    // A refresh inherits the index's model: nothing changed, nothing is written.
    let inherit = IndexOptions { semantic: SemanticOption::Inherit, ..IndexOptions::default() };
    let again = Index::build(root, &inherit, &mut |_| {}).expect("refresh");
    assert!(again.up_to_date);
    // After an edit, the inherited model embeds the changed file only.
    let cart = root.join("shop/cart.py");
    let mut text = std::fs::read_to_string(&cart).expect("read");
    text.push_str("\n\ndef empty_cart(cart):\n    return cart.clear()\n");
    std::fs::write(&cart, text).expect("write");
    let edited = Index::build(root, &inherit, &mut |_| {}).expect("refresh");
    assert_eq!((edited.changes.parsed, edited.changes.reused), (1, 1));
    assert_eq!(vectors(root).map(|v| v.0), Some("ctx-hash-v1-64".into()));

    // Another model re-embeds every file.
    let switched = Index::build(root, &hash(32), &mut |_| {}).expect("switch");
    assert_eq!((switched.changes.parsed, switched.changes.reused), (2, 0));
    assert_eq!(vectors(root).map(|v| (v.1, v.2)), Some((32, switched.manifest.stats.chunks as usize)));

    // Off drops them, and refreshes stay off.
    let off = IndexOptions { semantic: SemanticOption::Off, ..IndexOptions::default() };
    let dropped = Index::build(root, &off, &mut |_| {}).expect("off");
    assert!(!dropped.up_to_date);
    assert_eq!(dropped.semantic, None);
    assert_eq!(vectors(root), None);
    assert_eq!(Index::open(root).expect("open").status().semantic, None);
    assert!(Index::build(root, &inherit, &mut |_| {}).expect("refresh").up_to_date);
}

#[test]
fn retrieval_adds_the_semantic_signal_only_when_asked() {
    let repo = fixture_copy("python");
    let root = repo.path();
    Index::build(root, &hash(256), &mut |_| {}).expect("build");
    let index = Index::open(root).expect("open");
    let task = "the discount is applied twice to the cart total";
    let lexical = index.search(task, 5, None).expect("search");
    let fused = index.search(task, 5, Some(ctx::SEMANTIC_WEIGHT)).expect("search");
    assert!(!fused.hits.is_empty());
    let best = |r: &ctx::SearchResults| r.hits.iter().map(|h| h.score).fold(0.0f32, f32::max);
    assert!(best(&fused) > best(&lexical), "fused {:?}\nlexical {:?}", fused.hits, lexical.hits);

    let request = |semantic_weight| PackRequest { budget: 400, semantic_weight, ..PackRequest::new(task) };
    let off = index.pack(&request(None)).expect("pack");
    let on = index.pack(&request(Some(ctx::SEMANTIC_WEIGHT))).expect("pack");
    assert!(off.tokens <= 400 && on.tokens <= 400);
}

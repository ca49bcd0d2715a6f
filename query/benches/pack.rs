//! Criterion micro-benchmarks of the query hot paths: exact token counting
//! of a pack's markdown and `build_pack` over an index of every fixture
//! repository of `testdata/`. `cargo bench -p ctx-query --bench pack`.

// `criterion_group!` defines a public function without a doc comment.
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ctx_indexer::{IndexOptions, build_index};
use ctx_query::{LoadedIndex, PackRequest, Tokenizer, build_pack};
use std::hint::black_box;
use std::path::Path;

/// A task that reaches several fixture languages (carts, totals, discounts).
const TASK: &str = "Cart.total is wrong when apply_discount is applied to an item added twice; load_cart parse_line";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("fixture dir is readable").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A scratch copy of every fixture repository, indexed (never in `testdata/` itself).
fn fixture_index() -> (tempfile::TempDir, LoadedIndex) {
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata");
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(&testdata).expect("testdata").flatten() {
        if entry.path().join("repo").is_dir() {
            copy_dir(&entry.path().join("repo"), &dir.path().join(entry.file_name()));
        }
    }
    build_index(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("the fixtures index");
    let index = LoadedIndex::open_root(dir.path()).expect("the index opens");
    (dir, index)
}

fn pack(c: &mut Criterion) {
    let (_dir, index) = fixture_index();
    let mut group = c.benchmark_group("build_pack");
    for budget in [2_000, 8_000] {
        let request = PackRequest { budget, ..PackRequest::new(TASK) };
        // The first pack loads the tokenizer (about half a second): not part of a pack's cost.
        assert!(!build_pack(&index, &request).expect("pack").items.is_empty());
        group.bench_with_input(BenchmarkId::from_parameter(budget), &request, |b, request| b.iter(|| build_pack(&index, black_box(request))));
    }
    group.finish();

    let markdown = build_pack(&index, &PackRequest { budget: 8_000, ..PackRequest::new(TASK) }).expect("pack").markdown;
    let mut group = c.benchmark_group("tokens");
    group.throughput(Throughput::Bytes(markdown.len() as u64));
    for tokenizer in [Tokenizer::O200k, Tokenizer::Cl100k] {
        tokenizer.count("warm up");
        group.bench_function(tokenizer.name(), |b| b.iter(|| tokenizer.count(black_box(&markdown))));
    }
    group.finish();
}

criterion_group!(benches, pack);
criterion_main!(benches);

//! Criterion micro-benchmarks of the indexer's per-file hot paths: parsing
//! with symbol extraction, chunking and the code tokenizer, on the fixture
//! repositories of `testdata/`, and compiling each language's tag query. `cargo bench -p ctx-indexer --bench parse`.

// `criterion_group!` defines a public function without a doc comment.
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ctx_indexer::{ChunkLimits, Language, chunk_file, parse_source, tokenize};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// The largest fixture file of each parsed language, with its text (the
/// fixtures are small, so the largest is the least dominated by setup).
fn fixture_per_language() -> Vec<(Language, String)> {
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata");
    let mut files = Vec::new();
    collect_files(&testdata, &mut files);
    // Sorted, so ties between equal sizes pick the same file on every machine.
    files.sort();
    let mut out = Vec::new();
    for language in ctx_indexer::language::PARSED_LANGUAGES {
        let largest = files
            .iter()
            .filter(|p| p.components().any(|c| c.as_os_str() == "repo") && Language::detect(p) == Some(language))
            .map(|p| (std::fs::metadata(p).map(|m| m.len()).unwrap_or(0), p))
            .max();
        if let Some((_, path)) = largest {
            let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
            out.push((language, text));
        }
    }
    out
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("testdata is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (language, text) in fixture_per_language() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(language.name()), &text, |b, text| b.iter(|| parse_source(language, black_box(text))));
    }
    group.finish();
}

fn chunk(c: &mut Criterion) {
    let mut group = c.benchmark_group("chunk");
    for (language, text) in fixture_per_language() {
        let symbols = parse_source(language, &text).symbols;
        let lines: Vec<&str> = text.lines().collect();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(language.name(), |b| b.iter(|| chunk_file(black_box(&lines), black_box(&symbols), ChunkLimits::default())));
    }
    group.finish();
}

fn code_tokenizer(c: &mut Criterion) {
    // Every fixture file at once: the tokenizer does not care about the
    // language, and a bigger input measures its rate rather than its setup.
    let text: String = fixture_per_language().into_iter().map(|(_, text)| text).collect::<Vec<_>>().join("\n");
    let mut group = c.benchmark_group("tokenize");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("for_each_term", |b| {
        b.iter(|| {
            let mut terms = 0usize;
            tokenize::for_each_term(black_box(&text), |_, _, _| terms += 1);
            terms
        })
    });
    group.finish();
}

fn compile_query(c: &mut Criterion) {
    // Every process that parses a file of a language compiles its tag
    // query once, a one-file refresh included: its cost is paid per call.
    let mut group = c.benchmark_group("compile_tags_query");
    group.sample_size(10);
    for language in ctx_indexer::language::PARSED_LANGUAGES {
        group.bench_function(language.name(), |b| b.iter(|| ctx_indexer::language::compile_tags_query(black_box(language)).expect("compiles")));
    }
    group.finish();
}

criterion_group!(benches, parse, chunk, code_tokenizer, compile_query);
criterion_main!(benches);

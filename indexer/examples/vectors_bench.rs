//! Exact scan vs the stored HNSW graph over the chunk vectors of a real index, as a CLI
//! process pays for them; prints numbers, asserts none.
//!
//! ```text
//! cargo run --release -p ctx-indexer --example vectors_bench -- [--index] ROOT [VECTORS...]
//! ```
//!
//! `ROOT` is an indexed repository whose current generation has chunk vectors (`--index`
//! indexes it first with potion-base-8M from the model store). For each size in `VECTORS`
//! (default 50000 200000 500000) the index rows are taken in order, and when the index has
//! fewer, replicated with Gaussian noise (each copy has a cosine of about 0.9 to its original,
//! then is renormalised), and written as the int8 `vectors.bin` and the `vectors.hnsw` an index
//! run would write (into a scratch folder that is removed). 100 rows spread over the real index
//! are the queries. Per size it reports the graph's build time and size, then per query, as a
//! `ctx pack` process does it once: checking the files against the manifest (an xxh3 pass over
//! each), opening them (their own checksum), and finding the 100 nearest chunks, by exact scan
//! and through the graph, with the graph's recall@10 against the scan.

use ctx_embeddings::normalize;
use ctx_indexer::vectors::{GRAPH_FILE, GraphConfig, GraphFile, SemanticOption, VECTORS_FILE, VectorEncoding, VectorsFile, encode, fresh_graph_file, write_file};
use std::path::Path;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const QUERIES: usize = 100;
/// As `query::semantic` asks for.
const NEAREST: usize = 100;

/// A small deterministic Gaussian source (LCG + Box-Muller), so runs are repeatable.
struct Noise(u64);

impl Noise {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn gaussian(&mut self) -> f32 {
        let (u, v) = (self.uniform(), self.uniform());
        ((-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()) as f32
    }
}

/// Milliseconds since `start`.
fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let index_first = args.first().is_some_and(|a| a == "--index");
    if index_first {
        args.remove(0);
    }
    let root = Path::new(args.first().ok_or("usage: vectors_bench [--index] ROOT [VECTORS...]")?).to_path_buf();
    let sizes: Vec<usize> = if args.len() > 1 { args[1..].iter().map(|a| a.parse()).collect::<std::result::Result<_, _>>()? } else { vec![50_000, 200_000, 500_000] };
    if index_first {
        let start = Instant::now();
        let options = ctx_indexer::IndexOptions { semantic: SemanticOption::Model("potion-base-8M".into()), ..Default::default() };
        let report = ctx_indexer::build_index(&root, &options, &mut |_| {})?;
        println!("indexed {} chunks in {:.0} s", report.manifest.stats.chunks, start.elapsed().as_secs_f64());
    }
    let generation = ctx_indexer::Generation::open(&root)?;
    let file = VectorsFile::open(&generation.dir)?.ok_or("the index has no chunk vectors; index it with a model (--index)")?;
    println!("{}: {} vectors of {} dims ({:?}), model {}", root.display(), file.len(), file.dimensions(), file.encoding(), file.model());
    let dims = file.dimensions();
    let real: Vec<Vec<f32>> = (0..file.len()).map(|row| file.vector(row)).collect();
    let queries: Vec<Vec<f32>> = (0..QUERIES).map(|i| real[i * real.len() / QUERIES].clone()).collect();
    let sigma = 0.48 / (dims as f32).sqrt();
    let scratch = tempfile::tempdir()?;
    let params = GraphConfig::default().params;
    for size in sizes {
        let mut noise = Noise(size as u64);
        let (mut scales, mut data) = (Vec::with_capacity(size), Vec::with_capacity(size * dims));
        for i in 0..size {
            let original = &real[i % real.len()];
            let (scale, bytes) = if i < real.len() {
                encode(VectorEncoding::Int8, original)
            } else {
                let mut v: Vec<f32> = original.iter().map(|x| x + sigma * noise.gaussian()).collect();
                normalize(&mut v);
                encode(VectorEncoding::Int8, &v)
            };
            scales.push(scale);
            data.extend(bytes);
        }
        let replicated = if size > real.len() { "replicated with noise" } else { "real" };
        println!("\n{size} vectors ({replicated})");
        std::fs::write(scratch.path().join(VECTORS_FILE), write_file(file.model(), dims, VectorEncoding::Int8, &scales, &data))?;
        drop(data);
        let vectors = VectorsFile::open(scratch.path())?.ok_or("written")?;
        let start = Instant::now();
        let graph_bytes = fresh_graph_file(&vectors, params);
        println!("  graph build ({params:?}): {:.1} s, {:.1} MB (vectors {:.1} MB)", start.elapsed().as_secs_f64(), graph_bytes.len() as f64 / 1e6, std::fs::metadata(scratch.path().join(VECTORS_FILE))?.len() as f64 / 1e6);
        std::fs::write(scratch.path().join(GRAPH_FILE), graph_bytes)?;
        drop(vectors);

        // As a CLI process: the manifest check reads and hashes each file, then it is opened.
        let verify = |name: &str| -> Result<()> {
            std::hint::black_box(ctx_indexer::store::file_checksum(&scratch.path().join(name))?);
            Ok(())
        };
        let (mut exact_verify, mut exact_open, mut exact_query) = (0.0, 0.0, 0.0);
        let (mut graph_verify, mut graph_open, mut graph_query) = (0.0, 0.0, 0.0);
        let mut found = 0;
        for query in &queries {
            let start = Instant::now();
            verify(VECTORS_FILE)?;
            exact_verify += ms(start);
            let start = Instant::now();
            let vectors = VectorsFile::open(scratch.path())?.ok_or("written")?;
            exact_open += ms(start);
            let start = Instant::now();
            let truth = vectors.nearest(query, NEAREST);
            exact_query += ms(start);
            drop(vectors);

            let start = Instant::now();
            verify(VECTORS_FILE)?;
            verify(GRAPH_FILE)?;
            graph_verify += ms(start);
            let start = Instant::now();
            let vectors = VectorsFile::open(scratch.path())?.ok_or("written")?;
            let graph = GraphFile::open(scratch.path())?.ok_or("written")?;
            graph_open += ms(start);
            let start = Instant::now();
            let hits = graph.nearest(&vectors, query, NEAREST);
            graph_query += ms(start);
            let top: Vec<u32> = truth.iter().take(10).map(|h| h.0).collect();
            found += hits.iter().take(10).filter(|h| top.contains(&h.0)).count();
        }
        let per = |total: f64| total / QUERIES as f64;
        println!(
            "  exact scan: verify {:6.2} + open {:6.2} + query {:6.2} = {:6.2} ms",
            per(exact_verify),
            per(exact_open),
            per(exact_query),
            per(exact_verify + exact_open + exact_query)
        );
        println!(
            "  graph:      verify {:6.2} + open {:6.2} + query {:6.2} = {:6.2} ms, recall@10 {:.3}",
            per(graph_verify),
            per(graph_open),
            per(graph_query),
            per(graph_verify + graph_open + graph_query),
            found as f64 / (QUERIES * 10) as f64
        );
    }
    Ok(())
}

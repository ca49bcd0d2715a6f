//! Exact scan vs HNSW over the chunk vectors of a real index; prints numbers, asserts none.
//!
//! ```text
//! cargo run --release -p ctx-indexer --example vectors_bench -- ROOT [VECTORS...]
//! ```
//!
//! `ROOT` is an indexed repository whose current generation has chunk vectors (`ctx index`
//! with a model). For each size in `VECTORS` (default 50000 500000) the index rows are taken
//! in order, and when the index has fewer, replicated with Gaussian noise (each copy has a
//! cosine of about 0.9 to its original, then is renormalised). 200 rows spread over the real
//! index are the queries. It reports, per size: the int8 exact scan that `ctx pack` runs
//! (ms per query, recall@10 against an f32 exact scan), and an HNSW graph (`hnsw_rs` through
//! `ctx_embeddings::VectorIndex`): build time, ms per query and recall@10.

use ctx_embeddings::{VectorIndex, VectorIndexConfig, normalize};
use ctx_indexer::vectors::{VectorEncoding, VectorsFile, encode, write_file};
use std::path::Path;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const QUERIES: usize = 200;
const K: usize = 10;

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

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(args.first().ok_or("usage: vectors_bench ROOT [VECTORS...]")?);
    let sizes: Vec<usize> = if args.len() > 1 { args[1..].iter().map(|a| a.parse()).collect::<std::result::Result<_, _>>()? } else { vec![50_000, 500_000] };
    let generation = ctx_indexer::Generation::open(root)?;
    let file = VectorsFile::open(&generation.dir)?.ok_or("the index has no chunk vectors; index it with a model")?;
    println!("{}: {} vectors of {} dims ({:?}), model {}", root.display(), file.len(), file.dimensions(), file.encoding(), file.model());
    let real: Vec<Vec<f32>> = (0..file.len()).map(|row| file.vector(row)).collect();
    let dims = file.dimensions();
    let queries: Vec<Vec<f32>> = (0..QUERIES).map(|i| real[i * real.len() / QUERIES].clone()).collect();
    let sigma = 0.48 / (dims as f32).sqrt();
    for size in sizes {
        let mut noise = Noise(size as u64);
        let vectors: Vec<Vec<f32>> = (0..size)
            .map(|i| {
                let original = &real[i % real.len()];
                if i < real.len() {
                    return original.clone();
                }
                let mut v: Vec<f32> = original.iter().map(|x| x + sigma * noise.gaussian()).collect();
                normalize(&mut v);
                v
            })
            .collect();
        let replicated = if size > real.len() { "replicated with noise" } else { "real" };
        println!("\n{size} vectors ({replicated})");

        // The int8 file the index stores, scanned as `ctx pack` does.
        let (mut scales, mut data) = (Vec::with_capacity(size), Vec::with_capacity(size * dims));
        for v in &vectors {
            let (scale, bytes) = encode(VectorEncoding::Int8, v);
            scales.push(scale);
            data.extend(bytes);
        }
        let int8 = VectorsFile::from_bytes(write_file(file.model(), dims, VectorEncoding::Int8, &scales, &data))?;
        drop(data);

        let mut index = VectorIndex::new(file.model(), dims, VectorIndexConfig { hnsw_threshold: 0, ..VectorIndexConfig::default() });
        for (id, v) in vectors.iter().enumerate() {
            index.insert(id as u64, v)?;
        }
        drop(vectors);

        let mut exact = Vec::with_capacity(QUERIES);
        let start = Instant::now();
        for q in &queries {
            exact.push(index.search_exact(q, K)?.into_iter().map(|h| h.0).collect::<Vec<u64>>());
        }
        println!("  f32 exact scan (rayon):  {:7.2} ms/query", start.elapsed().as_secs_f64() * 1e3 / QUERIES as f64);

        let start = Instant::now();
        let mut found = 0;
        for (q, truth) in queries.iter().zip(&exact) {
            found += int8.nearest(q, K).iter().filter(|h| truth.contains(&u64::from(h.0))).count();
        }
        println!(
            "  int8 exact scan (as ctx):   {:7.2} ms/query, recall@10 {:.3}",
            start.elapsed().as_secs_f64() * 1e3 / QUERIES as f64,
            found as f64 / (QUERIES * K) as f64
        );

        let start = Instant::now();
        index.update_graph();
        println!("  hnsw build ({:?}): {:.1} s", index.config().hnsw, start.elapsed().as_secs_f64());
        let start = Instant::now();
        let mut found = 0;
        for (q, truth) in queries.iter().zip(&exact) {
            found += index.search(q, K)?.iter().filter(|h| truth.contains(&h.0)).count();
        }
        println!(
            "  hnsw search:             {:7.2} ms/query, recall@10 {:.3}",
            start.elapsed().as_secs_f64() * 1e3 / QUERIES as f64,
            found as f64 / (QUERIES * K) as f64
        );
    }
    Ok(())
}

//! Measures the static model and the vector index on real code; prints numbers, asserts none.
//!
//! ```text
//! cargo run --release -p ctx-embeddings --example embed_bench -- fetch [MODEL]
//! cargo run --release -p ctx-embeddings --example embed_bench -- embed SRC_DIR [CHUNKS] [THREADS] [MODEL]
//! cargo run --release -p ctx-embeddings --example embed_bench -- ann SRC_DIR [VECTORS] [THRESHOLD]
//! ```
//!
//! `SRC_DIR` is walked for `.go`, `.rs`, `.py`, `.c` and `.h` files, cut into chunks of 20 to 60
//! lines. `CHUNKS` is the number of chunks embedded (0: all of them). `MODEL` is a model of the
//! store (default potion-base-8M); all-MiniLM-L6-v2 needs `--features bert`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use ctx_embeddings::{
    Embedder, HnswParams, ModelStore, POTION_BASE_8M, StaticEmbedder, VectorIndex,
    VectorIndexConfig,
};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let number = |i: usize, default: usize| -> Result<usize> {
        Ok(arg(i).map(str::parse).transpose()?.unwrap_or(default))
    };
    match arg(0) {
        Some("fetch") => fetch(arg(1).unwrap_or(POTION_BASE_8M)),
        Some("embed") => embed(Path::new(arg(1).ok_or("SRC_DIR")?), number(2, 5_000)?, number(3, 0)?, arg(4).unwrap_or(POTION_BASE_8M)),
        Some("ann") => ann(Path::new(arg(1).ok_or("SRC_DIR")?), number(2, 50_000)?, number(3, 0)?),
        _ => Err("usage: embed_bench fetch | embed SRC_DIR [CHUNKS] [THREADS] | ann SRC_DIR [VECTORS] [THRESHOLD]".into()),
    }
}

fn fetch(name: &str) -> Result<()> {
    let store = ModelStore::from_env()?;
    let start = Instant::now();
    let dir = store.fetch(name)?;
    println!(
        "fetched {} in {:.1} s",
        dir.display(),
        start.elapsed().as_secs_f64()
    );
    let model = store.load_embedder(name)?;
    println!("loaded {} ({} dims)", model.name(), model.dimensions());
    Ok(())
}

fn load_any(name: &str) -> Result<Arc<dyn Embedder>> {
    let start = Instant::now();
    let model = ModelStore::from_env()?.load_embedder(name)?;
    println!(
        "model {} loaded in {:.0} ms",
        model.name(),
        start.elapsed().as_secs_f64() * 1e3
    );
    Ok(model)
}

fn load_model() -> Result<StaticEmbedder> {
    let start = Instant::now();
    let model = ModelStore::from_env()?.load(POTION_BASE_8M)?;
    println!(
        "model {} loaded in {:.0} ms",
        model.name(),
        start.elapsed().as_secs_f64() * 1e3
    );
    Ok(model)
}

/// Every file under `root` with a source extension, sorted.
fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "go" | "rs" | "py" | "c" | "h"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The chunks of every source file: runs of 20 to 60 lines, the length varying by position.
fn chunks(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for file in source_files(root) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut start = 0;
        while start < lines.len() {
            let length = 20 + (out.len() * 37) % 41;
            let end = (start + length).min(lines.len());
            out.push(lines[start..end].join("\n"));
            start = end;
        }
    }
    out
}

/// `count` chunks spread evenly over all of them (all when `count` is 0 or too large).
fn sample(all: Vec<String>, count: usize) -> Vec<String> {
    if count == 0 || count >= all.len() {
        return all;
    }
    let step = all.len() as f64 / count as f64;
    (0..count)
        .map(|i| all[(i as f64 * step) as usize].clone())
        .collect()
}

fn embed_all(model: &dyn Embedder, texts: &[String]) -> Result<Vec<Vec<f32>>> {
    let mut vectors = Vec::with_capacity(texts.len());
    for batch in texts.chunks(1_024) {
        let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
        vectors.extend(model.embed(&refs)?);
    }
    Ok(vectors)
}

fn embed(root: &Path, count: usize, threads: usize, name: &str) -> Result<()> {
    let model = load_any(name)?;
    let texts = sample(chunks(root), count);
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} chunks, {:.0} bytes each on average",
        texts.len(),
        bytes as f64 / texts.len() as f64
    );
    let thread_counts = if threads == 0 {
        vec![1, 2]
    } else {
        vec![threads]
    };
    for threads in thread_counts {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let start = Instant::now();
        let vectors = pool.install(|| embed_all(model.as_ref(), &texts))?;
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{threads} thread(s): {} chunks in {seconds:.2} s = {:.0} chunks/s, {:.1} MB/s",
            vectors.len(),
            vectors.len() as f64 / seconds,
            bytes as f64 / seconds / 1e6
        );
    }
    Ok(())
}

fn ann(root: &Path, count: usize, threshold: usize) -> Result<()> {
    const QUERIES: usize = 500;
    let model = load_model()?;
    let texts = sample(chunks(root), count + QUERIES);
    let start = Instant::now();
    let vectors = embed_all(&model, &texts)?;
    println!(
        "embedded {} chunks in {:.1} s",
        vectors.len(),
        start.elapsed().as_secs_f64()
    );
    // Every (count / QUERIES)-th chunk is held out as a query; the rest are indexed.
    let (mut indexed, mut queries) = (Vec::new(), Vec::new());
    for (i, vector) in vectors.into_iter().enumerate() {
        if i % ((count + QUERIES) / QUERIES) == 0 && queries.len() < QUERIES {
            queries.push(vector);
        } else {
            indexed.push(vector);
        }
    }
    for params in [
        HnswParams {
            max_connections: 16,
            ef_construction: 100,
            ef_search: 64,
        },
        HnswParams::default(),
    ] {
        let config = VectorIndexConfig {
            hnsw_threshold: threshold,
            hnsw: params,
            ..Default::default()
        };
        let mut index = VectorIndex::new(model.name(), model.dimensions(), config);
        for (id, vector) in indexed.iter().enumerate() {
            index.insert(id as u64, vector)?;
        }
        let start = Instant::now();
        index.update_graph();
        println!(
            "{params:?}: graph over {} vectors built in {:.1} s",
            index.len(),
            start.elapsed().as_secs_f64()
        );
        let (mut exact_time, mut graph_time, mut found) = (0.0, 0.0, 0);
        for query in &queries {
            let start = Instant::now();
            let exact = index.search_exact(query, 10)?;
            exact_time += start.elapsed().as_secs_f64();
            let start = Instant::now();
            let approximate = index.search(query, 10)?;
            graph_time += start.elapsed().as_secs_f64();
            found += approximate
                .iter()
                .filter(|hit| exact.iter().any(|e| e.0 == hit.0))
                .count();
        }
        let n = queries.len() as f64;
        println!(
            "  exact scan {:.2} ms/query, hnsw {:.3} ms/query, recall@10 {:.3}",
            exact_time / n * 1e3,
            graph_time / n * 1e3,
            found as f64 / (n * 10.0)
        );
        let start = Instant::now();
        let bytes = index.to_bytes();
        let encode = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let back = VectorIndex::from_bytes(&bytes, config)?;
        println!(
            "  serialized {} vectors to {:.1} MB in {:.0} ms, read back in {:.0} ms",
            back.len(),
            bytes.len() as f64 / 1e6,
            encode * 1e3,
            start.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(())
}

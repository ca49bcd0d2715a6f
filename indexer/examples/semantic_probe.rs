//! Where the semantic layer alone ranks the files a task should find; prints numbers, asserts none.
//!
//! ```text
//! cargo run --release -p ctx-indexer --example semantic_probe -- TASKS.jsonl TREES_DIR
//! ```
//!
//! `TASKS.jsonl` holds one task per line with `id`, `problem_statement` and `gold_files`
//! (the dev tasks of `benches/quality`); `TREES_DIR/ID/tree` is the task's indexed tree (with
//! chunk vectors). For each task it embeds the statement with the index's model, ranks every
//! chunk by cosine, and prints the rank of the best chunk of each gold file (as a file rank:
//! the position of that file among files ordered by their best chunk), then the share of gold
//! files found within the first 1, 5, 10, 20 and 50 files.

use ctx_indexer::vectors::{VectorsFile, embedder_for_name};
use std::path::Path;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (tasks, trees) = match args.as_slice() {
        [tasks, trees] => (tasks, Path::new(trees)),
        _ => return Err("usage: semantic_probe TASKS.jsonl TREES_DIR".into()),
    };
    let cutoffs = [1usize, 5, 10, 20, 50];
    let mut found = [0usize; 5];
    let mut golds = 0usize;
    for line in std::fs::read_to_string(tasks)?.lines() {
        let task: serde_json::Value = serde_json::from_str(line)?;
        let id = task["id"].as_str().unwrap_or_default();
        let root = trees.join(id).join("tree");
        let Ok(generation) = ctx_indexer::Generation::open(&root) else { continue };
        let Some(vectors) = VectorsFile::open(&generation.dir)? else { continue };
        let tables = generation.read_tables()?;
        let embedder = embedder_for_name(vectors.model())?;
        let statement = task["problem_statement"].as_str().unwrap_or_default();
        let ranked = if std::env::var_os("PROBE_PIECES").is_some() {
            // The statement's paragraphs embedded apart; a chunk scores its best paragraph.
            let pieces: Vec<&str> = statement.split("\n\n").map(str::trim).filter(|p| p.len() > 20).collect();
            let pieces = if pieces.is_empty() { vec![statement] } else { pieces };
            let queries = embedder.embed(&pieces)?;
            let mut best: Vec<(u32, f32)> = (0..vectors.len() as u32).map(|c| (c, f32::MIN)).collect();
            for query in &queries {
                for (chunk, score) in best.iter_mut() {
                    *score = score.max(vectors.score(*chunk as usize, query));
                }
            }
            best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            best
        } else {
            let query = embedder.embed(&[statement])?.pop().unwrap_or_default();
            vectors.nearest(&query, vectors.len())
        };
        let mut file_order: Vec<u32> = Vec::new();
        for (chunk, _) in &ranked {
            let file = tables.chunk(*chunk).file;
            if !file_order.contains(&file) {
                file_order.push(file);
                if file_order.len() >= 200 {
                    break;
                }
            }
        }
        let mut ranks = Vec::new();
        for gold in task["gold_files"].as_array().into_iter().flatten().filter_map(|g| g.as_str()) {
            let Some(file) = tables.file_by_path(gold) else { continue };
            golds += 1;
            let rank = file_order.iter().position(|&f| f == file);
            for (slot, cutoff) in cutoffs.iter().enumerate() {
                if rank.is_some_and(|r| r < *cutoff) {
                    found[slot] += 1;
                }
            }
            ranks.push(format!("{gold}@{}", rank.map_or(">200".into(), |r| (r + 1).to_string())));
        }
        println!("{id} {}", ranks.join(" "));
    }
    let shares: Vec<String> = cutoffs.iter().zip(found).map(|(c, f)| format!("top{c} {:.3}", f as f64 / golds.max(1) as f64)).collect();
    println!("gold files {golds}: {}", shares.join(", "));
    Ok(())
}

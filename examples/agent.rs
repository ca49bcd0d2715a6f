//! What an agent embedding ctx does: index a directory (or refresh its
//! index) with a progress callback, then ask for a context pack for a task
//! and print it. The budget defaults to the repository configuration's.
//!
//! `cargo run --example agent -- <DIR> ["<task>"] [BUDGET]`

use ctx::{Index, IndexOptions, IndexProgress, PackRequest};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let task = args.next().unwrap_or_else(|| "where is the main entry point?".into());
    let budget: Option<usize> = args.next().map(|b| b.parse()).transpose()?;

    // `options.cancel` is a CancelToken: another thread may call `cancel()` on
    // a clone to stop a long build, and the previous index stays as it was.
    let options = IndexOptions::default();
    let mut progress = |event: IndexProgress| {
        if let IndexProgress::Parsed { done, total } = event {
            eprint!("\rparsed {done}/{total} files");
        }
    };
    let (index, report) = Index::build_or_refresh(&root, &options, &mut progress)?;
    eprintln!(
        "\nindexed {} files, {} symbols (generation {}, {} parsed)",
        report.manifest.stats.files, report.manifest.stats.symbols, report.manifest.generation, report.changes.parsed
    );

    let config = index.config()?;
    let budget = budget.or(config.budget).unwrap_or(4_000);
    let request = PackRequest { budget, ..PackRequest::new(task) };
    let pack = index.pack(&request)?;
    assert!(pack.tokens <= budget, "a pack never exceeds its budget");
    println!("{}", pack.markdown);
    eprintln!("{} items, {} of {} tokens", pack.items.len(), pack.tokens, budget);
    Ok(())
}

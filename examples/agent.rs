//! What an agent embedding ctx does: index a directory (or refresh its
//! index), then ask for a context pack for a task and print it.
//!
//! `cargo run --example agent -- <DIR> ["<task>"] [BUDGET]`

use ctx::{Index, IndexOptions, PackRequest, Tokenizer};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let task = args.next().unwrap_or_else(|| "where is the main entry point?".into());
    let budget = args.next().map(|b| b.parse()).transpose()?.unwrap_or(4_000);

    let report = Index::build(&root, &IndexOptions::default(), &mut |_| {})?;
    eprintln!(
        "indexed {} files, {} symbols (generation {}, {} parsed)",
        report.manifest.stats.files, report.manifest.stats.symbols, report.manifest.generation, report.changes.parsed
    );

    let index = Index::open(&root)?;
    let request = PackRequest { task, budget, tokenizer: Tokenizer::O200k, ..PackRequest::new("") };
    let pack = index.pack(&request)?;
    assert!(pack.tokens <= budget, "a pack never exceeds its budget");
    println!("{}", pack.markdown);
    eprintln!("{} items, {} of {} tokens", pack.items.len(), pack.tokens, budget);
    Ok(())
}

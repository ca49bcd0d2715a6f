//! How far the lexical scan of Go bodies agrees with a full tree-sitter parse, on a
//! whole tree; prints numbers, asserts none.
//!
//! ```text
//! cargo run --release -p ctx-indexer --example go_scan_agreement -- GO_TREE [FILE_SUFFIX]
//! ```
//!
//! For every hand-written `.go` file under `GO_TREE` (generated files are parsed light
//! either way), it parses the file as the index does (declarations by tree-sitter, bodies
//! by the scan) and in full, and compares their references as multisets of (line, name,
//! receiver, qualifier, qualifier path, call, enclosing symbol's start). It prints the
//! recall and precision of the scan's references against the parse's, the differences by
//! receiver and call, the symbol counts, the CPU time of each way, and the files that
//! differ most. With `FILE_SUFFIX`, it also lists the differing references of the files
//! whose path ends so.

use ctx_indexer::language::Language;
use ctx_indexer::parse::{parse_source, parse_source_in_full};
use ctx_indexer::symbol::ParsedFile;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, show) = match args.as_slice() {
        [root] => (PathBuf::from(root), None),
        [root, show] => (PathBuf::from(root), Some(show.as_str())),
        _ => return Err("usage: go_scan_agreement GO_TREE [FILE_SUFFIX]".into()),
    };
    let mut files = Vec::new();
    go_files(&root, &mut files)?;
    files.sort();
    let (mut parsed_refs, mut scanned_refs, mut common) = (0usize, 0usize, 0usize);
    let (mut parsed_symbols, mut scanned_symbols, mut compared) = (0usize, 0usize, 0usize);
    let (mut parse_time, mut scan_time) = (Duration::ZERO, Duration::ZERO);
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut worst: Vec<(usize, String)> = Vec::new();
    for path in &files {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let started = Instant::now();
        let scanned = parse_source(Language::Go, &source);
        if scanned.generated {
            continue;
        }
        scan_time += started.elapsed();
        let started = Instant::now();
        let parsed = parse_source_in_full(Language::Go, &source);
        parse_time += started.elapsed();
        compared += 1;
        parsed_symbols += parsed.symbols.len();
        scanned_symbols += scanned.symbols.len();
        let mut left = keys(&parsed);
        let mut differing = 0;
        let mut shared = 0;
        for (key, count) in keys(&scanned) {
            for _ in 0..count {
                match left.get_mut(&key) {
                    Some(left_count) if *left_count > 0 => {
                        *left_count -= 1;
                        shared += 1;
                    }
                    _ => {
                        *by_kind.entry(format!("only scanned: {}", kind_of(&key))).or_default() += 1;
                        differing += 1;
                        if show.is_some_and(|s| path.ends_with(s)) {
                            println!("only scanned  {key}");
                        }
                    }
                }
            }
        }
        for (key, count) in left.into_iter().filter(|(_, c)| *c > 0) {
            *by_kind.entry(format!("only parsed:  {}", kind_of(&key))).or_default() += count;
            differing += count;
            if show.is_some_and(|s| path.ends_with(s)) {
                println!("only parsed   {key}");
            }
        }
        parsed_refs += parsed.references.len();
        scanned_refs += scanned.references.len();
        common += shared;
        worst.push((differing, path.strip_prefix(&root).unwrap_or(path).display().to_string()));
    }
    println!("{compared} hand-written files of {} under {}", files.len(), root.display());
    println!(
        "references: parsed {parsed_refs}, scanned {scanned_refs}, in common {common}: recall {:.4}, precision {:.4}",
        common as f64 / parsed_refs.max(1) as f64,
        common as f64 / scanned_refs.max(1) as f64
    );
    println!("symbols: parsed {parsed_symbols}, scanned {scanned_symbols}");
    println!("one thread, those files: full parse {:.2} s, light parse and scan {:.2} s", parse_time.as_secs_f64(), scan_time.as_secs_f64());
    for (kind, count) in &by_kind {
        println!("  {kind}: {count}");
    }
    worst.sort_by(|a, b| b.cmp(a));
    println!("files that differ most:");
    for (count, path) in worst.iter().take(10) {
        println!("  {count:6} {path}");
    }
    Ok(())
}

/// The references of a file as counted keys, the enclosing symbol named by its start.
fn keys(file: &ParsedFile) -> HashMap<String, usize> {
    let mut keys = HashMap::new();
    for r in &file.references {
        let enclosing = r.enclosing.map(|e| file.symbols[e as usize].start_byte);
        let key = format!(
            "{}|{}|{:?}|{}|{}|{}|{:?}",
            r.line,
            r.name,
            r.receiver,
            r.qualifier.as_deref().unwrap_or("-"),
            r.qualifier_path.as_ref().map_or("-", |p| p.path.as_str()),
            r.is_call,
            enclosing
        );
        *keys.entry(key).or_default() += 1;
    }
    keys
}

/// Receiver and call of a key, to group differences.
fn kind_of(key: &str) -> String {
    let parts: Vec<&str> = key.split('|').collect();
    format!("{} call={}", parts[2], parts[5])
}

fn go_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // Symbolic links are not followed (no loops).
        if entry.file_type()?.is_dir() {
            if path.file_name().is_some_and(|n| n != ".ctx" && n != ".git") {
                go_files(&path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
    Ok(())
}

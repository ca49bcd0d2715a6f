//! The quick walk (a stat per indexed file, a listing per folder whose
//! time moved) finds what a whole walk finds, after any mix of edits:
//! files added, removed, edited, renamed, grown past the size cap, made
//! binary or a link; folders added and removed; ignore rules changed.

use ctx_indexer::discover::config::PathFilter;
use ctx_indexer::discover::{Discovery, DiscoveryOptions, discover_with};
use ctx_indexer::store::Generation;
use ctx_indexer::{IndexOptions, build_index, discover_since};
use proptest::prelude::*;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// What a discovery says, in a comparable form.
fn summary(found: &Discovery) -> (Vec<(String, u64, u64, String)>, Vec<(String, String, u64)>) {
    let candidates = found.candidates.iter().map(|c| (c.path.clone(), c.size, c.mtime_ns, c.language.name().to_string())).collect();
    let skipped = found.skipped.iter().map(|s| (s.path.clone(), s.reason.to_string(), s.size)).collect();
    (candidates, skipped)
}

fn apply(root: &Path, step: u8, n: usize) {
    let folders = ["", "src", "src/deep", "lib", "docs", "new"];
    let folder = folders[n % folders.len()];
    let name = |ext: &str| if folder.is_empty() { format!("f{n}.{ext}") } else { format!("{folder}/f{n}.{ext}") };
    match step % 10 {
        0 => write(root, &name("py"), format!("def f{n}():\n    return {n}\n").as_bytes()),
        1 => write(root, &name("rs"), format!("fn f{n}() -> u32 {{ {n} }}\n").as_bytes()),
        2 => {
            // Delete some indexed file.
            let victim = walk_files(root).into_iter().nth(n);
            if let Some(victim) = victim {
                let _ = std::fs::remove_file(root.join(victim));
            }
        }
        3 => {
            // Edit in place (the folder's time does not move).
            if let Some(file) = walk_files(root).into_iter().nth(n) {
                let mut text = std::fs::read(root.join(&file)).unwrap_or_default();
                text.extend_from_slice(b"\n# edited\n");
                std::fs::write(root.join(file), text).expect("edit");
            }
        }
        4 => {
            if let Some(file) = walk_files(root).into_iter().nth(n) {
                let _ = std::fs::rename(root.join(&file), root.join(format!("{file}.moved.py")));
            }
        }
        5 => write(root, &name("c"), &vec![b'x'; 3000]),
        6 => write(root, &name("go"), b"package x\n\x00\x01binary"),
        7 => {
            let _ = std::fs::create_dir_all(root.join(folder));
            let _ = std::os::unix::fs::symlink("../elsewhere.py", root.join(&name("py")).with_extension("link.py"));
        }
        8 => write(root, &format!("{folder}/.gitignore").trim_start_matches('/'), format!("*.moved.py\nf{}.*\nbase{}.py\n", n % 3, n % 4).as_bytes()),
        _ => {
            let _ = std::fs::remove_dir_all(root.join(folder).join("deep"));
            write(root, &format!("brand/new{n}/more/g{n}.py"), b"def g():\n    pass\n");
        }
    }
}

/// Sets the time of every folder and file under `root` an hour back, so
/// that the walk that indexes them trusts their times (recent ones are
/// listed again, as racy) and the quick walk's stat-only path is taken.
fn age(root: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() && entry.file_name() != ".ctx" {
                pending.push(path.clone());
            }
            if !kind.is_symlink() && entry.file_name() != ".ctx" {
                if let Ok(file) = std::fs::File::open(&path) {
                    let _ = file.set_modified(past);
                }
            }
        }
        if let Ok(file) = std::fs::File::open(&dir) {
            let _ = file.set_modified(past);
        }
    }
}

/// Moves the time of every folder under `root` (not its files) to a
/// minute ago: later than [`age`]'s, and not recent enough to be racy.
fn move_folder_times(root: &Path) {
    let later = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) && entry.file_name() != ".ctx" {
                pending.push(entry.path());
            }
        }
        if let Ok(folder) = std::fs::File::open(&dir) {
            let _ = folder.set_modified(later);
        }
    }
}

/// Indexed-language files under root (for choosing victims), sorted.
fn walk_files(root: &Path) -> Vec<String> {
    let found = discover_with(root, &options(), &PathFilter::default());
    found.candidates.into_iter().map(|c| c.path).collect()
}

fn options() -> DiscoveryOptions {
    DiscoveryOptions { max_file_bytes: 2_000, ..DiscoveryOptions::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_quick_walk_finds_what_a_whole_walk_finds(steps in proptest::collection::vec((0u8..10, 0usize..40), 1..12), rounds in 1usize..3, renew in any::<bool>()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for (i, folder) in ["src", "src/deep", "lib", "docs"].iter().enumerate() {
            write(root, &format!("{folder}/base{i}.py"), b"def base():\n    return 0\n");
        }
        write(root, "top.rs", b"fn top() {}\n");
        let mut index_options = IndexOptions::default();
        index_options.discovery = options();
        index_options.inherit_size_cap = false;
        for round in 0..rounds {
            age(root);
            build_index(root, &index_options, &mut |_| {}).expect("index");
            if renew {
                // Every folder's time moves with nothing to index: the
                // refresh renews the record of the walk, which the quick
                // walk then judges by.
                move_folder_times(root);
                let report = build_index(root, &index_options, &mut |_| {}).expect("refresh");
                prop_assert!(report.up_to_date);
            }
            for &(step, n) in &steps[round * steps.len() / rounds..(round + 1) * steps.len() / rounds] {
                apply(root, step, n);
            }
            let generation = Generation::open(root).expect("generation");
            let tables = generation.read_tables().expect("tables");
            let filter = PathFilter::for_root(root);
            let quick = discover_since(root, &options(), &filter, Some((&generation, &tables)));
            let whole = discover_with(root, &options(), &filter);
            prop_assert_eq!(summary(&quick), summary(&whole));
        }
    }
}

/// A refresh that finds nothing to index but had to list the folders
/// again (here every folder's time moved) renews the record of the walk:
/// the next check lists none, and still sees a later change.
#[test]
fn a_refresh_with_nothing_to_index_renews_an_outdated_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for folder in ["src", "src/deep", "lib"] {
        write(root, &format!("{folder}/base.py"), b"def base():\n    return 0\n");
    }
    let mut index_options = IndexOptions::default();
    index_options.discovery = options();
    index_options.inherit_size_cap = false;
    // The first run makes `.ctx`, which moves the root's time: the second
    // records a walk that the tree then matches.
    build_index(root, &index_options, &mut |_| {}).expect("index");
    age(root);
    build_index(root, &index_options, &mut |_| {}).expect("index");
    let check = || {
        let generation = Generation::open(root).expect("generation");
        let tables = generation.read_tables().expect("tables");
        discover_since(root, &options(), &PathFilter::for_root(root), Some((&generation, &tables)))
    };
    assert_eq!(check().relisted, 0, "a fresh record lists no folder");

    move_folder_times(root);
    let outdated = check();
    assert!(outdated.record_outdated(), "every folder is listed again: {}", outdated.relisted);

    let report = build_index(root, &index_options, &mut |_| {}).expect("refresh");
    assert!(report.up_to_date, "nothing to index");
    assert_eq!(check().relisted, 0, "the renewed record lists no folder");
    let generation = Generation::open(root).expect("generation");
    assert_eq!(generation.manifest.generation, report.manifest.generation, "no generation was written");
    generation.read_tables().expect("the renewed record leaves the generation readable");

    write(root, "src/deep/added.py", b"def added():\n    pass\n");
    let found = check();
    assert!(found.candidates.iter().any(|c| c.path == "src/deep/added.py"), "a file added after the renewal is found");
}

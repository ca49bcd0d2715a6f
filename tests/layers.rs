//! Layered tables: a refresh of a large tree writes a delta over the
//! previous tables instead of rewriting them, and every answer read
//! through the layers (counts, definitions, references, search, packs) is
//! the answer of a full index of the same tree. `--compact` folds the
//! layers back into one tables file, byte for byte the full rebuild's; a
//! delta past its share of the base merges on its own.

mod common;
use common::copy_dir;

use ctx::{Index, IndexOptions, PackRequest, Tokenizer};
use ctx_indexer::store::Generation;
use std::path::Path;

/// Files in the tree: above the size below which every refresh merges.
const FILES: usize = 1_200;

/// Words of the modules' docstrings: each word is in a fortieth of them,
/// so that a query of two of them matches fewer chunks than a search looks
/// at (ties at that cut would depend on the text index's document order).
const WORDS: [&str; 40] = [
    "ledger", "refund", "invoice", "parcel", "courier", "voucher", "tariff", "rebate", "escrow", "payroll", "pension", "dividend",
    "mortgage", "annuity", "bursary", "stipend", "royalty", "levy", "customs", "freight", "cargo", "manifest", "harbour", "quay",
    "depot", "hangar", "silo", "granary", "orchard", "vineyard", "quarry", "foundry", "smelter", "kiln", "forge", "loom", "mill",
    "tannery", "brewery", "bakery",
];

/// Writes file `i` of the tree: a class and functions that call their
/// neighbours' and a shared helper, with words of their own to search.
fn write_module(root: &Path, i: usize, extra: &str) {
    let folder = root.join(format!("pkg{:02}", i % 40));
    std::fs::create_dir_all(&folder).expect("mkdir");
    let previous = i.saturating_sub(1);
    let (first, second) = (WORDS[i % 40], WORDS[(i / 40) % 40]);
    let text = format!(
        "\"\"\"Module {i}: the {first} of the {second}.\"\"\"\n\nfrom helpers import shared_helper\n\n\nclass Order{i}:\n    def total(self, rows):\n        return shared_helper(rows) + compute_{previous}(rows)\n\n\ndef compute_{i}(rows):\n    \"\"\"Sums the {second} rows of the {first}.\"\"\"\n    return sum(rows) * {i}\n{extra}"
    );
    std::fs::write(folder.join(format!("module_{i}.py")), text).expect("write");
}

fn make_tree(root: &Path) {
    std::fs::write(root.join("helpers.py"), "def shared_helper(rows):\n    \"\"\"Counts rows.\"\"\"\n    return len(rows)\n").expect("write");
    for i in 0..FILES {
        write_module(root, i, "");
    }
}

/// What the index answers, in forms that do not depend on row ids.
#[derive(Debug, PartialEq)]
struct Answers {
    counts: (u64, u64, u64),
    symbols: Vec<Vec<(String, String, u32, u32)>>,
    refs: Vec<Vec<(String, u32, bool)>>,
    search: Vec<Vec<(String, u32, u32)>>,
    packs: Vec<Vec<(String, u32, u32, String)>>,
}

const NAMES: &[&str] = &["compute_7", "compute_9", "Order11", "fresh_refund", "shared_helper", "total", "compute_1199"];
/// Queries without ties at the text index's cut (which of a thousand
/// equal `compute_N` chunks make it depends on tantivy's document order,
/// which its indexing threads decide, in any index).
const QUERIES: &[&str] = &["fresh refund of the courier", "payroll of the escrow", "orders_of_region_11", "kiln sums"];

/// The first difference of two answers, short enough to read.
fn first_difference(a: &Answers, b: &Answers) -> Option<String> {
    if a.counts != b.counts {
        return Some(format!("counts {:?} != {:?}", a.counts, b.counts));
    }
    let lists: [(&str, Vec<String>, Vec<String>); 4] = [
        ("symbols", a.symbols.iter().map(|x| format!("{x:?}")).collect(), b.symbols.iter().map(|x| format!("{x:?}")).collect()),
        ("refs", a.refs.iter().map(|x| format!("{x:?}")).collect(), b.refs.iter().map(|x| format!("{x:?}")).collect()),
        ("search", a.search.iter().map(|x| format!("{x:?}")).collect(), b.search.iter().map(|x| format!("{x:?}")).collect()),
        ("packs", a.packs.iter().map(|x| format!("{x:?}")).collect(), b.packs.iter().map(|x| format!("{x:?}")).collect()),
    ];
    for (what, x, y) in lists {
        for (i, (x, y)) in x.iter().zip(&y).enumerate() {
            if x != y {
                let at = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count().saturating_sub(80);
                let cut = |s: &str| s.get(at..(at + 300).min(s.len())).unwrap_or("").to_string();
                return Some(format!("{what}[{i}]: ...{} != ...{}", cut(x), cut(y)));
            }
        }
    }
    None
}

fn assert_same(a: &Answers, b: &Answers, context: &str) {
    if let Some(difference) = first_difference(a, b) {
        panic!("{context}: {difference}");
    }
}

fn answers(root: &Path) -> Answers {
    let index = Index::open(root).expect("open");
    let status = index.status();
    let symbols = NAMES.iter().map(|n| index.symbols(n, 50).into_iter().map(|h| (h.qualified_name, h.path, h.start_line, h.end_line)).collect()).collect();
    let refs = NAMES
        .iter()
        .map(|n| {
            let mut hits: Vec<_> = index.refs(n, false, 5_000).hits.into_iter().map(|h| (h.path, h.line, h.is_call)).collect();
            hits.sort();
            hits
        })
        .collect();
    // Hits in order, but those tied with the last hit only by their scores:
    // which of many equal chunks reach the cut is the text index's
    // document order, which its indexing threads decide (in any index).
    let search = QUERIES
        .iter()
        .map(|q| {
            let hits = index.search(q, 10, None).expect("search").hits;
            let cut = hits.last().map_or(0.0, |h| h.score);
            hits.into_iter()
                .map(|h| if h.score > cut + 1e-4 { (h.path, h.start_line, h.end_line) } else { (format!("tied at {:.3}", h.score), 0, 0) })
                .collect()
        })
        .collect();
    let packs = QUERIES
        .iter()
        .map(|q| {
            let request = PackRequest { budget: 1_500, tokenizer: Tokenizer::O200k, ..PackRequest::new(*q) };
            index.pack(&request).expect("pack").items.into_iter().map(|i| (i.path, i.start_line, i.end_line, i.kind)).collect()
        })
        .collect();
    Answers { counts: (status.files, status.symbols, status.chunks), symbols, refs, search, packs }
}

/// The tables of the current generation of `root`.
fn tables(root: &Path) -> Vec<u8> {
    Generation::open(root).expect("open").read_tables().expect("tables").payload().to_vec()
}

/// The tables of a full rebuild of `root`, in place (the records hold
/// modification times, which a copy would not share).
fn full_rebuild_tables(root: &Path) -> Vec<u8> {
    Index::build(root, &IndexOptions { full: true, ..IndexOptions::default() }, &mut |_| {}).expect("full rebuild");
    tables(root)
}

/// The answers of a full index of a copy of `root`.
fn full_index_of_copy(root: &Path) -> Answers {
    let copy = tempfile::tempdir().expect("tempdir");
    copy_dir(root, copy.path());
    let _ = std::fs::remove_dir_all(copy.path().join(".ctx"));
    Index::build(copy.path(), &IndexOptions::default(), &mut |_| {}).expect("full index");
    answers(copy.path())
}

fn is_layered(root: &Path) -> bool {
    let generation = Generation::open(root).expect("open");
    let layered = generation.manifest.delta.is_some();
    assert_eq!(layered, generation.read_tables().expect("tables").is_layered(), "the manifest and the tables agree on layers");
    layered
}

#[test]
fn a_refresh_writes_a_delta_that_answers_as_a_full_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_tree(root);
    let options = IndexOptions::default();
    Index::build(root, &options, &mut |_| {}).expect("index");
    assert!(!is_layered(root), "a cold index is one tables file");

    // Edit one file, delete one, add one: a delta over the base.
    write_module(root, 7, "\n\ndef fresh_refund(rows):\n    \"\"\"The fresh refund of the courier.\"\"\"\n    return compute_7(rows) - shared_helper(rows)\n");
    std::fs::remove_file(root.join("pkg09/module_9.py")).expect("rm");
    std::fs::write(root.join("pkg11/extra.py"), "from pkg11.module_11 import Order11\n\n\ndef orders_of_region_11():\n    return Order11().total([11])\n").expect("write");
    let report = Index::build(root, &options, &mut |_| {}).expect("refresh");
    assert_eq!(report.changes.parsed, 2, "{:?}", report.changes);
    assert!(is_layered(root), "a one-file refresh of {FILES} files writes a delta");
    let full = full_index_of_copy(root);
    let layered = answers(root);
    assert_eq!(layered.symbols[3].len(), 1, "fresh_refund is defined once: {:?}", layered.symbols[3]);
    assert!(!layered.symbols[1].iter().any(|s| s.0 == "compute_9"), "compute_9 was deleted: {:?}", layered.symbols[1]);
    assert_same(&layered, &full, "answers through the layers equal a full index's");

    // A second refresh carries the first delta over and hides one more base file.
    write_module(root, 11, "\n\ndef second_edit():\n    return 2\n");
    std::fs::remove_file(root.join("pkg07/module_7.py")).expect("rm");
    Index::build(root, &options, &mut |_| {}).expect("refresh");
    assert!(is_layered(root));
    let generation = Generation::open(root).expect("open");
    assert_eq!(generation.manifest.delta.as_ref().map(|d| d.hidden.len()), Some(3), "module 7, 9 and 11 of the base are hidden");
    drop(generation);
    let full = full_index_of_copy(root);
    assert_same(&answers(root), &full, "after a chained refresh");

    // A no-op refresh keeps the layers; `compact` folds them into the full rebuild's tables.
    let report = Index::build(root, &options, &mut |_| {}).expect("no-op");
    assert_eq!(report.changes.parsed, 0);
    assert!(is_layered(root));
    Index::build(root, &IndexOptions { compact: true, ..IndexOptions::default() }, &mut |_| {}).expect("compact");
    assert!(!is_layered(root), "compacted");
    assert_same(&answers(root), &full, "compacted");
    let compacted = tables(root);
    assert!(compacted == full_rebuild_tables(root), "compacted tables equal a full rebuild's, byte for byte");
}

#[test]
fn a_delta_past_its_share_of_the_base_merges() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_tree(root);
    let options = IndexOptions::default();
    Index::build(root, &options, &mut |_| {}).expect("index");
    // A sixteenth of the base is 75 files: 100 edits merge.
    for i in 0..100 {
        write_module(root, i * 3, "\n\ndef bulk_edit():\n    return 0\n");
    }
    Index::build(root, &options, &mut |_| {}).expect("refresh");
    assert!(!is_layered(root), "a refresh of 100 of {FILES} files merges");
    assert_same(&answers(root), &full_index_of_copy(root), "merged");
    let merged = tables(root);
    assert!(merged == full_rebuild_tables(root), "a merge writes the full rebuild's tables");
}

/// Edits `n` modules spread over the tree: a delta of `2 n` files (each
/// edited file hides its base record and adds its own).
fn edit_modules(root: &Path, n: usize, tag: &str) {
    for i in 0..n {
        write_module(root, i * 37 % FILES, &format!("\n\ndef {tag}_edit():\n    return {i}\n"));
    }
}

/// [`answers`] with each pack's items sorted: the edits of these tests tie
/// many bodies, whose order in a pack follows row ids, which layers move;
/// which items a pack holds does not. (Merged tables are compared with a
/// full rebuild's byte for byte as well.)
fn answers_packs_unordered(root: &Path) -> Answers {
    let mut answers = answers(root);
    for pack in &mut answers.packs {
        pack.sort();
    }
    answers
}

fn full_index_of_copy_packs_unordered(root: &Path) -> Answers {
    let mut answers = full_index_of_copy(root);
    for pack in &mut answers.packs {
        pack.sort();
    }
    answers
}

/// The generation directories in `.ctx/`, sorted.
fn generation_dirs(root: &Path) -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir(root.join(".ctx"))
        .expect("list .ctx")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("gen-"))
        .collect();
    dirs.sort();
    dirs
}

fn current_manifest(root: &Path) -> ctx::Manifest {
    ctx_indexer::store::read_manifest(root).expect("manifest")
}

#[test]
fn a_merge_folds_grown_layers_into_the_full_rebuilds_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_tree(root);
    let options = IndexOptions::default();
    Index::build(root, &options, &mut |_| {}).expect("index");
    assert_eq!(Index::merge_layers(root, true).expect("merge").outcome, ctx::MergeOutcome::NothingToMerge);

    // A thirty-second of the base is 37 files: a delta of 10 edits is not
    // due, one of 30 (60 files) is, and stays under the foreground's share (75).
    edit_modules(root, 10, "small");
    Index::build(root, &options, &mut |_| {}).expect("refresh");
    assert!(is_layered(root) && !ctx::merge_due(&current_manifest(root)), "10 edits: a delta, not due");
    edit_modules(root, 30, "grown");
    let report = Index::build(root, &options, &mut |_| {}).expect("refresh");
    assert!(is_layered(root), "30 edits still write a delta");
    assert!(ctx::merge_due(&report.manifest), "a delta of 60 of {FILES} files is due for a merge");

    let layered = answers_packs_unordered(root);
    let before = current_manifest(root);
    let merged = Index::merge_layers(root, true).expect("merge");
    assert_eq!(merged.outcome, ctx::MergeOutcome::Merged { generation: before.generation + 1, from: before.generation });
    assert!(!is_layered(root), "merged into one tables file");
    assert_eq!(generation_dirs(root), vec![format!("gen-{:06}", before.generation + 1)], "the merge removed the generations it replaced");
    let after = current_manifest(root);
    assert_eq!(after.stats, before.stats, "a merge changes no count");
    // Counts, definitions and references; search and packs tie many of
    // these chunks, and which of the tied make the cut follows row ids.
    let merged_answers = answers_packs_unordered(root);
    assert_eq!((&merged_answers.counts, &merged_answers.symbols, &merged_answers.refs), (&layered.counts, &layered.symbols, &layered.refs), "a merge changes no answer");
    assert_same(&answers_packs_unordered(root), &full_index_of_copy_packs_unordered(root), "merged");

    // The merged generation describes the tree as it is: nothing to refresh.
    let report = Index::build(root, &options, &mut |_| {}).expect("no-op");
    assert!(report.up_to_date, "after a merge the tree is up to date: {:?}", report.changes);
    let merged_tables = tables(root);
    assert!(merged_tables == full_rebuild_tables(root), "a merge writes the full rebuild's tables, byte for byte");

    // Refreshes layer over the merged tables again.
    edit_modules(root, 1, "after");
    Index::build(root, &options, &mut |_| {}).expect("refresh");
    assert!(is_layered(root), "a refresh after a merge writes a delta over it");
    assert_same(&answers_packs_unordered(root), &full_index_of_copy_packs_unordered(root), "a delta over merged tables");
}

#[test]
fn a_refresh_that_overtakes_a_merge_is_kept_and_the_merge_starts_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_tree(root);
    let options = IndexOptions::default();
    Index::build(root, &options, &mut |_| {}).expect("index");
    edit_modules(root, 30, "grown");
    Index::build(root, &options, &mut |_| {}).expect("refresh");
    assert!(is_layered(root));

    // The first attempt's tables are staged when a refresh commits a newer
    // generation (with a new definition): the merge drops them and merges that one.
    let mut overtake = |attempt: usize| {
        if attempt == 0 {
            write_module(root, 5, "\n\ndef fresh_refund(rows):\n    return 5\n");
            Index::build(root, &IndexOptions::default(), &mut |_| {}).expect("refresh during the merge");
        }
    };
    let report = ctx_indexer::merge_layers_with(root, true, &mut overtake).expect("merge");
    assert!(matches!(report.outcome, ctx::MergeOutcome::Merged { .. }), "{:?}", report.outcome);
    assert!(!is_layered(root));
    let merged = answers_packs_unordered(root);
    assert_eq!(merged.symbols[3].len(), 1, "the refresh's definition is in the merged index: {:?}", merged.symbols[3]);
    assert_same(&merged, &full_index_of_copy_packs_unordered(root), "merged after being overtaken");

    // Overtaken on every attempt, the merge gives up and the refreshes stand.
    edit_modules(root, 30, "again");
    Index::build(root, &options, &mut |_| {}).expect("refresh");
    let mut edits = 0;
    let mut always = |_: usize| {
        edits += 1;
        write_module(root, 100 + edits, &format!("\n\ndef overtaking_{edits}():\n    return 0\n"));
        Index::build(root, &IndexOptions::default(), &mut |_| {}).expect("refresh during the merge");
    };
    let report = ctx_indexer::merge_layers_with(root, true, &mut always).expect("merge");
    assert_eq!(report.outcome, ctx::MergeOutcome::Overtaken);
    assert!(is_layered(root), "the last refresh's generation is current");
    assert_same(&answers_packs_unordered(root), &full_index_of_copy_packs_unordered(root), "refreshes that overtook every attempt");
    assert!(!root.join(".ctx/merge-staging").exists(), "a merge leaves no staging behind");
}

#[test]
fn one_merge_runs_at_a_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_tree(root);
    Index::build(root, &IndexOptions::default(), &mut |_| {}).expect("index");
    edit_modules(root, 30, "grown");
    Index::build(root, &IndexOptions::default(), &mut |_| {}).expect("refresh");
    let manifest = current_manifest(root);
    assert!(ctx::merge_wanted(root, &manifest), "due, and no merge running");
    let held = ctx_indexer::store::MergeLock::acquire(root, false).expect("lock").expect("free");
    assert!(!ctx::merge_wanted(root, &manifest), "a merge running: none is started, its log is left alone");
    assert!(Index::merge_in_background_if_due(root, &manifest).is_none());
    assert_eq!(Index::merge_layers(root, false).expect("merge").outcome, ctx::MergeOutcome::AlreadyRunning);
    assert!(is_layered(root), "a merge that found another running leaves the index as it is");
    drop(held);
    assert!(ctx::merge_wanted(root, &manifest), "the lock is free again");
    // A reader of the layered generation keeps it through the merge.
    let reader = Index::open(root).expect("open");
    assert!(matches!(Index::merge_layers(root, false).expect("merge").outcome, ctx::MergeOutcome::Merged { .. }));
    let kept = format!("gen-{:06}", manifest.generation);
    assert!(generation_dirs(root).contains(&kept), "a generation a reader holds is not removed");
    assert!(!reader.search(QUERIES[0], 10, None).expect("search").hits.is_empty(), "and its reader still answers");
}

/// `ctx index` that leaves a delta due for a merge starts one in a process
/// of its own, and returns before it lands.
#[test]
fn the_command_line_merges_grown_layers_in_the_background() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_tree(root);
    let ctx_bin = env!("CARGO_BIN_EXE_ctx");
    let run = |args: &[&str]| {
        let output = std::process::Command::new(ctx_bin).args(args).arg(root).output().expect("run ctx");
        assert!(output.status.success(), "ctx {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    run(&["-q", "index"]);
    edit_modules(root, 30, "grown");
    let layered = current_manifest(root).generation + 1;
    run(&["-q", "index"]);
    // The merge commits the generation after the refresh's; `--merge`
    // waits for a merge that is running, then finds nothing left.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while current_manifest(root).generation == layered && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let waited = run(&["index", "--merge"]);
    assert!(waited.contains("nothing to merge"), "{waited}");
    let manifest = current_manifest(root);
    assert_eq!(manifest.generation, layered + 1, "the background merge committed the next generation");
    assert!(manifest.delta.is_none(), "and merged the layers");
    let log = std::fs::read_to_string(root.join(".ctx/merge.log")).expect("merge log");
    assert!(log.contains(&format!("merged the layers of generation {layered} into generation {}", layered + 1)), "{log}");
    assert_same(&answers_packs_unordered(root), &full_index_of_copy_packs_unordered(root), "after a merge in the background");
}

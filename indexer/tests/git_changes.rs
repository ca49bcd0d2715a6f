//! Change detection inside a git work tree: a refresh judges files whose
//! modification time moved by the blob ids of git's index (stat-clean
//! entries) without reading them, reports renames, falls back to reading
//! when git cannot help (a corrupt index, no repository), and always writes
//! what a full rebuild would. Repositories are made with the git CLI in
//! temporary directories; file times are set in the past and git's index
//! refreshed after them, so its entries are not racy.

use ctx_indexer::store::Generation;
use ctx_indexer::{IndexOptions, IndexReport, build_index};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

/// Runs git in `dir` with no user or system configuration; returns stdout.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(["-c", "user.name=ctx", "-c", "user.email=ctx@example.com", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    // `update-index --refresh` exits 1 when files need updating; that is data here.
    assert!(output.status.success() || args.first() == Some(&"update-index"), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A source file of a fixed length per `n` (so a variant can keep its size).
fn module(n: usize, sign: char) -> String {
    format!("def f_{n:04}(x):\n    return x {sign} {n:04}\n")
}

/// `files` modules under `dir/pkg/`, with a `.gitignore` that keeps `.ctx/` out of git.
fn write_tree(dir: &Path, files: usize) {
    std::fs::create_dir_all(dir.join("pkg")).expect("mkdir");
    std::fs::write(dir.join(".gitignore"), ".ctx/\n").expect("write");
    for n in 0..files {
        std::fs::write(dir.join(format!("pkg/m{n:04}.py")), module(n, '+')).expect("write");
    }
}

/// A git repository at `dir` with the tree committed on `main`.
fn init_repo(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "start"]);
}

/// Sets every source file under `dir` to modification time `seconds_ago`
/// and lets git refresh its index, so the index is newer than every file
/// (no racy entries) and its stat data matches the files again.
fn settle(dir: &Path, seconds_ago: u64) {
    let time = SystemTime::now() - Duration::from_secs(seconds_ago);
    for entry in std::fs::read_dir(dir.join("pkg")).expect("ls").flatten() {
        let file = std::fs::File::options().write(true).open(entry.path()).expect("open");
        file.set_modified(time).expect("set time");
    }
    if dir.ancestors().any(|a| a.join(".git").exists()) {
        git(dir, &["update-index", "-q", "--refresh"]);
    }
}

fn index(root: &Path) -> IndexReport {
    build_index(root, &IndexOptions::default(), &mut |_| {}).expect("index run")
}

fn tables_payload(root: &Path) -> Vec<u8> {
    Generation::open(root).expect("open").read_tables().expect("tables").payload().to_vec()
}

/// Asserts that the current generation equals a full rebuild of the tree.
fn assert_equals_full_rebuild(root: &Path, what: &str) {
    let refreshed = tables_payload(root);
    build_index(root, &IndexOptions { full: true, ..IndexOptions::default() }, &mut |_| {}).expect("full rebuild");
    assert!(refreshed == tables_payload(root), "{what}: the refresh differs from a full rebuild");
}

#[test]
fn a_branch_switch_parses_exactly_the_changed_files_and_reads_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write_tree(root, 40);
    init_repo(root);
    // Branch `other` changes 10 files: 5 keep their size, 5 grow.
    git(root, &["checkout", "-q", "-b", "other"]);
    for n in 0..10 {
        let text = if n < 5 { module(n, '-') } else { format!("{}\ndef g(y):\n    return y\n", module(n, '+')) };
        std::fs::write(root.join(format!("pkg/m{n:04}.py")), text).expect("write");
    }
    git(root, &["commit", "-q", "-am", "other"]);
    git(root, &["checkout", "-q", "main"]);
    settle(root, 3_000);
    let first = index(root);
    assert_eq!(first.changes.parsed, 40);

    // Records carry the blob id git gives the file.
    let tables = Generation::open(root).expect("open").read_tables().expect("tables");
    let record = tables.file(tables.file_by_path("pkg/m0007.py").expect("indexed"));
    let from_git = git(root, &["hash-object", "pkg/m0007.py"]);
    let hex: String = record.blob.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, from_git.trim());
    drop(tables);

    git(root, &["checkout", "-q", "other"]);
    // Every file's time moves; the 5 that grew are parsed for their size,
    // the other 35 are judged by git without being read.
    settle(root, 2_000);
    let switched = index(root);
    assert_eq!(switched.changes.parsed, 10, "{:?}", switched.changes);
    assert_eq!(switched.changes.reused, 30, "{:?}", switched.changes);
    assert_eq!(switched.changes.read_to_compare, 0, "{:?}", switched.changes);
    assert_eq!(switched.changes.known_from_git, 35, "{:?}", switched.changes);
    assert_equals_full_rebuild(root, "after the switch");

    // A touch of every file, then git refreshing its index, re-reads nothing.
    settle(root, 1_000);
    let touched = index(root);
    assert!(!touched.up_to_date, "the new modification times are recorded");
    assert_eq!((touched.changes.parsed, touched.changes.read_to_compare, touched.changes.known_from_git), (0, 0, 40));
    assert_equals_full_rebuild(root, "after the touch");
}

#[test]
fn racy_entries_and_unrefreshed_touches_fall_back_to_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write_tree(root, 12);
    init_repo(root);
    settle(root, 3_000);
    index(root);
    // Touched without git refreshing its index: its stat data no longer matches.
    let time = SystemTime::now() - Duration::from_secs(1_000);
    for n in 0..12 {
        std::fs::File::options().write(true).open(root.join(format!("pkg/m{n:04}.py"))).expect("open").set_modified(time).expect("time");
    }
    let touched = index(root);
    assert_eq!((touched.changes.parsed, touched.changes.read_to_compare, touched.changes.known_from_git), (0, 12, 0));
    // A racy entry: git recorded the indexed content with a modification
    // time not older than its index file, then the file changed at the same
    // size and time. Its stat data matches (ctime is not compared here), so
    // only the racy-git rule stops git's blob id from being trusted.
    git(root, &["config", "core.trustCTime", "false"]);
    let path = root.join("pkg/m0003.py");
    let future = SystemTime::now() + Duration::from_secs(3_600);
    std::fs::File::options().write(true).open(&path).expect("open").set_modified(future).expect("time");
    git(root, &["add", "pkg/m0003.py"]);
    std::fs::write(&path, module(3, '-')).expect("write");
    std::fs::File::options().write(true).open(&path).expect("open").set_modified(future).expect("time");
    let racy = index(root);
    assert_eq!((racy.changes.parsed, racy.changes.read_to_compare, racy.changes.known_from_git), (1, 1, 0), "{:?}", racy.changes);
    assert_equals_full_rebuild(root, "after a racy change");
}

#[test]
fn a_rename_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write_tree(root, 8);
    init_repo(root);
    settle(root, 3_000);
    index(root);
    git(root, &["mv", "pkg/m0002.py", "pkg/moved.py"]);
    settle(root, 2_000);
    let moved = index(root);
    assert_eq!(moved.changes.renamed, 1, "{:?}", moved.changes);
    assert_eq!(moved.changes.parsed, 1, "the moved file is parsed at its new path");
    assert_eq!(moved.changes.read_to_compare, 0);
    assert_equals_full_rebuild(root, "after the rename");
}

#[test]
fn a_corrupt_git_index_falls_back_to_reading_with_the_same_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write_tree(root, 10);
    init_repo(root);
    settle(root, 3_000);
    index(root);
    std::fs::write(root.join("pkg/m0004.py"), module(4, '-')).expect("write");
    settle(root, 2_000);
    std::fs::write(root.join(".git/index"), b"DIRC garbage, not an index").expect("corrupt");
    let report = index(root);
    assert_eq!(report.changes.parsed, 1, "{:?}", report.changes);
    assert_eq!(report.changes.known_from_git, 0);
    assert_eq!(report.changes.read_to_compare, 10, "every touched file is read to compare");
    assert_equals_full_rebuild(root, "with a corrupt git index");
}

#[test]
fn a_root_below_the_top_of_the_work_tree_uses_git() {
    let dir = tempfile::tempdir().expect("tempdir");
    let top = dir.path();
    let root = top.join("sub");
    write_tree(&root, 6);
    write_tree(top, 3);
    init_repo(top);
    settle(&root, 3_000);
    let first = index(&root);
    assert_eq!(first.changes.parsed, 6);
    settle(&root, 2_000);
    let touched = index(&root);
    assert_eq!((touched.changes.parsed, touched.changes.read_to_compare, touched.changes.known_from_git), (0, 0, 6));
    assert_equals_full_rebuild(&root, "a subdirectory root");
}

#[test]
fn outside_git_times_are_judged_by_reading_and_no_blob_ids_are_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write_tree(root, 6);
    settle(root, 3_000);
    index(root);
    let tables = Generation::open(root).expect("open").read_tables().expect("tables");
    assert!(tables.files().all(|(_, f)| f.blob == [0; 20]));
    drop(tables);
    settle(root, 2_000);
    let touched = index(root);
    assert_eq!((touched.changes.parsed, touched.changes.read_to_compare, touched.changes.known_from_git), (0, 6, 0));
    // Renames are found by content outside git too.
    std::fs::rename(root.join("pkg/m0001.py"), root.join("pkg/elsewhere.py")).expect("mv");
    assert_eq!(index(root).changes.renamed, 1);
    assert_equals_full_rebuild(root, "outside git");

    // A repository made after indexing: the records gain blob ids from one read each.
    init_repo(root);
    let adopted = index(root);
    assert_eq!((adopted.changes.parsed, adopted.changes.read_to_compare), (0, 6), "{:?}", adopted.changes);
    assert!(!adopted.up_to_date);
    assert_equals_full_rebuild(root, "after git init");
}

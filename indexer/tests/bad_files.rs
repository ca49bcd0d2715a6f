//! Bad input never aborts an index run: binary, empty, invalid UTF-8, huge
//! and unreadable files and symlink loops are indexed or reported, and the
//! run completes.

use ctx_indexer::{IndexOptions, SkipReason, build_index, store::Generation};
use std::path::Path;

fn write(root: &Path, name: &str, bytes: &[u8]) {
    let path = root.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn bad_files_are_reported_and_the_run_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "good.py", b"def ok():\n    return 1\n");
    write(root, "empty.py", b"");
    write(root, "binary.c", b"int x;\0\0\x01\x02 binary");
    write(root, "latin1.py", b"def caf\xe9():\n    return '\xff'\n");
    write(root, "broken.py", b"def broken(:\n    pass\n\ndef fine():\n    pass\n");
    let mut huge = b"x = 1\n".repeat(5 * 1024 * 1024 / 6 + 1);
    huge.truncate(5 * 1024 * 1024);
    write(root, "huge.py", &huge);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(".", root.join("loop")).expect("symlink");
        std::os::unix::fs::symlink("b.py", root.join("a.py")).expect("symlink");
        std::os::unix::fs::symlink("a.py", root.join("b.py")).expect("symlink");
        std::os::unix::fs::symlink("/etc/passwd", root.join("outside.py")).expect("symlink");
    }
    // A directory whose name looks like a source file: reading it fails even as root.
    std::fs::create_dir_all(root.join("weird.py")).expect("mkdir");

    let report = build_index(root, &IndexOptions::default(), &mut |_| {}).expect("index run completes");
    let reason = |path: &str| report.skipped.iter().find(|s| s.path == path).map(|s| s.reason.clone());
    assert_eq!(reason("binary.c"), Some(SkipReason::Binary));
    assert!(matches!(reason("huge.py"), Some(SkipReason::TooLarge { bytes }) if bytes == 5 * 1024 * 1024));
    #[cfg(unix)]
    {
        assert_eq!(reason("a.py"), Some(SkipReason::Symlink));
        assert_eq!(reason("outside.py"), Some(SkipReason::Symlink));
        assert_eq!(reason("loop"), None, "a link to a directory is not a source file");
    }

    let generation = Generation::open(root).expect("index readable");
    let tables = generation.read_tables().expect("tables");
    let paths: Vec<&str> = tables.files().map(|(_, f)| f.path).collect();
    assert_eq!(paths, ["broken.py", "empty.py", "good.py", "latin1.py"]);
    assert!(tables.diagnostics(3).any(|d| d.contains("invalid UTF-8")));
    assert!(tables.diagnostics(0).any(|d| d.contains("syntax errors")));
    let names: Vec<&str> = tables.symbols().map(|(_, s)| s.name).collect();
    assert!(names.contains(&"fine") && names.contains(&"ok") && names.iter().any(|n| n.starts_with("caf")), "{names:?}");
    assert_eq!(tables.file(1).lines, 0);
}

#[test]
fn unreadable_files_are_skipped_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "fine.go", b"package main\nfunc main() {}\n");
    write(root, "secret.go", b"package main\nfunc hidden() {}\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root.join("secret.go"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    let readable_anyway = std::fs::read(root.join("secret.go")).is_ok(); // root reads everything
    let report = build_index(root, &IndexOptions::default(), &mut |_| {}).expect("run completes");
    let skipped_secret = report.skipped.iter().any(|s| s.path == "secret.go" && matches!(s.reason, SkipReason::Unreadable(_)));
    assert_eq!(skipped_secret, !readable_anyway);
    assert_eq!(report.manifest.stats.files, if readable_anyway { 2 } else { 1 });
}

#[test]
fn ignore_files_are_honoured() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "keep.py", b"def keep(): pass\n");
    write(root, "build/gen.py", b"def generated(): pass\n");
    write(root, "vendor/lib.py", b"def vendored(): pass\n");
    write(root, ".hidden/x.py", b"def hidden(): pass\n");
    write(root, ".gitignore", b"build/\n");
    write(root, ".ctxignore", b"vendor/\n");
    let report = build_index(root, &IndexOptions::default(), &mut |_| {}).expect("run");
    assert_eq!(report.manifest.stats.files, 1);
}

#[test]
fn a_second_run_replaces_the_generation_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "a.py", b"def a(): pass\n");
    let first = build_index(root, &IndexOptions::default(), &mut |_| {}).expect("first");
    write(root, "b.py", b"def b(): pass\n");
    let second = build_index(root, &IndexOptions::default(), &mut |_| {}).expect("second");
    assert_eq!(second.manifest.generation, first.manifest.generation + 1);
    assert_eq!(second.manifest.stats.files, 2);
    // A leftover of a killed run is cleaned up by the next run.
    std::fs::create_dir_all(root.join(".ctx/tmp-000099/text")).expect("mkdir");
    let third = build_index(root, &IndexOptions::default(), &mut |_| {}).expect("third");
    assert!(!root.join(".ctx/tmp-000099").exists());
    assert_eq!(Generation::open(root).expect("open").manifest.generation, third.manifest.generation);
    let generations = std::fs::read_dir(root.join(".ctx"))
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(generations, 2, "the current and the previous generation are kept");
}

#[test]
fn heavy_churn_without_merging_keeps_bm25_valid() {
    // Above the merge-all threshold deleted documents stay in segments; a
    // refresh that rewrites most files must still give a searchable index.
    use ctx_indexer::{TextField, TextIndexReader, TextQuery};
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for i in 0..40 {
        write(root, &format!("m{i}.py"), format!("def common_{i}():\n    return common\n").as_bytes());
    }
    build_index(root, &IndexOptions::default(), &mut |_| {}).expect("build");
    for round in 0..3 {
        for i in 0..40 {
            write(root, &format!("m{i}.py"), format!("def common_{i}_{round}():\n    return common\n").as_bytes());
        }
        build_index(root, &IndexOptions::default(), &mut |_| {}).expect("refresh");
    }
    let generation = Generation::open(root).expect("open");
    let tables = generation.read_tables().expect("tables");
    let reader = TextIndexReader::open(&generation.text_dir()).expect("text");
    let stats = ctx_indexer::CorpusStats { documents: 1, field_terms: [1; 4] };
    let query = TextQuery { clauses: vec![(TextField::Body, "common".into(), 1.0)] };
    // Statistics that claim fewer documents than a term's frequency must not panic.
    let hits = reader.search(&query, stats, 10).expect("search");
    assert!(!hits.is_empty());
    assert_eq!(tables.files_len(), 40);
}

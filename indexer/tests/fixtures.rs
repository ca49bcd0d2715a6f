//! Snapshot tests of parsing: for every `testdata/<lang>/repo`, the symbols,
//! imports and chunks of each file are dumped as text and compared with
//! `testdata/<lang>/symbols.expected`. Run with `UPDATE_EXPECT=1` to rewrite
//! the expectations after an intended change, then review the diff.

use ctx_indexer::{ChunkLimits, Language, chunk_file, parse_source};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("readable fixture dir") {
            let path = entry.expect("fixture entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The text form of what ctx extracts from one fixture repository.
fn dump(repo: &Path) -> String {
    let mut out = String::new();
    for path in files_under(repo) {
        let Some(language) = Language::detect(&path) else { continue };
        let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let parsed = parse_source(language, &source);
        let rel = path.strip_prefix(repo).expect("under repo").to_string_lossy().replace('\\', "/");
        writeln!(out, "## {rel} ({})", language.name()).unwrap_or_default();
        for s in &parsed.symbols {
            writeln!(
                out,
                "{}-{} {} {} | {}{}",
                s.start_line,
                s.end_line,
                s.kind.as_str(),
                s.qualified_name,
                s.signature,
                s.doc.as_deref().map(|d| format!(" /// {}", d.lines().next().unwrap_or_default())).unwrap_or_default()
            )
            .unwrap_or_default();
        }
        for i in &parsed.imports {
            writeln!(out, "import {} {}", i.line, i.target).unwrap_or_default();
        }
        let lines: Vec<&str> = source.lines().collect();
        let chunks = chunk_file(&lines, &parsed.symbols, ChunkLimits::default());
        let chunks: Vec<String> = chunks.iter().map(|c| format!("{}-{}", c.start_line, c.end_line)).collect();
        writeln!(out, "chunks {}", chunks.join(" ")).unwrap_or_default();
        let calls: Vec<&str> = parsed.references.iter().filter(|r| r.is_call).map(|r| r.name.as_str()).collect();
        let mut calls = calls;
        calls.sort();
        calls.dedup();
        writeln!(out, "calls {}", calls.join(" ")).unwrap_or_default();
        for d in &parsed.diagnostics {
            writeln!(out, "diagnostic {d}").unwrap_or_default();
        }
    }
    out
}

#[test]
fn fixture_symbols_match_expectations() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(testdata()).expect("testdata exists") {
        let lang_dir = entry.expect("entry").path();
        let repo = lang_dir.join("repo");
        if !repo.is_dir() {
            continue;
        }
        let actual = dump(&repo);
        let expected_path = lang_dir.join("symbols.expected");
        if update {
            std::fs::write(&expected_path, &actual).expect("write expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        checked += 1;
        if expected != actual {
            failures.push(format!(
                "{} differs from what ctx extracts now (rerun with UPDATE_EXPECT=1 and review):\n{}",
                expected_path.display(),
                first_difference(&expected, &actual)
            ));
        }
    }
    assert!(update || checked >= 1, "no fixture repositories found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        if e.get(i) != a.get(i) {
            return format!("line {}:\n  expected: {:?}\n  actual:   {:?}", i + 1, e.get(i), a.get(i));
        }
    }
    String::new()
}

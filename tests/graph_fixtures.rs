//! The symbol-graph fixtures of issue #3, run through the `ctx` binary.
//!
//! `testdata/hops/<lang>/` holds a repository and `cases.json`: tasks whose
//! answer is one or two hops (a caller, a callee, a base class, an imported
//! helper, an implementation) from the code that shares the task's words; the
//! expected definition must be in the pack at a small budget.
//! `testdata/resolution/<lang>/` holds a repository where names are defined
//! several times and `cases.json`: `refs`, `callers` and `callees` queries
//! with the uses or definitions that must and must not be linked.
//! See `testdata/hops/README.md` for the format. Every case prints one line
//! `lang kind case: pass|fail`; run with `--nocapture` to see them all.

mod common;
use common::{copy_dir, testdata};

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// The languages with fixtures of both kinds; a test below checks the folders agree.
const LANGUAGES: [&str; 18] = [
    "python", "rust", "go", "typescript", "javascript", "java", "csharp", "kotlin", "swift", "ruby", "php", "scala", "lua", "bash",
    "elixir", "haskell", "zig", "dart",
];

fn ctx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctx")).args(args).current_dir(dir).output().expect("ctx runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

/// A scratch copy of `testdata/<kind>/<lang>/repo`, indexed, and its cases.
fn indexed_fixture(kind: &str, lang: &str) -> (tempfile::TempDir, Vec<Value>) {
    let fixture = testdata().join(kind).join(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture.join("repo"), dir.path());
    let index = ctx(dir.path(), &["index", "."]);
    assert!(index.status.success(), "ctx index of {kind}/{lang} failed: {}", text(&index.stderr));
    let cases = std::fs::read_to_string(fixture.join("cases.json")).expect("cases.json");
    let cases: Value = serde_json::from_str(&cases).unwrap_or_else(|e| panic!("{kind}/{lang}/cases.json: {e}"));
    let cases = cases["cases"].as_array().cloned().unwrap_or_default();
    assert!(!cases.is_empty(), "{kind}/{lang}/cases.json lists no cases");
    (dir, cases)
}

fn field<'a>(value: &'a Value, name: &str) -> &'a str {
    value[name].as_str().unwrap_or_else(|| panic!("a case or entry lacks the string field {name:?}: {value}"))
}

/// Prints one line per case and fails with every failed case and what came back.
///
/// A case may carry `"open": "<what it needs>"`: a known gap of the
/// resolver or the ranking, listed in the summary as `open`. An open case
/// that passes fails the test until its note is removed, so the list of
/// gaps never goes stale.
fn report(kind: &str, lang: &str, cases: &[Value], outcomes: Vec<(String, Option<String>)>) {
    let mut failures = Vec::new();
    let mut summary = String::new();
    for ((name, failure), case) in outcomes.iter().zip(cases) {
        let open = case["open"].as_str();
        let verdict = match (failure, open) {
            (None, None) => "pass",
            (None, Some(_)) => {
                failures.push(format!("- {name}: passes now; remove its \"open\" note from cases.json"));
                "pass (still marked open)"
            }
            (Some(_), Some(_)) => "open",
            (Some(why), None) => {
                failures.push(format!("- {name}: {why}"));
                "fail"
            }
        };
        summary += &format!("\n{lang} {kind} {name}: {verdict}");
    }
    // One block, on lines of their own, so that the summary greps cleanly with --nocapture.
    eprintln!("{summary}");
    assert!(
        failures.is_empty(),
        "{} of {} {kind} cases of {lang} fail:\n{}",
        failures.len(),
        outcomes.len(),
        failures.join("\n")
    );
}

/// Where `symbol` is defined in `path`: its first line, from `ctx symbols`.
fn definition_line(dir: &Path, path: &str, symbol: &str) -> Option<u64> {
    let plain = symbol.rsplit(['.', ':']).next().unwrap_or(symbol);
    let out = ctx(dir, &["symbols", plain, "--limit", "1000", "--format", "json"]);
    let hits: Value = serde_json::from_slice(&out.stdout).ok()?;
    let candidates: Vec<&Value> = hits.as_array()?.iter().filter(|h| h["path"] == path && h["name"] == plain).collect();
    let exact = candidates.iter().find(|h| h["qualified_name"] == symbol);
    // A qualified name ctx spells differently (`Type.method` for `method`) still names the only such definition in the file.
    let only = if candidates.len() == 1 { candidates.first() } else { None };
    exact.or(only)?["start_line"].as_u64()
}

/// Whether a pack item shows the definition: a body whose lines hold its
/// first line, or a signature or skeleton of that very definition.
fn shows(item: &Value, path: &str, symbol: &str, line: Option<u64>) -> bool {
    if item["path"] != path {
        return false;
    }
    let kind = item["kind"].as_str().unwrap_or_default();
    if !matches!(kind, "body" | "signature" | "skeleton") {
        return false;
    }
    if item["symbol"] == symbol {
        return true;
    }
    if kind == "skeleton" && item["members"].as_array().is_some_and(|m| m.iter().any(|m| m == symbol)) {
        return true;
    }
    let (start, end) = (item["start_line"].as_u64().unwrap_or(0), item["end_line"].as_u64().unwrap_or(0));
    match (kind, line) {
        ("body", Some(line)) => start <= line && line <= end,
        (_, Some(line)) => start == line,
        _ => false,
    }
}

fn describe_items(items: &[Value]) -> String {
    let lines: Vec<String> = items
        .iter()
        .map(|i| {
            format!(
                "{} {}:{}-{} {}",
                i["kind"].as_str().unwrap_or("?"),
                i["path"].as_str().unwrap_or("?"),
                i["start_line"],
                i["end_line"],
                i["symbol"].as_str().unwrap_or("-")
            )
        })
        .collect();
    if lines.is_empty() { "nothing".into() } else { lines.join("; ") }
}

fn check_hops(lang: &str) {
    let (dir, cases) = indexed_fixture("hops", lang);
    let mut outcomes = Vec::new();
    for case in &cases {
        let name = field(case, "name").to_string();
        let budget = case["budget"].as_u64().expect("budget").to_string();
        let out = ctx(dir.path(), &["pack", "--budget", &budget, "--format", "json", field(case, "task")]);
        let pack: Value = match serde_json::from_slice(&out.stdout) {
            Ok(pack) => pack,
            Err(e) => {
                outcomes.push((name, Some(format!("ctx pack gave no JSON ({e}): {}", text(&out.stderr)))));
                continue;
            }
        };
        let items = pack["items"].as_array().cloned().unwrap_or_default();
        let mut missing = Vec::new();
        for expect in case["expect"].as_array().expect("expect") {
            let (path, symbol) = (field(expect, "path"), field(expect, "symbol"));
            let line = definition_line(dir.path(), path, symbol);
            if line.is_none() {
                missing.push(format!("{path} {symbol} (the fixture defines no such symbol)"));
            } else if !items.iter().any(|item| shows(item, path, symbol, line)) {
                missing.push(format!("{path} {symbol} (line {})", line.unwrap_or(0)));
            }
        }
        let failure = (!missing.is_empty()).then(|| {
            format!(
                "[{} hop, budget {budget}] {:?} missed {}; the pack ({} tokens) had: {}",
                field(case, "hop"),
                field(case, "task"),
                missing.join(", "),
                pack["tokens"],
                describe_items(&items)
            )
        });
        outcomes.push((name, failure));
    }
    report("hops", lang, &cases, outcomes);
}

/// Whether a navigation hit is the entry: same path, and the same symbol and line where the entry gives them.
fn hit_matches(hit: &Value, entry: &Value) -> bool {
    hit["path"] == entry["path"]
        && entry.get("symbol").is_none_or(|s| hit["symbol"] == *s)
        && entry.get("line").is_none_or(|l| hit["line"] == *l)
}

fn describe_entry(entry: &Value) -> String {
    let mut out = field(entry, "path").to_string();
    if let Some(line) = entry.get("line") {
        out += &format!(":{line}");
    }
    if let Some(symbol) = entry.get("symbol").and_then(Value::as_str) {
        out += &format!(" {symbol}");
    }
    out
}

fn describe_hits(hits: &[Value]) -> String {
    let lines: Vec<String> = hits
        .iter()
        .map(|h| {
            format!(
                "{}:{} {} ({})",
                h["path"].as_str().unwrap_or("?"),
                h["line"],
                h["symbol"].as_str().unwrap_or("-"),
                h["resolution"].as_str().unwrap_or("?")
            )
        })
        .collect();
    if lines.is_empty() { "nothing".into() } else { lines.join("; ") }
}

fn check_resolution(lang: &str) {
    let (dir, cases) = indexed_fixture("resolution", lang);
    let mut outcomes = Vec::new();
    for case in &cases {
        let name = field(case, "name").to_string();
        let (command, symbol) = (field(case, "command"), field(case, "symbol"));
        assert!(matches!(command, "refs" | "callers" | "callees"), "{lang} {name}: unknown command {command:?}");
        let out = ctx(dir.path(), &[command, symbol, "--limit", "1000", "--format", "json"]);
        let hits: Vec<Value> = match serde_json::from_slice::<Value>(&out.stdout) {
            Ok(Value::Array(hits)) => hits,
            _ => {
                outcomes.push((name, Some(format!("ctx {command} {symbol} gave no JSON list: {}", text(&out.stderr)))));
                continue;
            }
        };
        let entries = |key: &str| case[key].as_array().cloned().unwrap_or_default();
        let missing: Vec<String> =
            entries("expect").iter().filter(|e| !hits.iter().any(|h| hit_matches(h, e))).map(describe_entry).collect();
        let wrong: Vec<String> =
            entries("forbid").iter().filter(|e| hits.iter().any(|h| hit_matches(h, e))).map(describe_entry).collect();
        let mut problems = Vec::new();
        if !missing.is_empty() {
            problems.push(format!("missing {}", missing.join(", ")));
        }
        if !wrong.is_empty() {
            problems.push(format!("wrongly linked {}", wrong.join(", ")));
        }
        let failure = (!problems.is_empty())
            .then(|| format!("`ctx {command} {symbol}`: {}; it returned: {}", problems.join("; "), describe_hits(&hits)));
        outcomes.push((name, failure));
    }
    report("resolution", lang, &cases, outcomes);
}

#[test]
fn every_graph_fixture_folder_has_tests() {
    for kind in ["hops", "resolution"] {
        let mut found: Vec<String> = std::fs::read_dir(testdata().join(kind))
            .expect("testdata folder")
            .flatten()
            .filter(|e| e.path().join("repo").is_dir())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        found.sort();
        let mut expected: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
        expected.sort();
        assert_eq!(found, expected, "testdata/{kind} and the tests of graph_fixtures.rs disagree on the languages");
    }
}

#[test]
fn hops_python() {
    check_hops("python");
}

#[test]
fn hops_rust() {
    check_hops("rust");
}

#[test]
fn hops_go() {
    check_hops("go");
}

#[test]
fn hops_typescript() {
    check_hops("typescript");
}

#[test]
fn hops_javascript() {
    check_hops("javascript");
}

#[test]
fn hops_java() {
    check_hops("java");
}

#[test]
fn resolution_python() {
    check_resolution("python");
}

#[test]
fn resolution_rust() {
    check_resolution("rust");
}

#[test]
fn resolution_go() {
    check_resolution("go");
}

#[test]
fn resolution_typescript() {
    check_resolution("typescript");
}

#[test]
fn resolution_javascript() {
    check_resolution("javascript");
}

#[test]
fn resolution_java() {
    check_resolution("java");
}

#[test]
fn hops_csharp() {
    check_hops("csharp");
}

#[test]
fn resolution_csharp() {
    check_resolution("csharp");
}

#[test]
fn hops_kotlin() {
    check_hops("kotlin");
}

#[test]
fn resolution_kotlin() {
    check_resolution("kotlin");
}

#[test]
fn hops_swift() {
    check_hops("swift");
}

#[test]
fn resolution_swift() {
    check_resolution("swift");
}

#[test]
fn hops_ruby() {
    check_hops("ruby");
}

#[test]
fn resolution_ruby() {
    check_resolution("ruby");
}

#[test]
fn hops_php() {
    check_hops("php");
}

#[test]
fn resolution_php() {
    check_resolution("php");
}

#[test]
fn hops_scala() {
    check_hops("scala");
}

#[test]
fn resolution_scala() {
    check_resolution("scala");
}

#[test]
fn hops_lua() {
    check_hops("lua");
}

#[test]
fn resolution_lua() {
    check_resolution("lua");
}

#[test]
fn hops_bash() {
    check_hops("bash");
}

#[test]
fn resolution_bash() {
    check_resolution("bash");
}

#[test]
fn hops_elixir() {
    check_hops("elixir");
}

#[test]
fn resolution_elixir() {
    check_resolution("elixir");
}

#[test]
fn hops_haskell() {
    check_hops("haskell");
}

#[test]
fn resolution_haskell() {
    check_resolution("haskell");
}

#[test]
fn hops_zig() {
    check_hops("zig");
}

#[test]
fn resolution_zig() {
    check_resolution("zig");
}

#[test]
fn hops_dart() {
    check_hops("dart");
}

#[test]
fn resolution_dart() {
    check_resolution("dart");
}

/// A pack mixes levels: a map of the files that matter, bodies, and for a
/// class the walk reached, a skeleton naming its members (the base class's
/// loop behind an override) with a handle whose expansion shows the body.
#[test]
fn a_pack_mixes_map_bodies_and_skeletons() {
    let (dir, _) = indexed_fixture("hops", "python");
    let task = "Semicolon-delimited CSV files show the line of column names several times in a long file";
    let out = ctx(dir.path(), &["pack", "--budget", "4000", "--tokenizer", "cl100k", "--format", "json", task]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pack: Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = pack["items"].as_array().expect("items");
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap_or_default()).collect();
    assert!(pack["tokens"].as_u64().expect("tokens") <= 4000);

    // The map comes first, and names the file holding the task's words.
    let map: Vec<&Value> = items.iter().filter(|i| i["kind"] == "map").collect();
    assert!(!map.is_empty() && kinds[0] == "map", "{kinds:?}");
    assert!(map.iter().any(|m| m["path"] == "exporters/csv_export.py"), "{map:?}");
    let markdown = pack["markdown"].as_str().expect("markdown");
    assert!(markdown.find("## Map").expect("map heading") < markdown.find("```").expect("a body"), "{markdown}");
    assert!(kinds.contains(&"body"), "{kinds:?}");

    // At a small budget the base class is a skeleton listing the inherited
    // loop, bodies elided, and there is no map.
    let out = ctx(dir.path(), &["pack", "--budget", "800", "--format", "json", task]);
    let pack: Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = pack["items"].as_array().expect("items");
    let markdown = pack["markdown"].as_str().expect("markdown");
    assert!(items.iter().all(|i| i["kind"] != "map"), "{}", describe_items(items));
    let skeleton = items
        .iter()
        .find(|i| i["kind"] == "skeleton" && i["symbol"] == "BaseExporter")
        .unwrap_or_else(|| panic!("no skeleton of BaseExporter: {}", describe_items(items)));
    let members: Vec<&str> = skeleton["members"].as_array().expect("members").iter().filter_map(Value::as_str).collect();
    assert!(members.contains(&"BaseExporter.write"), "{members:?}");
    assert!(markdown.contains("  - L16 `def write(self, rows)` …"), "{markdown}");
    let handle = skeleton["handle"].as_str().expect("handle");
    let expanded = ctx(dir.path(), &["expand", handle, "--format", "json"]);
    let expanded: Value = serde_json::from_slice(&expanded.stdout).expect("expand json");
    assert!(expanded["markdown"].as_str().expect("markdown").contains("for start in range(0, len(rows), self.batch_size)"));
}

//! End-to-end tests of the `ctx` binary: index a fixture copy, pack, search,
//! and the errors a user meets (no index, bad budget, unknown tokenizer).

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Output};

/// A model store that does not exist: the tests never use a model the
/// machine happens to have (the semantic layer is tested with the hash
/// embedder in `tests/semantic.rs`).
fn no_models() -> std::path::PathBuf {
    std::env::temp_dir().join("ctx-tests-no-model-store")
}

fn ctx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctx"))
        .args(args)
        .env("CTX_MODEL_DIR", no_models())
        .current_dir(dir)
        .output()
        .expect("ctx runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn index_then_pack_finds_the_named_function() {
    let repo = fixture_copy("python");
    let index = ctx(repo.path(), &["index", "."]);
    assert!(index.status.success(), "{}", stderr(&index));
    assert!(String::from_utf8_lossy(&index.stdout).contains("indexed 2 files"));

    let pack = ctx(repo.path(), &["pack", "--budget", "200", "--tokenizer", "cl100k", "--format", "json", "apply_discount gives the wrong amount"]);
    assert!(pack.status.success(), "{}", stderr(&pack));
    let json: serde_json::Value = serde_json::from_slice(&pack.stdout).expect("json");
    assert_eq!(json["budget"], 200);
    assert_eq!(json["tokenizer"], "cl100k_base");
    assert!(json["tokens"].as_u64().expect("tokens") <= 200);
    let items = json["items"].as_array().expect("items");
    assert_eq!(items[0]["path"], "shop/pricing.py");
    assert_eq!(items[0]["symbol"], "apply_discount");
    assert_eq!(items[0]["kind"], "body");
    assert_eq!((items[0]["start_line"].as_u64(), items[0]["end_line"].as_u64()), (Some(1), Some(3)));
}

#[test]
fn pack_is_found_from_a_subdirectory() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let pack = ctx(&repo.path().join("shop"), &["pack", "Cart total"]);
    assert!(pack.status.success(), "{}", stderr(&pack));
    assert!(String::from_utf8_lossy(&pack.stdout).contains("## shop/cart.py"));
}

#[test]
fn errors_are_one_line_with_exit_code_two() {
    let empty = tempfile::tempdir().expect("tempdir");
    let no_index = ctx(empty.path(), &["pack", "anything"]);
    assert_eq!(no_index.status.code(), Some(2));
    assert!(stderr(&no_index).contains("no ctx index"), "{}", stderr(&no_index));
    assert_eq!(stderr(&no_index).trim().lines().count(), 1);

    let bad_budget = ctx(empty.path(), &["pack", "--budget", "lots", "x"]);
    assert_eq!(bad_budget.status.code(), Some(2));
    assert!(stderr(&bad_budget).contains("invalid budget"));

    let bad_tokenizer = ctx(empty.path(), &["pack", "--tokenizer", "gpt2", "x"]);
    assert_eq!(bad_tokenizer.status.code(), Some(2));
    assert!(stderr(&bad_tokenizer).contains("unknown tokenizer"));

    let bad_root = ctx(empty.path(), &["index", "does/not/exist"]);
    assert_eq!(bad_root.status.code(), Some(2));
    assert!(stderr(&bad_root).contains("cannot index"));
}

#[test]
fn tiny_budget_gives_a_valid_nearly_empty_pack() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let pack = ctx(repo.path(), &["pack", "--budget", "20", "--format", "json", "Cart total"]);
    let json: serde_json::Value = serde_json::from_slice(&pack.stdout).expect("json");
    assert!(json["tokens"].as_u64().expect("tokens") <= 20);
    assert!(json["note"].as_str().is_some_and(|n| n.contains("Nothing fits")), "{json}");
    assert_eq!(pack.status.code(), Some(1));
}

#[test]
fn an_index_of_another_format_version_is_reported_not_read() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let manifest = repo.path().join(".ctx/manifest.json");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let changed = text.replace(&format!("\"format_version\": {}", ctx_indexer::store::FORMAT_VERSION), "\"format_version\": 999");
    assert_ne!(changed, text, "the manifest names its format version");
    std::fs::write(&manifest, changed).expect("write");
    let pack = ctx(repo.path(), &["pack", "Cart"]);
    assert!(!pack.status.success());
    assert!(stderr(&pack).contains("format version 999"), "{}", stderr(&pack));
    // Rebuilding fixes it.
    assert!(ctx(repo.path(), &["index"]).status.success());
    assert!(ctx(repo.path(), &["pack", "Cart"]).status.success());
}

#[test]
fn a_corrupt_tables_file_is_detected() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let generation = std::fs::read_dir(repo.path().join(".ctx"))
        .expect("ls")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .expect("a generation");
    let tables = generation.path().join("tables.bin");
    let mut bytes = std::fs::read(&tables).expect("tables");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&tables, bytes).expect("write");
    let pack = ctx(repo.path(), &["pack", "Cart"]);
    assert!(!pack.status.success());
    assert!(stderr(&pack).contains("corrupt"), "{}", stderr(&pack));
}

#[test]
fn tokens_counts_files_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "hello world").expect("write");
    let out = ctx(dir.path(), &["tokens", "--tokenizer", "cl100k", "a.txt"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2\ta.txt");
}

#[test]
fn status_reports_changes_since_indexing() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let fresh = ctx(repo.path(), &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&fresh.stdout).expect("json");
    assert_eq!((json["files"].as_u64(), json["changed"].as_u64(), json["added"].as_u64()), (Some(2), Some(0), Some(0)));
    assert!(json["bytes_on_disk"].as_u64().unwrap_or(0) > 0);

    std::fs::write(repo.path().join("shop/pricing.py"), "def apply_discount(amount):\n    return amount\n").expect("edit");
    std::fs::write(repo.path().join("shop/new.py"), "def fresh(): pass\n").expect("add");
    std::fs::remove_file(repo.path().join("shop/cart.py")).expect("delete");
    let stale = ctx(repo.path(), &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&stale.stdout).expect("json");
    assert_eq!((json["changed"].as_u64(), json["added"].as_u64(), json["deleted"].as_u64()), (Some(1), Some(1), Some(1)));

    // A pack over a changed file says so when asked not to refresh...
    let pack = ctx(repo.path(), &["pack", "--no-refresh", "--format", "json", "apply_discount"]);
    let json: serde_json::Value = serde_json::from_slice(&pack.stdout).expect("json");
    assert_eq!(json["stale_files"], 1, "{json}");
    // ...and by default refreshes first, so it sees the new code.
    let pack = ctx(repo.path(), &["pack", "--format", "json", "fresh function"]);
    let json: serde_json::Value = serde_json::from_slice(&pack.stdout).expect("json");
    assert_eq!(json["stale_files"], 0, "{json}");
    assert_eq!(json["generation"], 2, "{json}");
    assert!(json["items"].as_array().expect("items").iter().any(|i| i["path"] == "shop/new.py"), "{json}");
}

#[test]
fn watch_refreshes_after_a_change() {
    use std::io::{BufRead, BufReader};
    let repo = fixture_copy("python");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctx"))
        .args(["watch", "."])
        .current_dir(repo.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let (lines, incoming) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let wait_for = |needle: &str| loop {
        match incoming.recv_timeout(std::time::Duration::from_secs(30)) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => continue,
            Err(e) => panic!("no line with {needle:?}: {e}"),
        }
    };
    wait_for("generation 1");
    wait_for("watching");
    std::fs::write(repo.path().join("shop/extra.py"), "def watched(): pass\n").expect("write");
    let line = wait_for("generation 2");
    assert!(line.contains("parsed 1"), "{line}");
    let _ = child.kill();
    let _ = child.wait();
    let symbols = ctx(repo.path(), &["symbols", "watched"]);
    assert!(String::from_utf8_lossy(&symbols.stdout).contains("shop/extra.py"));
}

#[test]
fn a_generated_go_file_is_counted_and_keeps_its_definitions_but_not_its_calls() {
    let repo = fixture_copy("go");
    let index = ctx(repo.path(), &["index", "--format", "json"]);
    assert!(index.status.success(), "{}", stderr(&index));
    let report: serde_json::Value = serde_json::from_slice(&index.stdout).expect("json");
    assert_eq!(report["generated"], 1, "shop/kind_string.go carries the marker: {report}");
    let status = ctx(repo.path(), &["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!(status["generated"], 1, "{status}");

    let symbols = ctx(repo.path(), &["symbols", "_Kind_index", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_slice(&symbols.stdout).expect("json");
    assert!(hits.as_array().expect("array").iter().any(|h| h["path"] == "shop/kind_string.go"), "{hits}");
    // Its String method calls strconv.FormatInt and len inside its body, which is not parsed.
    let callees = ctx(repo.path(), &["callees", "String", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_slice(&callees.stdout).expect("json");
    assert_eq!(hits.as_array().map(Vec::len), Some(0), "{hits}");
    assert_eq!(callees.status.code(), Some(1), "no hits: {}", stderr(&callees));
}

#[test]
fn callers_callees_and_refs_follow_imports() {
    let repo = fixture_copy("go");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let callers = ctx(repo.path(), &["callers", "ApplyDiscount", "--format", "json"]);
    assert!(callers.status.success(), "{}", stderr(&callers));
    let hits: serde_json::Value = serde_json::from_slice(&callers.stdout).expect("json");
    let hits = hits.as_array().expect("array");
    assert!(
        hits.iter().any(|h| h["path"] == "shop/cart.go" && h["symbol"] == "Total" && h["resolution"] == "import"),
        "{hits:?}"
    );

    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let callees = ctx(repo.path(), &["callees", "load_cart", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_slice(&callees.stdout).expect("json");
    let called: Vec<&str> = hits.as_array().expect("array").iter().filter_map(|h| h["symbol"].as_str()).collect();
    assert!(called.contains(&"load_cart.parse_line") && called.contains(&"Cart") && called.contains(&"Cart.add"), "{called:?}");

    let refs = ctx(repo.path(), &["refs", "CartError", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_slice(&refs.stdout).expect("json");
    assert!(hits.as_array().expect("array").iter().any(|h| h["symbol"] == "Cart.add" && h["resolution"] == "same-file"), "{hits}");

    let missing = ctx(repo.path(), &["callers", "no_such_thing"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no definition named"));
}

#[test]
fn staged_packs_expand_and_sessions_never_repeat_a_line() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let first = ctx(repo.path(), &["pack", "--budget", "220", "--format", "json", "--session", "s1", "Cart total discount load_cart"]);
    let first: serde_json::Value = serde_json::from_slice(&first.stdout).expect("json");
    assert!(first["tokens"].as_u64().expect("tokens") <= 220);
    let items = first["items"].as_array().expect("items");
    let signatures: Vec<&serde_json::Value> = items.iter().filter(|i| i["kind"] == "signature").collect();
    assert!(!signatures.is_empty(), "a small budget shows further candidates as signatures: {first}");
    assert!(first["markdown"].as_str().expect("md").contains("ctx expand"));
    let handle = signatures[0]["handle"].as_str().expect("handle").to_string();

    // Expanding a signature shows its body.
    let expanded = ctx(repo.path(), &["expand", &handle, "--format", "json", "--session", "s1"]);
    assert!(expanded.status.success(), "{}", stderr(&expanded));
    let expanded: serde_json::Value = serde_json::from_slice(&expanded.stdout).expect("json");
    let body = &expanded["items"][0];
    assert_eq!(body["kind"], "body");
    // The body holds the signature's lines (a signature may name a method of the class its chunk holds).
    assert_eq!(&body["path"], &signatures[0]["path"]);
    let (from, to) = (signatures[0]["start_line"].as_u64().expect("start"), signatures[0]["end_line"].as_u64().expect("end"));
    assert!(body["start_line"].as_u64() <= Some(from) && body["end_line"].as_u64() >= Some(to), "{body} does not hold {}", signatures[0]);

    // A second stage of the session never repeats a line of the first two.
    let second = ctx(repo.path(), &["pack", "--budget", "8k", "--format", "json", "--session", "s1", "Cart total discount load_cart"]);
    let second: serde_json::Value = serde_json::from_slice(&second.stdout).expect("json");
    let lines = |v: &serde_json::Value| -> Vec<(String, u64)> {
        v["items"].as_array().expect("items").iter().filter(|i| i["kind"] == "body").flat_map(|i| {
            let path = i["path"].as_str().unwrap_or_default().to_string();
            (i["start_line"].as_u64().unwrap_or(0)..=i["end_line"].as_u64().unwrap_or(0)).map(move |l| (path.clone(), l))
        }).collect()
    };
    let before: std::collections::HashSet<(String, u64)> = lines(&first).into_iter().chain(lines(&expanded)).collect();
    for line in lines(&second) {
        assert!(!before.contains(&line), "{line:?} shown again");
    }

    // After the index changes, the old handle is stale and says so.
    std::fs::write(repo.path().join("shop/more.py"), "def more(): pass\n").expect("write");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let stale = ctx(repo.path(), &["expand", &handle]);
    assert_eq!(stale.status.code(), Some(2));
    assert!(stderr(&stale).contains("generation"), "{}", stderr(&stale));
}

#[test]
fn search_and_symbols_answer_in_json() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let search = ctx(repo.path(), &["search", "discount", "--limit", "2", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&search.stdout).expect("json");
    assert_eq!((json["generation"].as_u64(), json["stale_files"].as_u64()), (Some(1), Some(0)), "{json}");
    let hits = json["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 2);
    assert_eq!(hits[0]["path"], "shop/pricing.py");
    let symbols = ctx(repo.path(), &["symbols", "Cart.", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&symbols.stdout).expect("json");
    let names: Vec<&str> = json.as_array().expect("array").iter().filter_map(|s| s["qualified_name"].as_str()).collect();
    assert!(names.contains(&"Cart.add") && names.contains(&"Cart.total"), "{names:?}");
}

#[test]
fn map_lists_files_with_signatures_within_budget() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let map = ctx(repo.path(), &["map", "--budget", "300", "--format", "json"]);
    assert!(map.status.success(), "{}", stderr(&map));
    let json: serde_json::Value = serde_json::from_slice(&map.stdout).expect("json");
    assert!(json["tokens"].as_u64().expect("tokens") <= 300);
    let markdown = json["markdown"].as_str().expect("markdown");
    assert!(markdown.contains("## shop/cart.py") && markdown.contains("def add(self, sku, price, qty=1)"), "{markdown}");
    assert!(json["items"].as_array().expect("items").iter().all(|i| i["kind"] == "map"));
    let only = ctx(repo.path(), &["map", "shop/pricing.py"]);
    let text = String::from_utf8_lossy(&only.stdout);
    assert!(text.contains("## shop/pricing.py") && !text.contains("## shop/cart.py"), "{text}");
    let tiny = ctx(repo.path(), &["map", "--budget", "10", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&tiny.stdout).expect("json");
    assert!(json["tokens"].as_u64().expect("tokens") <= 10);
}

#[test]
fn refreshes_keep_the_size_cap_the_index_was_built_with() {
    let repo = fixture_copy("python");
    // cart.py is over 500 bytes, pricing.py under.
    let index = ctx(repo.path(), &["index", "--max-file-size", "500", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&index.stdout).expect("json");
    assert_eq!(json["files"], 1, "{json}");
    let status = ctx(repo.path(), &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!((json["changed"].as_u64(), json["added"].as_u64(), json["deleted"].as_u64()), (Some(0), Some(0), Some(0)), "{json}");
    let again = ctx(repo.path(), &["index", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
    assert_eq!((json["files"].as_u64(), json["up_to_date"].as_bool()), (Some(1), Some(true)), "{json}");
    let wider = ctx(repo.path(), &["index", "--max-file-size", "100000", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&wider.stdout).expect("json");
    assert_eq!(json["files"], 2, "{json}");
}

#[test]
fn every_command_shows_an_example_and_has_json_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let top = ctx(dir.path(), &["--help"]);
    assert!(String::from_utf8_lossy(&top.stdout).contains("Example:"));
    for command in ["index", "watch", "status", "pack", "expand", "search", "symbols", "map", "refs", "callers", "callees", "tokens", "mcp"] {
        let help = ctx(dir.path(), &[command, "--help"]);
        assert!(help.status.success(), "{command}: {}", stderr(&help));
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(text.contains("Example:\n  ctx "), "{command} --help shows no example:\n{text}");
        if command != "mcp" {
            assert!(text.contains("--format <FORMAT>"), "{command} has no --format:\n{text}");
        }
        assert!(text.contains("--quiet"), "{command} has no --quiet:\n{text}");
    }
    let model = ctx(dir.path(), &["model", "--help"]);
    assert!(String::from_utf8_lossy(&model.stdout).contains("Example:\n  ctx model"));
    for sub in ["fetch", "list"] {
        let help = ctx(dir.path(), &["model", sub, "--help"]);
        assert!(String::from_utf8_lossy(&help.stdout).contains("--format <FORMAT>"), "model {sub} has no --format");
    }
}

#[test]
fn quiet_silences_notes_and_progress_but_not_errors() {
    let repo = fixture_copy("python");
    // Not a terminal: no progress on stderr even without --quiet.
    let index = ctx(repo.path(), &["index"]);
    // The only note: how to add the semantic layer (no model in the test's store).
    assert!(index.status.success() && stderr(&index).lines().all(|l| l.contains("ctx model fetch")), "{}", stderr(&index));
    let noisy = ctx(repo.path(), &["pack", "--budget", "20", "Cart total"]);
    assert!(stderr(&noisy).contains("Nothing fits"), "{}", stderr(&noisy));
    // An empty answer still says why under --quiet: the reason is all that exit status 1 has.
    let quiet = ctx(repo.path(), &["--quiet", "pack", "--budget", "20", "Cart total"]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(stderr(&quiet).contains("Nothing fits") && stderr(&quiet).trim().lines().count() == 1, "{}", stderr(&quiet));
    // A pack with items keeps its notes to itself under --quiet.
    let quiet = ctx(repo.path(), &["--quiet", "pack", "--budget", "2k", "Cart total"]);
    assert_eq!((quiet.status.code(), stderr(&quiet).as_str()), (Some(0), ""));
    let error = ctx(repo.path(), &["-q", "tokens", "missing.py"]);
    assert_eq!(error.status.code(), Some(2));
    assert!(stderr(&error).contains("missing.py") && stderr(&error).trim().lines().count() == 1, "{}", stderr(&error));
}

#[test]
fn without_a_model_indexing_works_and_says_how_to_add_the_semantic_layer() {
    let repo = fixture_copy("python");
    let index = ctx(repo.path(), &["index", "."]);
    assert!(index.status.success(), "{}", stderr(&index));
    assert!(stderr(&index).contains("ctx model fetch"), "{}", stderr(&index));
    let status = ctx(repo.path(), &["status"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("semantic layer: off"));
    let json = ctx(repo.path(), &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(json["semantic"], serde_json::Value::Null);
    for args in [&["pack", "--no-semantic", "Cart total"][..], &["search", "--no-semantic", "Cart total"], &["pack", "Cart total"]] {
        let out = ctx(repo.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }

    let list = ctx(repo.path(), &["model", "list"]);
    assert!(list.status.success());
    assert!(list.stdout.is_empty());
    assert!(stderr(&list).contains("ctx model fetch"), "{}", stderr(&list));
    let missing = ctx(repo.path(), &["model", "fetch", "--from", "no-such-model"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("no-such-model"), "{}", stderr(&missing));
    let forced = ctx(repo.path(), &["index", "--model", "potion-base-8M"]);
    assert!(!forced.status.success());
    assert!(stderr(&forced).contains("ctx model fetch"), "{}", stderr(&forced));
    // The BERT model is listed as fetchable, and needs the `bert` feature this build lacks.
    assert!(stderr(&list).contains("all-MiniLM-L6-v2"), "{}", stderr(&list));
    let bert = ctx(repo.path(), &["model", "fetch", "all-MiniLM-L6-v2"]);
    assert_eq!(bert.status.code(), Some(2), "{}", stderr(&bert));
    assert!(stderr(&bert).contains("`bert` feature"), "{}", stderr(&bert));
    let unknown = ctx(repo.path(), &["model", "fetch", "no-such-model"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("potion-base-8M"), "{}", stderr(&unknown));
}

#[test]
fn a_bert_model_without_the_feature_is_refused_naming_it() {
    let repo = fixture_copy("python");
    let store = tempfile::tempdir().expect("tempdir");
    let folder = store.path().join("some-bert");
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::write(folder.join("config.json"), r#"{"model_type": "bert", "hidden_size": 8}"#).expect("write");
    std::fs::write(folder.join("model.safetensors"), b"weights").expect("write");
    std::fs::write(folder.join("tokenizer.json"), b"{}").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_ctx"))
        .args(["index", "--model", "some-bert"])
        .env("CTX_MODEL_DIR", store.path())
        .current_dir(repo.path())
        .output()
        .expect("ctx runs");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("without the `bert` feature"), "{}", stderr(&out));
}

#[test]
fn an_index_of_no_files_exits_one_and_says_why_even_when_quiet() {
    // A folder made of links into a sibling, as RxSwift's Sources/RxSwift is.
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real");
    let links = dir.path().join("links");
    std::fs::create_dir_all(&real).expect("mkdir");
    std::fs::create_dir_all(&links).expect("mkdir");
    for name in ["a.py", "b.py", "c.py"] {
        std::fs::write(real.join(name), "def f():\n    return 1\n").expect("write");
        std::os::unix::fs::symlink(Path::new("../real").join(name), links.join(name)).expect("symlink");
    }
    let index = ctx(&links, &["index", "-q", "."]);
    assert_eq!(index.status.code(), Some(1), "{}", stderr(&index));
    let error = stderr(&index);
    assert!(error.contains("no source files") && error.contains("3 symbolic links") && error.trim().lines().count() == 1, "{error}");
    // --quiet prints no lists: not the skipped links.
    assert!(!String::from_utf8_lossy(&index.stdout).contains("skipped a.py"), "{}", String::from_utf8_lossy(&index.stdout));
    // Outside a repository the root bounds the links: they lead out of it, and stay unread.
    let outside = ctx(&links, &["index", "--follow-symlinks", "--format", "json", "."]);
    assert_eq!(outside.status.code(), Some(1), "{}", stderr(&outside));
    let json: serde_json::Value = serde_json::from_slice(&outside.stdout).expect("json");
    assert_eq!(json["links_skipped"]["outside"], 3, "{json}");
    // Inside a git work tree that holds their targets, they are followed, and the index keeps the setting.
    std::fs::create_dir_all(dir.path().join(".git")).expect("a work tree");
    let index = ctx(&links, &["index", "--follow-symlinks", "."]);
    assert!(index.status.success(), "{}", stderr(&index));
    let status = ctx(&links, &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!((json["files"].as_u64(), json["follow_symlinks"].as_str(), json["added"].as_u64()), (Some(3), Some("repository"), Some(0)), "{json}");
    let symbols = ctx(&links, &["symbols", "f"]);
    assert!(String::from_utf8_lossy(&symbols.stdout).contains("a.py"), "{}", String::from_utf8_lossy(&symbols.stdout));
}

#[test]
fn empty_answers_say_why() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index", "."]).status.success());
    for (args, why) in [
        (&["-q", "search", "zzqqxx"][..], "no indexed chunk matches"),
        (&["-q", "symbols", "zzqqxx"], "no definition is named or starts with"),
    ] {
        let out = ctx(repo.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(why) && stderr(&out).trim().lines().count() == 1, "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn status_and_index_count_files_and_symbols_per_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.py"), "def f():\n    return 1\n\n\ndef g():\n    return 2\n").expect("write");
    std::fs::write(dir.path().join("b.py"), "class C:\n    pass\n").expect("write");
    std::fs::write(dir.path().join("main.zig"), "pub fn main() void {}\n").expect("write");
    std::fs::write(dir.path().join("notes.md"), "# Notes\n").expect("write");
    let index = ctx(dir.path(), &["index", "."]);
    assert!(index.status.success(), "{}", stderr(&index));
    let printed = String::from_utf8_lossy(&index.stdout);
    assert!(printed.contains("languages: python 2 files, 3 symbols;"), "{printed}");
    let status = ctx(dir.path(), &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    let languages = json["languages"].as_array().expect("languages");
    let of = |name: &str| languages.iter().find(|l| l["language"] == name).cloned().unwrap_or_else(|| panic!("no {name} in {languages:?}"));
    assert_eq!((of("python")["files"].as_u64(), of("python")["symbols"].as_u64(), of("python")["text_only"].as_bool()), (Some(2), Some(3), Some(false)));
    assert_eq!((of("zig")["files"].as_u64(), of("zig")["text_only"].as_bool()), (Some(1), Some(false)));
    assert_eq!((of("text")["files"].as_u64(), of("text")["text_only"].as_bool()), (Some(1), Some(true)));
    assert_eq!(languages[0]["language"], "python", "most files first");
}

#[test]
fn a_pack_right_after_an_edit_shows_the_edited_lines() {
    let repo = fixture_copy("python");
    assert!(ctx(repo.path(), &["index", "-q", "."]).status.success());
    let pricing = repo.path().join("shop/pricing.py");
    let mut text = std::fs::read_to_string(&pricing).expect("read");
    text.push_str("\n\ndef zanzibar_surcharge(amount):\n    return amount * 1.07  # the edited line\n");
    std::fs::write(&pricing, text).expect("write");
    // No `ctx index` in between: the pack refreshes what changed and shows it.
    let out = ctx(repo.path(), &["pack", "--format", "json", "--session", "edit-1", "zanzibar surcharge"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pack: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(pack["markdown"].as_str().expect("markdown").contains("return amount * 1.07  # the edited line"), "{pack}");
    assert_eq!(pack["stale_files"], 0);
    // The session recorded the pack that was shown, so the same lines do not come again.
    let again = ctx(repo.path(), &["pack", "--format", "json", "--session", "edit-1", "zanzibar surcharge"]);
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
    assert!(!again["markdown"].as_str().unwrap_or_default().contains("# the edited line"), "{again}");
}

#[test]
fn a_memory_budget_is_taken_from_the_flag_or_the_configuration() {
    let repo = fixture_copy("python");
    let small = ctx(repo.path(), &["index", "--memory", "64M", "."]);
    assert!(small.status.success(), "{}", stderr(&small));
    let bad = ctx(repo.path(), &["index", "--memory", "lots", "."]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    std::fs::write(repo.path().join("ctx.toml"), "[index]\nmemory = \"128M\"\n").expect("write");
    assert!(ctx(repo.path(), &["index", "--full", "."]).status.success());
    std::fs::write(repo.path().join("ctx.toml"), "[index]\nmemory = \"much\"\n").expect("write");
    let bad = ctx(repo.path(), &["index", "."]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("ctx.toml:2") && stderr(&bad).contains("invalid size"), "{}", stderr(&bad));
}

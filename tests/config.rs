//! The repository configuration through the CLI: `[index]` ignore patterns,
//! languages and size cap applied by indexing (and picked up by the next
//! refresh when they change), `[pack]` defaults that flags override,
//! `.ctx/config.toml` over `ctx.toml`, and one-line errors with file and line.

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn ctx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctx")).args(args).current_dir(dir).output().expect("ctx runs")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let output = ctx(dir, args);
    // `symbols` exits 1 when it finds nothing, with an empty list.
    assert!(output.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("json")
}

/// Which of `names` are indexed definitions, and how many files the index holds.
fn indexed(dir: &Path, names: &[&str]) -> (Vec<String>, u64) {
    let found = names
        .iter()
        .filter(|name| !json(dir, &["symbols", "--format", "json", name]).as_array().expect("hits").is_empty())
        .map(|name| name.to_string())
        .collect();
    let status = json(dir, &["status", "--format", "json"]);
    (found, status["files"].as_u64().expect("files"))
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn ignore_patterns_and_languages_are_applied_and_picked_up_by_the_next_refresh() {
    let repo = fixture_copy("python");
    write(repo.path(), "gen/schema.py", "def generated_schema():\n    import os\n");
    write(repo.path(), "web/app.js", "function render() { import('x'); }\n");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let names = ["generated_schema", "apply_discount", "render"];
    assert_eq!(indexed(repo.path(), &names), (vec!["generated_schema".into(), "apply_discount".into(), "render".into()], 4));

    // A new pattern: status counts the excluded file as gone, the refresh removes it.
    write(repo.path(), "ctx.toml", "[index]\nignore = [\"gen/\"]\n");
    let status = json(repo.path(), &["status", "--format", "json"]);
    assert_eq!(status["deleted"], 1, "{status}");
    let report = json(repo.path(), &["index", "--format", "json"]);
    assert_eq!(report["deleted"], 1, "{report}");
    assert_eq!(indexed(repo.path(), &names), (vec!["apply_discount".into(), "render".into()], 4));

    // Only Python: the JavaScript file goes, and ctx.toml (text) is not indexed.
    write(repo.path(), "ctx.toml", "[index]\nignore = [\"gen/\"]\nlanguages = [\"python\"]\n");
    assert!(ctx(repo.path(), &["index"]).status.success());
    assert_eq!(indexed(repo.path(), &names), (vec!["apply_discount".into()], 2));
    let status = json(repo.path(), &["status", "--format", "json"]);
    assert_eq!((status["changed"].as_u64(), status["added"].as_u64(), status["deleted"].as_u64()), (Some(0), Some(0), Some(0)), "{status}");

    // Dropping the settings brings the files back.
    std::fs::remove_file(repo.path().join("ctx.toml")).expect("remove");
    let report = json(repo.path(), &["index", "--format", "json"]);
    assert_eq!(report["parsed"], 2, "{report}");
    assert_eq!(indexed(repo.path(), &names), (vec!["generated_schema".into(), "apply_discount".into(), "render".into()], 4));
}

#[test]
fn the_size_cap_comes_from_the_flag_then_the_configuration() {
    let repo = fixture_copy("python");
    write(repo.path(), "ctx.toml", "[index]\nmax_file_size = 500\nlanguages = [\"python\"]\n");
    let report = json(repo.path(), &["index", "--format", "json"]);
    let skipped: Vec<&str> = report["skipped"].as_array().expect("skipped").iter().map(|s| s["path"].as_str().expect("path")).collect();
    assert_eq!(skipped, ["shop/cart.py"], "{report}");
    let report = json(repo.path(), &["index", "--max-file-size", "100000", "--format", "json"]);
    assert_eq!((report["files"].as_u64(), report["skipped"].as_array().map(Vec::len)), (Some(2), Some(0)), "{report}");
}

#[test]
fn pack_defaults_come_from_the_configuration_and_flags_override_them() {
    let repo = fixture_copy("python");
    write(repo.path(), "ctx.toml", "[pack]\nbudget = \"1k\"\ntokenizer = \"o200k\"\n");
    write(repo.path(), ".ctx/config.toml", "[pack]\ntokenizer = \"cl100k\"\n");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let pack = json(repo.path(), &["pack", "--format", "json", "apply_discount"]);
    assert_eq!((pack["budget"].as_u64(), pack["tokenizer"].as_str()), (Some(1000), Some("cl100k_base")), "the local file wins per key");
    let pack = json(repo.path(), &["pack", "--format", "json", "--budget", "300", "--tokenizer", "o200k", "apply_discount"]);
    assert_eq!((pack["budget"].as_u64(), pack["tokenizer"].as_str()), (Some(300), Some("o200k_base")));
    let map = json(repo.path(), &["map", "--format", "json"]);
    assert_eq!(map["budget"], 1000);
    let tokens = json(&repo.path().join("shop"), &["tokens", "--format", "json", "pricing.py"]);
    assert_eq!(tokens["tokenizer"], "cl100k_base");
}

#[test]
fn a_malformed_configuration_is_one_line_with_file_and_line() {
    let repo = fixture_copy("python");
    for (text, expected) in [
        ("[index]\nignored = [\"x\"]\n", "ctx.toml:2: unknown field `ignored`"),
        ("[index]\nlanguages = [\"python\", \"cobol\"]\n", "ctx.toml:2: unknown language \"cobol\""),
        ("[pack]\n\ntokenizer = \"gpt2\"\n", "ctx.toml:3: unknown tokenizer \"gpt2\""),
        ("[pack\n", "ctx.toml:1:"),
    ] {
        write(repo.path(), "ctx.toml", text);
        let index = ctx(repo.path(), &["index"]);
        let stderr = String::from_utf8_lossy(&index.stderr);
        assert_eq!(index.status.code(), Some(2), "{text}: {stderr}");
        assert!(stderr.contains(expected), "{text}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    }
    // With an index built before the mistake, commands that read the defaults report it too.
    std::fs::remove_file(repo.path().join("ctx.toml")).expect("remove");
    assert!(ctx(repo.path(), &["index"]).status.success());
    write(repo.path(), ".ctx/config.toml", "[pack]\nbudget = 0\n");
    let pack = ctx(repo.path(), &["pack", "--no-refresh", "apply_discount"]);
    let stderr = String::from_utf8_lossy(&pack.stderr);
    assert_eq!(pack.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(".ctx/config.toml:2: invalid budget 0"), "{stderr}");
}

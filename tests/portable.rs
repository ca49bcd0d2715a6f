//! A portable index: `ctx index --export FILE` in one checkout, `ctx index
//! --import FILE` in another of the same repository; the first refresh after
//! the import parses nothing that did not change, and bad files (not an
//! export, truncated, a flipped bit, another repository's) are refused in
//! one line with nothing installed.

mod common;
use common::fixture_copy;

use std::path::Path;
use std::process::{Command, Output};

fn ctx(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctx")).args(args).current_dir(dir).env("CTX_MODEL_DIR", dir.join(".no-models")).output().expect("ctx runs")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("json")
}

#[test]
fn an_exported_index_round_trips_into_another_checkout() {
    let built = fixture_copy("python");
    let scratch = tempfile::tempdir().expect("tempdir");
    let file = scratch.path().join("index.ctx");
    assert!(ctx(built.path(), &["index", "-q", "."]).status.success());
    let exported = json(&ctx(built.path(), &["index", "--export", file.to_str().expect("utf-8"), "--format", "json", "."]));
    assert_eq!(exported["action"], "exported");

    // Another checkout: the same files, written at other times.
    let laptop = fixture_copy("python");
    let imported = json(&ctx(laptop.path(), &["index", "--import", file.to_str().expect("utf-8"), "--format", "json", "."]));
    assert_eq!((imported["action"].as_str(), imported["files"].as_u64()), (Some("imported"), exported["files"].as_u64()));
    let pack = json(&ctx(laptop.path(), &["pack", "--no-refresh", "--format", "json", "--budget", "2k", "apply_discount"]));
    assert!(pack["items"].as_array().is_some_and(|i| !i.is_empty()), "{pack}");
    // The refresh after it reads the files to compare them and parses none of them.
    let refresh = json(&ctx(laptop.path(), &["index", "--format", "json", "."]));
    assert_eq!((refresh["parsed"].as_u64(), refresh["deleted"].as_u64()), (Some(0), Some(0)), "{refresh}");
    // A changed file is what the next refresh parses.
    std::fs::write(laptop.path().join("shop/pricing.py"), "def apply_discount(amount, rate=0.2):\n    return amount * (1 - rate)\n").expect("write");
    let refresh = json(&ctx(laptop.path(), &["index", "--format", "json", "."]));
    assert_eq!(refresh["parsed"].as_u64(), Some(1), "{refresh}");
}

#[test]
fn bad_exports_are_refused_in_one_line_and_install_nothing() {
    let built = fixture_copy("python");
    let scratch = tempfile::tempdir().expect("tempdir");
    let file = scratch.path().join("index.ctx");
    assert!(ctx(built.path(), &["index", "-q", "."]).status.success());
    assert!(ctx(built.path(), &["index", "-q", "--export", file.to_str().expect("utf-8"), "."]).status.success());
    let bytes = std::fs::read(&file).expect("export");
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    let other = tempfile::tempdir().expect("tempdir");
    std::fs::write(other.path().join("unrelated.py"), "def unrelated():\n    return 0\n").expect("write");
    let cases: [(&str, Vec<u8>, &Path, &str); 4] = [
        ("not an export", b"hello, I am not an index\n".to_vec(), built.path(), "not an exported ctx index"),
        ("truncated", bytes[..bytes.len() - 100].to_vec(), built.path(), "cannot import"),
        ("a flipped bit", flipped, built.path(), "checksum mismatch"),
        ("another repository's", bytes.clone(), other.path(), "of another repository"),
    ];
    for (what, content, into, says) in cases {
        let bad = scratch.path().join("bad.ctx");
        std::fs::write(&bad, content).expect("write");
        let before = std::fs::read_to_string(into.join(".ctx/manifest.json")).ok();
        let out = ctx(into, &["index", "--import", bad.to_str().expect("utf-8"), "."]);
        let error = String::from_utf8_lossy(&out.stderr).trim().to_string();
        assert_eq!(out.status.code(), Some(2), "{what}: {error}");
        assert!(error.contains(says) && error.lines().count() == 1, "{what}: {error}");
        assert_eq!(std::fs::read_to_string(into.join(".ctx/manifest.json")).ok(), before, "{what}: the index was changed");
    }
}

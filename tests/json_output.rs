//! Snapshots of `--format json` for every command over the Python fixture:
//! what a script or an agent parsing ctx's output relies on. Volatile
//! values (the temporary root, generation numbers and the handles that
//! carry them, timings, creation times, bytes on disk) are normalised and
//! scores rounded. `UPDATE_EXPECT=1 cargo test -p ctx-repo --test json_output`
//! rewrites `tests/expect/json/` after a deliberate change; review the diff.

mod common;
use common::*;

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn expect_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("expect").join("json")
}

/// Runs `ctx` with `args` in `dir` and returns its JSON, normalised.
fn run_json(dir: &Path, root: &Path, args: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_ctx")).args(args).current_dir(dir).output().expect("ctx runs");
    assert!(output.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    let mut json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
    normalise(&mut json, &root.display().to_string());
    json
}

/// Replaces what changes from run to run with stable placeholders.
fn normalise(value: &mut Value, root: &str) {
    match value {
        Value::Object(object) => {
            for (key, field) in object.iter_mut() {
                match key.as_str() {
                    "generation" | "seconds" | "created_unix_ms" | "bytes_on_disk" => *field = Value::from(0),
                    "score" => {
                        let rounded = (field.as_f64().unwrap_or(0.0) * 1000.0).round() / 1000.0;
                        *field = Value::from(rounded);
                    }
                    _ => normalise(field, root),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| normalise(item, root)),
        Value::String(text) => *text = without_generations(&text.replace(root, "$ROOT")),
        _ => {}
    }
}

/// `g12c345` (a handle) becomes `gNc345`: the chunk is stable, the generation is not.
fn without_generations(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_word && bytes[i] == b'g' {
            let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after = i + 1 + digits;
            if digits > 0 && bytes.get(after) == Some(&b'c') && bytes.get(after + 1).is_some_and(u8::is_ascii_digit) {
                out.push_str("gN");
                i = after;
                continue;
            }
        }
        let c = text[i..].chars().next().expect("a char");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[test]
fn json_output_of_every_command_matches_its_snapshot() {
    let repo = fixture_copy("python");
    let root = std::fs::canonicalize(repo.path()).expect("canonical root");
    let dir = root.as_path();
    let mut outputs: Vec<(&str, Value)> = Vec::new();
    outputs.push(("index", run_json(dir, &root, &["index", "--format", "json"])));
    outputs.push(("status", run_json(dir, &root, &["status", "--format", "json"])));
    outputs.push(("pack", run_json(dir, &root, &["pack", "--format", "json", "--budget", "300", "apply_discount returns the wrong total in Cart"])));
    let staged = run_json(dir, &root, &["pack", "--format", "json", "--budget", "150", "Cart total load_cart"]);
    let handle = staged["items"]
        .as_array()
        .expect("items")
        .iter()
        .find_map(|item| item["handle"].as_str())
        .or_else(|| staged["omitted"][0]["handle"].as_str())
        .expect("a pack of 150 tokens elides something")
        .replace("gN", "g1");
    outputs.push(("pack_staged", staged));
    outputs.push(("expand", run_json(dir, &root, &["expand", "--format", "json", "--budget", "1k", &handle])));
    outputs.push(("search", run_json(dir, &root, &["search", "--format", "json", "--limit", "3", "apply_discount"])));
    outputs.push(("symbols", run_json(dir, &root, &["symbols", "--format", "json", "Cart"])));
    outputs.push(("map", run_json(dir, &root, &["map", "--format", "json", "--budget", "300"])));
    outputs.push(("refs", run_json(dir, &root, &["refs", "--format", "json", "CartError"])));
    outputs.push(("callers", run_json(dir, &root, &["callers", "--format", "json", "parse_line"])));
    outputs.push(("callees", run_json(dir, &root, &["callees", "--format", "json", "load_cart"])));
    outputs.push(("tokens", run_json(dir, &root, &["tokens", "--format", "json", "--tokenizer", "cl100k", "shop/pricing.py", "shop/cart.py"])));

    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut differing = Vec::new();
    for (name, json) in &outputs {
        let path = expect_dir().join(format!("{name}.json"));
        let actual = serde_json::to_string_pretty(json).expect("json") + "\n";
        if update {
            std::fs::create_dir_all(expect_dir()).expect("mkdir");
            std::fs::write(&path, &actual).expect("write snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            differing.push(format!("{}:\n{actual}", path.display()));
        }
    }
    assert!(
        differing.is_empty(),
        "JSON output differs from its snapshot (rerun with UPDATE_EXPECT=1 and review the diff):\n{}",
        differing.join("\n")
    );
}

#[test]
fn watch_prints_one_json_object_per_refresh() {
    let repo = fixture_copy("python");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctx"))
        .args(["watch", "--format", "json", "."])
        .current_dir(repo.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ctx watch starts");
    let stdout = child.stdout.take().expect("piped");
    // Read on a thread, so that a silent watcher fails the test instead of hanging it.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let next_line = || receiver.recv_timeout(Duration::from_secs(60)).expect("a JSON line within a minute");
    let first = next_line();
    let json: Value = serde_json::from_str(&first).unwrap_or_else(|e| panic!("not JSON ({e}): {first}"));
    assert_eq!((json["generation"].as_u64(), json["parsed"].as_u64(), json["files"].as_u64()), (Some(1), Some(2), Some(2)), "{json}");

    std::fs::write(repo.path().join("shop/extra.py"), "def extra():\n    return 1\n").expect("write");
    let second = next_line();
    let json: Value = serde_json::from_str(&second).unwrap_or_else(|e| panic!("not JSON ({e}): {second}"));
    assert_eq!((json["generation"].as_u64(), json["parsed"].as_u64(), json["files"].as_u64()), (Some(2), Some(1), Some(3)), "{json}");
    let _ = child.kill();
    let _ = child.wait();
}

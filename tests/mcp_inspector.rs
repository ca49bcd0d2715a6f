//! `ctx mcp` driven by the official MCP inspector in its command-line mode
//! (`@modelcontextprotocol/inspector --cli`): a client we did not write
//! lists the tools and packs through them. Tests never reach the network,
//! so the inspector comes from a local install, made by `.ci/run`:
//! `CTX_INSPECTOR_DIR` (default `${XDG_CACHE_HOME:-~/.cache}/ctx-test/inspector`).
//! Without Node, or without the install when `CTX_REQUIRE_INSPECTOR` is
//! unset, the test says why and returns; with `CTX_REQUIRE_INSPECTOR=1` a
//! missing inspector fails it.

mod common;
use common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where `.ci/run` installs the inspector.
fn inspector_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CTX_INSPECTOR_DIR") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    cache.join("ctx-test").join("inspector")
}

/// The inspector's entry script, or why it cannot run here.
fn inspector() -> Result<PathBuf, String> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("Node.js is not installed".into());
    }
    let launcher = inspector_dir().join("node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js");
    if launcher.is_file() {
        Ok(launcher)
    } else {
        Err(format!("the MCP inspector is not installed in {} (bash .ci/run installs it)", inspector_dir().display()))
    }
}

/// Runs `node <inspector> --cli ctx mcp --root <root> <args>` and parses its JSON.
fn inspect(launcher: &Path, root: &Path, args: &[&str]) -> Value {
    let output = Command::new("node")
        .arg(launcher)
        .arg("--cli")
        .arg(env!("CARGO_BIN_EXE_ctx"))
        .args(["mcp", "--root"])
        .arg(root)
        .args(args)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "inspector {args:?} failed: {}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("inspector {args:?} printed no JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn the_official_inspector_lists_tools_and_packs() {
    let launcher = match inspector() {
        Ok(launcher) => launcher,
        Err(why) if std::env::var_os("CTX_REQUIRE_INSPECTOR").is_some() => panic!("CTX_REQUIRE_INSPECTOR is set but {why}"),
        Err(why) => {
            eprintln!("skipped: {why}; set CTX_REQUIRE_INSPECTOR=1 to make this a failure");
            return;
        }
    };
    let repo = fixture_copy("python");
    let index = Command::new(env!("CARGO_BIN_EXE_ctx")).args(["index", "."]).current_dir(repo.path()).output().expect("ctx index");
    assert!(index.status.success(), "{}", String::from_utf8_lossy(&index.stderr));

    let listed = inspect(&launcher, repo.path(), &["--method", "tools/list"]);
    let tools = listed["tools"].as_array().expect("tools");
    let names: Vec<&str> = tools.iter().filter_map(|t| t["name"].as_str()).collect();
    for name in ["pack", "expand", "search", "symbols", "refs", "callers", "map", "status", "index"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert!(tools.iter().all(|t| t["outputSchema"].is_object()), "every tool declares an output schema");

    let pack = inspect(
        &launcher,
        repo.path(),
        &["--method", "tools/call", "--tool-name", "pack", "--tool-arg", "task=apply_discount returns the wrong amount", "--tool-arg", "budget=300"],
    );
    assert_ne!(pack["isError"], Value::Bool(true), "{pack}");
    let text = pack["content"][0]["text"].as_str().expect("text");
    assert!(text.contains("## shop/pricing.py"), "{text}");
    let structured = &pack["structuredContent"];
    assert_eq!(structured["budget"], 300, "{structured}");
    assert!(structured["tokens"].as_u64().is_some_and(|t| t <= 300), "{structured}");
}

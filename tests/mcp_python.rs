//! `ctx mcp` driven by the official MCP Python SDK (PyPI `mcp`), a second
//! client we did not write, next to the inspector of `tests/mcp_inspector.rs`:
//! `tests/python/mcp_conversation.py` initializes, lists the tools and calls
//! pack, expand, search, refs and status, and this test checks the answers.
//! The SDK checks each structured answer against the tool's output schema.
//! Tests never reach the network, so the SDK comes from a virtualenv made
//! by `.ci/run`: `CTX_MCP_PYTHON` names its interpreter (default
//! `${XDG_CACHE_HOME:-~/.cache}/ctx-test/mcp-python/bin/python`). Without it,
//! when `CTX_REQUIRE_MCP_PYTHON` is unset, the test says why and returns;
//! with `CTX_REQUIRE_MCP_PYTHON=1` a missing SDK fails it.

mod common;
use common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The interpreter of the virtualenv `.ci/run` installs the SDK into.
fn sdk_python() -> PathBuf {
    if let Some(python) = std::env::var_os("CTX_MCP_PYTHON") {
        return PathBuf::from(python);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    cache.join("ctx-test").join("mcp-python").join("bin").join("python")
}

/// The interpreter with the SDK importable, or why there is none here.
fn python_with_sdk() -> Result<PathBuf, String> {
    let python = sdk_python();
    if !python.is_file() {
        return Err(format!("no Python at {} (bash .ci/run makes a virtualenv with the MCP SDK there)", python.display()));
    }
    let import = Command::new(&python).args(["-c", "import mcp.client.stdio"]).output();
    match import {
        Ok(output) if output.status.success() => Ok(python),
        Ok(output) => Err(format!("{} cannot import the MCP SDK: {}", python.display(), String::from_utf8_lossy(&output.stderr).trim())),
        Err(e) => Err(format!("cannot run {}: {e}", python.display())),
    }
}

#[test]
fn the_python_sdk_packs_expands_searches_and_navigates() {
    let python = match python_with_sdk() {
        Ok(python) => python,
        Err(why) if std::env::var_os("CTX_REQUIRE_MCP_PYTHON").is_some() => panic!("CTX_REQUIRE_MCP_PYTHON is set but {why}"),
        Err(why) => {
            eprintln!("skipped: {why}; set CTX_REQUIRE_MCP_PYTHON=1 to make this a failure");
            return;
        }
    };
    let repo = fixture_copy("python");
    let root = std::fs::canonicalize(repo.path()).expect("canonical root");
    let index = Command::new(env!("CARGO_BIN_EXE_ctx")).args(["index", "."]).current_dir(&root).output().expect("ctx index");
    assert!(index.status.success(), "{}", String::from_utf8_lossy(&index.stderr));

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("python").join("mcp_conversation.py");
    let output = Command::new(&python).arg(&script).arg(env!("CARGO_BIN_EXE_ctx")).arg(&root).output().expect("python runs");
    assert!(output.status.success(), "the SDK's conversation failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let transcript: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("the script printed no JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));

    let initialize = &transcript["initialize"];
    assert_eq!(initialize["server_name"], "ctx", "{initialize}");
    assert_eq!(initialize["has_tools"], true, "{initialize}");
    assert!(initialize["instructions"].as_str().is_some_and(|i| i.contains("pack")), "{initialize}");

    let tools = transcript["tools"].as_array().expect("tools");
    let names: Vec<&str> = tools.iter().filter_map(|t| t["name"].as_str()).collect();
    for name in ["index", "pack", "expand", "search", "symbols", "refs", "callers", "map", "status"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert!(tools.iter().all(|t| t["has_output_schema"] == true), "every tool declares an output schema: {tools:?}");

    let pack = &transcript["pack"];
    assert_eq!(pack["is_error"], false, "{pack}");
    assert!(pack["text"].as_str().is_some_and(|t| t.contains("## shop/cart.py")), "{pack}");
    let structured = &pack["structured"];
    assert_eq!(structured["budget"], 150, "{structured}");
    assert!(structured["tokens"].as_u64().is_some_and(|t| t > 0 && t <= 150), "{structured}");
    assert!(structured["items"].as_array().is_some_and(|items| !items.is_empty()), "{structured}");

    let handle = transcript["handle"].as_str().expect("a pack of 150 tokens lists a handle");
    let expand = &transcript["expand"];
    assert_eq!(expand["is_error"], false, "{expand}");
    let expanded = expand["structured"]["items"].as_array().expect("expanded items");
    assert!(expanded.iter().any(|item| item["kind"] == "body"), "expanding {handle} gives a body: {expand}");
    assert!(expand["text"].as_str().is_some_and(|t| t.contains("```")), "{expand}");

    let search = &transcript["search"];
    assert_eq!(search["is_error"], false, "{search}");
    let hits = search["structured"]["hits"].as_array().expect("hits");
    assert_eq!(hits[0]["symbol"], "apply_discount", "{search}");
    assert_eq!(hits[0]["path"], "shop/pricing.py", "{search}");
    assert!(hits.len() <= 3, "{search}");

    let refs = &transcript["refs"];
    assert_eq!(refs["is_error"], false, "{refs}");
    assert_eq!(refs["structured"]["symbol"], "CartError", "{refs}");
    let uses = refs["structured"]["hits"].as_array().expect("refs hits");
    assert!(uses.iter().any(|u| u["path"] == "shop/cart.py" && u["symbol"] == "Cart.add"), "{refs}");
    assert!(refs["text"].as_str().is_some_and(|t| t.contains("shop/cart.py:")), "{refs}");

    let status = &transcript["status"];
    assert_eq!(status["is_error"], false, "{status}");
    let state = &status["structured"];
    assert_eq!((state["files"].as_u64(), state["symbols"].as_u64(), state["changed"].as_u64()), (Some(2), Some(10), Some(0)), "{status}");
    assert_eq!(state["root"], root.display().to_string(), "{status}");
    assert!(status["text"].as_str().is_some_and(|t| t.contains("generation")), "{status}");
}

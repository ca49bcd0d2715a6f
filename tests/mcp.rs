//! `ctx mcp` against the real binary: a JSON-RPC conversation over stdio
//! spoken by hand (initialize, tools/list, tools/call and bad calls), the
//! missing-index error, indexing through the `index` tool, the
//! configuration's defaults, the reopen after `ctx index` writes a new
//! generation, and every structured answer checked against the output
//! schema its tool declares. Every read is bounded by a timeout, so a silent server fails
//! the test instead of hanging it.

mod common;
use common::*;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long one answer may take; packing loads a tokenizer, so be generous.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(120);

fn index(dir: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_ctx")).args(["index", "."]).current_dir(dir).output().expect("ctx index runs");
    assert!(output.status.success(), "ctx index failed: {}", String::from_utf8_lossy(&output.stderr));
}

/// A running `ctx mcp` and the lines it writes, read on a thread.
struct Session {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    next_id: u64,
}

impl Session {
    /// Spawns `ctx mcp --root <root>` (from an unrelated directory, so the
    /// root comes from the flag) and completes the initialize handshake.
    fn start(root: &Path) -> (Session, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ctx"))
            .args(["mcp", "--root"])
            .arg(root)
            .current_dir(std::env::temp_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ctx mcp starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut session = Session { child, stdin, lines, next_id: 1 };
        let initialized = session.request(
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "ctx-test", "version": "0"}
            }),
        );
        session.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        (session, initialized)
    }

    fn send(&mut self, message: &Value) {
        let mut line = serde_json::to_string(message).expect("json");
        line.push('\n');
        self.stdin.write_all(line.as_bytes()).expect("write to ctx mcp");
        self.stdin.flush().expect("flush");
    }

    /// Sends a request and returns its response (`result` or `error`),
    /// skipping notifications and server requests.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + ANSWER_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = match self.lines.recv_timeout(left) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => panic!("no answer to {method} within {ANSWER_TIMEOUT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("ctx mcp closed its output before answering {method}"),
            };
            let message: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            assert_eq!(message["jsonrpc"], "2.0", "{message}");
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
        }
    }

    /// `tools/call` and its result; a JSON-RPC error fails the test.
    fn call(&mut self, tool: &str, arguments: Value) -> Value {
        let response = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        assert!(response.get("error").is_none(), "{tool} answered with a protocol error: {response}");
        response["result"].clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn text_of(result: &Value) -> String {
    let content = result["content"].as_array().expect("content is a list");
    assert!(!content.is_empty(), "empty content: {result}");
    content.iter().map(|block| {
        assert_eq!(block["type"], "text", "{block}");
        block["text"].as_str().expect("text").to_string()
    }).collect()
}

fn is_error(result: &Value) -> bool {
    result["isError"] == json!(true)
}

/// A failure either way MCP allows: a JSON-RPC error or a tool result with
/// `isError: true`, and in both cases a message that says something.
fn error_message(response: &Value) -> String {
    let message = if let Some(error) = response.get("error") {
        error["message"].as_str().expect("error message").to_string()
    } else {
        let result = &response["result"];
        assert!(is_error(result), "expected an error, got {response}");
        text_of(result)
    };
    assert!(message.trim().len() > 10, "unhelpful error message {message:?}");
    assert!(!message.contains('\n'), "the message should be one line: {message:?}");
    message
}

#[test]
fn conversation_over_stdio() {
    let repo = fixture_copy("python");
    index(repo.path());
    let (mut session, initialized) = Session::start(repo.path());

    let info = &initialized["result"];
    assert_eq!(info["serverInfo"]["name"], "ctx", "{initialized}");
    assert!(info["serverInfo"]["version"].is_string(), "{initialized}");
    assert!(info["capabilities"]["tools"].is_object(), "{initialized}");
    assert!(info["protocolVersion"].is_string(), "{initialized}");

    let listed = session.request("tools/list", json!({}));
    let tools = listed["result"]["tools"].as_array().expect("tools");
    let mut names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().expect("name")).collect();
    names.sort_unstable();
    assert_eq!(names, ["callers", "expand", "index", "map", "pack", "refs", "search", "status", "symbols"]);
    let output_schemas: std::collections::HashMap<String, Value> =
        tools.iter().map(|t| (t["name"].as_str().expect("name").to_string(), t["outputSchema"].clone())).collect();
    let mut call = |tool: &str, arguments: Value| {
        let result = session.call(tool, arguments);
        if !is_error(&result) {
            let schema = &output_schemas[tool];
            assert!(schema.is_object(), "{tool} declares no output schema");
            conforms(&result["structuredContent"], schema, schema, tool);
        }
        result
    };
    for tool in tools {
        let name = &tool["name"];
        assert!(tool["description"].as_str().is_some_and(|d| d.len() > 40), "{name} needs a description an agent can act on");
        let schema = &tool["inputSchema"];
        assert_eq!(schema["type"], "object", "{name}: {schema}");
        if let Some(properties) = schema["properties"].as_object() {
            for (property, spec) in properties {
                assert!(spec["description"].as_str().is_some_and(|d| !d.is_empty()), "{name}.{property} has no description: {schema}");
            }
        }
    }
    let pack_schema = &tools.iter().find(|t| t["name"] == "pack").expect("pack")["inputSchema"];
    assert_eq!(pack_schema["required"], json!(["task"]), "{pack_schema}");
    for property in ["task", "budget", "tokenizer"] {
        assert!(pack_schema["properties"][property].is_object(), "pack has no {property}: {pack_schema}");
    }

    let pack = call("pack", json!({"task": "apply_discount is wrong", "budget": 300, "tokenizer": "cl100k"}));
    assert!(!is_error(&pack), "{pack}");
    let markdown = text_of(&pack);
    assert!(markdown.contains("## shop/pricing.py"), "{markdown}");
    let structured = &pack["structuredContent"];
    assert_eq!(structured["budget"], 300, "{structured}");
    assert_eq!(structured["tokenizer"], "cl100k_base", "{structured}");
    assert!(structured["tokens"].as_u64().expect("tokens") <= 300, "{structured}");
    assert_eq!(structured["items"][0]["path"], "shop/pricing.py", "{structured}");
    assert_eq!(structured["markdown"].as_str(), Some(markdown.as_str()));

    let pack_k = call("pack", json!({"task": "apply_discount is wrong", "budget": "1k"}));
    assert!(!is_error(&pack_k), "{pack_k}");
    assert_eq!(pack_k["structuredContent"]["budget"], 1000);
    assert_eq!(pack_k["structuredContent"]["tokenizer"], "o200k_base");

    let search = call("search", json!({"query": "apply_discount", "limit": 3}));
    assert!(!is_error(&search), "{search}");
    assert!(text_of(&search).contains("shop/pricing.py:"), "{search}");
    let hits = search["structuredContent"]["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 3, "{search}");
    assert_eq!(hits[0]["path"], "shop/pricing.py");

    let symbols = call("symbols", json!({"name": "apply_discount"}));
    assert!(!is_error(&symbols), "{symbols}");
    assert_eq!(symbols["structuredContent"]["symbols"][0]["qualified_name"], "apply_discount", "{symbols}");

    // A staged pack in a session, then its elided items expanded.
    let staged = call("pack", json!({"task": "Cart total load_cart", "budget": 220, "session": "mcp-1"}));
    assert!(!is_error(&staged), "{staged}");
    let handles: Vec<Value> = staged["structuredContent"]["items"].as_array().expect("items").iter()
        .filter_map(|i| i.get("handle").cloned())
        .chain(staged["structuredContent"]["omitted"].as_array().expect("omitted").iter().map(|o| o["handle"].clone()))
        .collect();
    assert!(!handles.is_empty(), "{staged}");
    let expanded = call("expand", json!({"handles": handles, "budget": "2k", "session": "mcp-1"}));
    assert!(!is_error(&expanded), "{expanded}");
    assert!(expanded["structuredContent"]["tokens"].as_u64().expect("tokens") <= 2000);
    assert!(text_of(&expanded).contains("```python"), "{expanded}");
    let stale = call("expand", json!({"handles": ["g999c1"]}));
    assert!(is_error(&stale) && text_of(&stale).contains("generation"), "{stale}");

    let map = call("map", json!({"budget": 200}));
    assert!(!is_error(&map) && text_of(&map).contains("## shop/cart.py"), "{map}");
    assert!(map["structuredContent"]["tokens"].as_u64().expect("tokens") <= 200);

    let callers = call("callers", json!({"symbol": "parse_line"}));
    assert!(!is_error(&callers), "{callers}");
    assert_eq!(callers["structuredContent"]["hits"][0]["symbol"], "load_cart", "{callers}");
    let refs = call("refs", json!({"symbol": "CartError"}));
    assert!(text_of(&refs).contains("Cart.add"), "{refs}");
    let unknown_symbol = call("refs", json!({"symbol": "no_such_thing"}));
    assert!(is_error(&unknown_symbol), "{unknown_symbol}");

    let status = call("status", json!({}));
    assert!(!is_error(&status), "{status}");
    assert_eq!(status["structuredContent"]["files"], 2, "{status}");
    assert!(text_of(&status).contains("generation"), "{status}");

    let bad_expand = call("expand", json!({"handles": []}));
    assert!(is_error(&bad_expand) && text_of(&bad_expand).contains("handles"), "{bad_expand}");
    let bad_map = call("map", json!({"budget": 0}));
    assert!(is_error(&bad_map) && text_of(&bad_map).contains("budget"), "{bad_map}");
    let bad_search = call("search", json!({"query": "  "}));
    assert!(is_error(&bad_search) && text_of(&bad_search).contains("query"), "{bad_search}");
    let refreshed = call("index", json!({}));
    assert!(!is_error(&refreshed) && refreshed["structuredContent"]["up_to_date"] == json!(true), "{refreshed}");

    let bad_index = session.request("tools/call", json!({"name": "index", "arguments": {"full": "yes"}}));
    error_message(&bad_index);
    let unknown = session.request("tools/call", json!({"name": "frobnicate", "arguments": {}}));
    assert!(error_message(&unknown).contains("pack"), "{unknown}");
    let bad_budget = session.request("tools/call", json!({"name": "pack", "arguments": {"task": "apply_discount is wrong", "budget": "lots"}}));
    assert!(error_message(&bad_budget).contains("budget"), "{bad_budget}");
    let bad_budget_type = session.request("tools/call", json!({"name": "pack", "arguments": {"task": "x", "budget": true}}));
    assert!(error_message(&bad_budget_type).contains("budget"), "{bad_budget_type}");
    let bad_tokenizer = session.request("tools/call", json!({"name": "pack", "arguments": {"task": "x", "tokenizer": "gpt2"}}));
    error_message(&bad_tokenizer);
    let no_task = session.request("tools/call", json!({"name": "pack", "arguments": {"budget": 100}}));
    assert!(error_message(&no_task).contains("task"), "{no_task}");

    // The server still answers after the errors.
    let again = session.call("status", json!({}));
    assert!(!is_error(&again), "{again}");
}

/// Checks that `value` has the shape `schema` declares: types, required
/// properties, no undeclared ones, array items, `$ref`s into `$defs`. A
/// small subset of JSON Schema, enough for what schemars writes.
fn conforms(value: &Value, schema: &Value, root: &Value, at: &str) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().expect("ref name");
        return conforms(value, &root["$defs"][name], root, at);
    }
    if let Some(options) = schema["anyOf"].as_array().or(schema["oneOf"].as_array()) {
        let fits = options.iter().any(|option| std::panic::catch_unwind(|| conforms(value, option, root, at)).is_ok());
        assert!(fits, "{at}: {value} fits none of {schema}");
        return;
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return,
    };
    let type_of = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let fits = types.contains(&type_of) || (type_of == "integer" && types.contains(&"number"));
    assert!(fits, "{at}: {value} is {type_of}, the schema says {types:?}");
    match value {
        Value::Object(object) => {
            let properties = schema["properties"].as_object().cloned().unwrap_or_default();
            for required in schema["required"].as_array().into_iter().flatten() {
                let key = required.as_str().expect("key");
                assert!(object.contains_key(key), "{at}: {key} is required but missing in {value}");
            }
            for (key, field) in object {
                let spec = properties.get(key).unwrap_or_else(|| panic!("{at}: {key} is not in the schema {schema}"));
                conforms(field, spec, root, &format!("{at}.{key}"));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                conforms(item, &schema["items"], root, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}

#[test]
fn an_agent_with_only_the_server_indexes_then_packs() {
    let repo = fixture_copy("python");
    std::fs::write(repo.path().join("ctx.toml"), "[pack]\nbudget = 333\ntokenizer = \"cl100k\"\n").expect("write config");
    let (mut session, _) = Session::start(repo.path());
    let before = session.request("tools/call", json!({"name": "status", "arguments": {}}));
    assert!(error_message(&before).contains("`index` tool"), "{before}");

    let indexed = session.call("index", json!({}));
    assert!(!is_error(&indexed), "{indexed}");
    // The two Python files and ctx.toml (indexed as text).
    assert_eq!(indexed["structuredContent"]["files"], 3, "{indexed}");
    assert!(text_of(&indexed).contains("indexed 3 files"), "{indexed}");

    // Budget and tokenizer come from ctx.toml when the call leaves them out.
    let pack = session.call("pack", json!({"task": "apply_discount is wrong"}));
    assert!(!is_error(&pack), "{pack}");
    assert_eq!(pack["structuredContent"]["budget"], 333, "{pack}");
    assert_eq!(pack["structuredContent"]["tokenizer"], "cl100k_base", "{pack}");
    assert!(pack["structuredContent"]["tokens"].as_u64().expect("tokens") <= 333);
    let given = session.call("pack", json!({"task": "apply_discount is wrong", "budget": 100, "tokenizer": "o200k"}));
    assert_eq!(given["structuredContent"]["budget"], 100, "{given}");
    assert_eq!(given["structuredContent"]["tokenizer"], "o200k_base", "{given}");

    std::fs::write(repo.path().join("ctx.toml"), "[pack]\nbudget = \"many\"\n").expect("write config");
    let broken = session.request("tools/call", json!({"name": "pack", "arguments": {"task": "apply_discount"}}));
    let message = error_message(&broken);
    assert!(message.contains("ctx.toml:2") && message.contains("invalid budget"), "{message}");
}


#[test]
fn a_new_generation_is_picked_up() {
    let repo = fixture_copy("python");
    index(repo.path());
    let (mut session, _) = Session::start(repo.path());
    let before = session.call("status", json!({}));
    let generation = before["structuredContent"]["generation"].as_u64().expect("generation");

    std::fs::write(repo.path().join("shop").join("refunds.py"), "def refund_order(order):\n    return order.total\n").expect("write");
    index(repo.path());

    let after = session.call("status", json!({}));
    assert_eq!(after["structuredContent"]["generation"].as_u64(), Some(generation + 1), "{after}");
    assert_eq!(after["structuredContent"]["files"], 3, "{after}");
    let symbols = session.call("symbols", json!({"name": "refund_order"}));
    assert_eq!(symbols["structuredContent"]["symbols"][0]["path"], "shop/refunds.py", "{symbols}");

    // An edit without `ctx index`: the server refreshes before answering.
    std::fs::write(repo.path().join("shop").join("returns.py"), "def return_parcel(parcel):\n    return parcel\n").expect("write");
    let refreshed = session.call("symbols", json!({"name": "return_parcel"}));
    assert_eq!(refreshed["structuredContent"]["symbols"][0]["path"], "shop/returns.py", "{refreshed}");
}

#[test]
fn without_an_index_the_tools_say_to_run_ctx_index() {
    let empty = tempfile::tempdir().expect("tempdir");
    let (mut session, initialized) = Session::start(empty.path());
    assert!(initialized["result"]["capabilities"]["tools"].is_object(), "{initialized}");
    for (tool, arguments) in [("pack", json!({"task": "anything"})), ("search", json!({"query": "anything"})), ("status", json!({}))] {
        let response = session.request("tools/call", json!({"name": tool, "arguments": arguments}));
        assert!(response["result"]["isError"] == json!(true), "{tool}: {response}");
        assert!(error_message(&response).contains("ctx index"), "{tool}: {response}");
    }
    assert!(!empty.path().join(".ctx").exists(), "the server must not index by itself");
}

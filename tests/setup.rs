//! `ctx setup` in an empty HOME and a fresh repository: the agents' files
//! it writes, runs repeated and removed, malformed files left alone,
//! `--dry-run`, the instructions block, detection, and its JSON output
//! (`tests/expect/json/setup.json`; `UPDATE_EXPECT=1` rewrites it).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch HOME, a repository (with a `.git` directory, as a fresh clone
/// has) and a `PATH` of one empty directory, so nothing of this machine shows.
struct Scene {
    home: tempfile::TempDir,
    repo: tempfile::TempDir,
    bin: tempfile::TempDir,
}

impl Scene {
    fn new() -> Scene {
        let scene = Scene { home: tempfile::tempdir().expect("home"), repo: tempfile::tempdir().expect("repo"), bin: tempfile::tempdir().expect("bin") };
        std::fs::create_dir(scene.repo.path().join(".git")).expect("mkdir .git");
        scene
    }

    fn home(&self) -> PathBuf {
        std::fs::canonicalize(self.home.path()).expect("canonical home")
    }

    fn root(&self) -> PathBuf {
        std::fs::canonicalize(self.repo.path()).expect("canonical repo")
    }

    /// Runs `ctx` in the repository with only HOME and PATH set.
    fn ctx(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ctx"))
            .args(args)
            .current_dir(self.repo.path())
            .env_clear()
            .env("HOME", self.home())
            .env("PATH", self.bin.path())
            .output()
            .expect("ctx runs")
    }

    /// Runs `ctx` and requires success.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.ctx(args);
        assert!(output.status.success(), "ctx {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Runs `ctx`, requires exit code 2, and returns its stderr.
    fn bad_input(&self, args: &[&str]) -> String {
        let output = self.ctx(args);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(2), "ctx {args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        stderr
    }

    fn write(&self, path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{} is not strict JSON ({e}):\n{}", path.display(), read(path)))
}

fn binary() -> String {
    std::fs::canonicalize(env!("CARGO_BIN_EXE_ctx")).expect("canonical binary").display().to_string()
}

/// Every file under `dir` with its bytes, to see that nothing changed.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("ls").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(tree(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).expect("read")));
        }
    }
    out.sort();
    out
}

const OTHER_SERVER: &str = r#"{
  "mcpServers": {
    "other": {
      "command": "other-server",
      "args": ["--verbose"]
    }
  }
}
"#;

#[test]
fn setup_twice_leaves_one_entry_per_file_and_keeps_the_other_server() {
    let scene = Scene::new();
    let root = scene.root();
    let home = scene.home();
    scene.write(&root.join(".mcp.json"), OTHER_SERVER);
    let agents = ["setup", "claude-code", "cursor", "vscode", "codex", "gemini", "opencode"];
    let first = scene.ok(&agents);
    assert_eq!(first.lines().filter(|l| l.contains(": added ctx to ")).count(), 6, "{first}");
    let files = [
        root.join(".mcp.json"),
        root.join(".cursor/mcp.json"),
        root.join(".vscode/mcp.json"),
        home.join(".codex/config.toml"),
        home.join(".gemini/settings.json"),
        root.join("opencode.json"),
    ];
    let written: Vec<String> = files.iter().map(|f| read(f)).collect();
    let second = scene.ok(&agents);
    assert_eq!(second.lines().filter(|l| l.contains("as it should be")).count(), 6, "{second}");
    for (file, text) in files.iter().zip(&written) {
        assert_eq!(&read(file), text, "a second run changed {}", file.display());
        assert_eq!(text.matches("\"ctx\"").count() + text.matches("[mcp_servers.ctx]").count(), 1, "{}:\n{text}", file.display());
    }

    let root_arg = root.display().to_string();
    let project_args = Value::from(vec!["mcp", "--root", root_arg.as_str()]);
    let claude = json(&files[0]);
    assert_eq!(claude["mcpServers"]["other"], serde_json::json!({"command": "other-server", "args": ["--verbose"]}));
    assert_eq!(claude["mcpServers"]["ctx"], serde_json::json!({"command": binary(), "args": project_args}));
    assert!(written[0].starts_with("{\n  \"mcpServers\": {\n    \"other\": {\n      \"command\": \"other-server\",\n      \"args\": [\"--verbose\"]\n    },\n    \"ctx\": {"), "the other server keeps its text:\n{}", written[0]);
    assert_eq!(json(&files[1])["mcpServers"]["ctx"], serde_json::json!({"command": binary(), "args": project_args}));
    assert_eq!(json(&files[2])["servers"]["ctx"], serde_json::json!({"type": "stdio", "command": binary(), "args": project_args}));
    // A user-wide entry serves every repository, so it pins none.
    assert_eq!(json(&files[4])["mcpServers"]["ctx"], serde_json::json!({"command": binary(), "args": ["mcp"]}));
    let opencode = json(&files[5]);
    assert_eq!(opencode["$schema"], "https://opencode.ai/config.json");
    assert_eq!(opencode["mcp"]["ctx"], serde_json::json!({"type": "local", "command": [binary(), "mcp", "--root", root_arg], "enabled": true}));
    let codex: toml_edit::DocumentMut = written[3].parse().expect("valid TOML");
    assert_eq!(codex["mcp_servers"]["ctx"]["command"].as_str(), Some(binary().as_str()));
    let args: Vec<&str> = codex["mcp_servers"]["ctx"]["args"].as_array().expect("args").iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(args, ["mcp"]);
}

#[test]
fn remove_takes_out_ctx_and_only_ctx() {
    let scene = Scene::new();
    let root = scene.root();
    scene.write(&root.join(".mcp.json"), OTHER_SERVER);
    scene.ok(&["setup", "claude-code", "cursor"]);
    let removed = scene.ok(&["setup", "--remove", "claude-code"]);
    assert!(removed.contains("claude-code (project): removed ctx from"), "{removed}");
    assert_eq!(read(&root.join(".mcp.json")), OTHER_SERVER, "the file is as it was before setup");
    assert!(json(&root.join(".cursor/mcp.json"))["mcpServers"]["ctx"].is_object(), "cursor was not named");
    // Again: nothing to remove, and that is no error.
    assert!(scene.ok(&["setup", "--remove", "claude-code"]).contains("ctx is not in"));
    // Without names, --remove finds every entry; a file setup created goes, with its directory.
    let all = scene.ok(&["setup", "--remove"]);
    assert!(all.contains("cursor (project): removed ctx from"), "{all}");
    assert!(!root.join(".cursor").exists(), "setup's .cursor/mcp.json and .cursor/ are gone");
    assert_eq!(read(&root.join(".mcp.json")), OTHER_SERVER);
}

#[test]
fn malformed_files_are_left_untouched_with_an_error_naming_them() {
    let scene = Scene::new();
    let root = scene.root();
    let home = scene.home();
    // Claude Code reads strict JSON: a trailing comma is an error there.
    let broken = "{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\"},\n  }\n}\n";
    scene.write(&root.join(".mcp.json"), broken);
    let before = tree(scene.repo.path());
    let error = scene.bad_input(&["setup", "claude-code", "cursor"]);
    assert!(error.contains(&format!("{}:4:3: not valid JSON", root.join(".mcp.json").display())), "{error}");
    assert!(error.contains("fix the file"), "{error}");
    assert_eq!(tree(scene.repo.path()), before, "nothing is written, not even the cursor file");

    let codex = home.join(".codex/config.toml");
    let broken_toml = "model = \"o3\"\n[mcp_servers.other\ncommand = \"x\"\n";
    scene.write(&codex, broken_toml);
    let error = scene.bad_input(&["setup", "codex"]);
    assert!(error.contains(&format!("{}:2:", codex.display())) && error.contains("not valid TOML"), "{error}");
    assert_eq!(read(&codex), broken_toml);

    // A servers key that is not an object is named too.
    scene.write(&root.join(".vscode/mcp.json"), "{\"servers\": []}\n");
    let error = scene.bad_input(&["setup", "vscode"]);
    assert!(error.contains("mcp.json: \"servers\" is not an object"), "{error}");
}

#[test]
fn jsonc_comments_trailing_commas_and_other_members_of_ctx_are_kept() {
    let scene = Scene::new();
    let root = scene.root();
    let vscode = "{\n\t// Servers for this workspace.\n\t\"servers\": {\n\t\t\"db\": {\"type\": \"stdio\", \"command\": \"db-mcp\"}, // the database\n\t},\n\t\"inputs\": [],\n}\n";
    scene.write(&root.join(".vscode/mcp.json"), vscode);
    // An older ctx entry with an environment of its own.
    let cursor = "{\"mcpServers\": {\"ctx\": {\"command\": \"/old/ctx\", \"args\": [\"mcp\"], \"env\": {\"RUST_LOG\": \"debug\"}}}}\n";
    scene.write(&root.join(".cursor/mcp.json"), cursor);
    let out = scene.ok(&["setup", "vscode", "cursor"]);
    assert!(out.contains("vscode (project): added ctx") && out.contains("cursor (project): updated ctx"), "{out}");
    let text = read(&root.join(".vscode/mcp.json"));
    assert!(text.starts_with("{\n\t// Servers for this workspace.\n\t\"servers\": {\n\t\t\"db\": {\"type\": \"stdio\", \"command\": \"db-mcp\"}, // the database\n\t\t\"ctx\": {\n\t\t\t\"type\": \"stdio\","), "{text}");
    assert!(text.ends_with("\t},\n\t\"inputs\": [],\n}\n"), "{text}");
    let cursor = read(&root.join(".cursor/mcp.json"));
    assert!(cursor.contains("\"env\": {\"RUST_LOG\": \"debug\"}") && cursor.contains(&binary()), "{cursor}");
    assert!(!cursor.contains("/old/ctx"), "{cursor}");
    assert_eq!(cursor.lines().count(), 1, "a one-line file stays on one line: {cursor}");

    let removed = scene.ok(&["setup", "--remove", "vscode"]);
    assert!(removed.contains("removed ctx"), "{removed}");
    assert_eq!(read(&root.join(".vscode/mcp.json")), vscode, "removal restores the file byte for byte");
}

#[test]
fn dry_run_prints_the_change_and_writes_nothing() {
    let scene = Scene::new();
    let root = scene.root();
    scene.write(&root.join(".mcp.json"), OTHER_SERVER);
    let repo_before = tree(scene.repo.path());
    let home_before = tree(scene.home.path());
    let out = scene.ok(&["setup", "--dry-run", "claude-code", "gemini"]);
    assert!(out.contains(&format!("claude-code (project): would add ctx to {}", root.join(".mcp.json").display())), "{out}");
    assert!(out.contains("       \"args\": [\"--verbose\"]\n+    },\n+    \"ctx\": {\n"), "the diff shows the comma after the other server: {out}");
    assert!(out.contains(&format!("+      \"command\": \"{}\",", binary())), "{out}");
    assert!(out.contains("gemini (user): would add ctx to"), "{out}");
    assert_eq!(tree(scene.repo.path()), repo_before);
    assert_eq!(tree(scene.home.path()), home_before);
    scene.ok(&["setup", "claude-code"]);
    let repo_before = tree(scene.repo.path());
    let out = scene.ok(&["setup", "--dry-run", "--remove", "claude-code"]);
    assert!(out.contains("would remove ctx from") && out.contains("-    \"ctx\": {"), "{out}");
    assert_eq!(tree(scene.repo.path()), repo_before);
}

#[test]
fn scopes_choose_the_user_or_the_project_file() {
    let scene = Scene::new();
    let (root, home) = (scene.root(), scene.home());
    scene.write(&home.join(".claude.json"), "{\n  \"numStartups\": 3,\n  \"projects\": {}\n}\n");
    scene.ok(&["setup", "--user", "claude-code"]);
    let claude = json(&home.join(".claude.json"));
    assert_eq!(claude["numStartups"], 3);
    assert_eq!(claude["mcpServers"]["ctx"]["args"], serde_json::json!(["mcp"]));
    assert!(!root.join(".mcp.json").exists());
    scene.ok(&["setup", "--project", "codex", "gemini"]);
    let codex = read(&root.join(".codex/config.toml"));
    assert!(codex.contains("[mcp_servers.ctx]") && codex.contains(&format!("\"--root\", \"{}\"", root.display())), "{codex}");
    assert!(json(&root.join(".gemini/settings.json"))["mcpServers"]["ctx"].is_object());
    assert!(!home.join(".codex").exists() && !home.join(".gemini").exists());
}

#[test]
fn instructions_twice_leave_one_block() {
    let scene = Scene::new();
    let root = scene.root();
    scene.write(&root.join("AGENTS.md"), "# Agents\n\nRun the tests with `make test`.\n");
    let first = scene.ok(&["setup", "--instructions"]);
    assert!(first.contains("instructions: added ctx's block to"), "{first}");
    scene.ok(&["setup", "--instructions"]);
    let text = read(&root.join("AGENTS.md"));
    assert_eq!(text.matches("<!-- ctx:begin").count(), 1, "{text}");
    assert_eq!(text.matches("<!-- ctx:end -->").count(), 1, "{text}");
    assert!(text.starts_with("# Agents\n\nRun the tests with `make test`.\n\n<!-- ctx:begin"), "{text}");
    for tool in ["`pack`", "`expand`", "`search`", "`symbols`", "`refs`", "`callers`", "`map`", "`status`", "`index`", "`budget` 8000"] {
        assert!(text.contains(tool), "the block mentions {tool}: {text}");
    }
    // An edited block is replaced, not added to.
    std::fs::write(root.join("AGENTS.md"), text.replace("Read the pack before opening files.", "stale words")).expect("edit");
    assert!(scene.ok(&["setup", "--instructions"]).contains("updated ctx's block"));
    assert_eq!(read(&root.join("AGENTS.md")), text);

    scene.ok(&["setup", "--remove", "--instructions"]);
    assert_eq!(read(&root.join("AGENTS.md")), "# Agents\n\nRun the tests with `make test`.\n");

    // CLAUDE.md when only that exists; with agents named, they are registered too.
    std::fs::remove_file(root.join("AGENTS.md")).expect("rm");
    scene.write(&root.join("CLAUDE.md"), "# Notes\n");
    scene.ok(&["setup", "--instructions", "claude-code"]);
    assert!(read(&root.join("CLAUDE.md")).contains("<!-- ctx:begin"));
    assert!(!root.join("AGENTS.md").exists());
    assert!(root.join(".mcp.json").is_file());

    // A block without its end is not guessed at.
    scene.write(&root.join("NOTES.md"), "<!-- ctx:begin -->\nhalf a block\n");
    let error = scene.bad_input(&["setup", "--instructions=NOTES.md"]);
    assert!(error.contains("NOTES.md:1:") && error.contains("<!-- ctx:end -->"), "{error}");
}

#[test]
fn detection_registers_the_agents_found_and_says_so() {
    let scene = Scene::new();
    let error = scene.bad_input(&["setup"]);
    assert!(error.contains("no agent detected") && error.contains("ctx setup claude-code codex"), "{error}");

    std::fs::create_dir(scene.home().join(".cursor")).expect("mkdir");
    let codex = scene.bin.path().join("codex");
    std::fs::write(&codex, "#!/bin/sh\n").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&codex, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let output = scene.ctx(&["setup"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("detected codex (") && stderr.contains("codex on PATH") && stderr.contains("cursor ("), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(scene.home().join(".codex/config.toml").is_file());
    assert!(scene.root().join(".cursor/mcp.json").is_file());
}

/// Replaces the scene's paths with placeholders.
fn normalise(value: &mut Value, scene: &Scene) {
    match value {
        Value::Object(object) => object.values_mut().for_each(|v| normalise(v, scene)),
        Value::Array(items) => items.iter_mut().for_each(|v| normalise(v, scene)),
        Value::String(text) => {
            *text = text
                .replace(&binary(), "$CTX")
                .replace(&scene.root().display().to_string(), "$ROOT")
                .replace(&scene.home().display().to_string(), "$HOME");
        }
        _ => {}
    }
}

#[test]
fn json_output_matches_its_snapshot() {
    let scene = Scene::new();
    scene.write(&scene.root().join(".mcp.json"), OTHER_SERVER);
    let out = scene.ok(&["setup", "--format", "json", "--dry-run", "--instructions", "claude-code", "codex"]);
    let mut json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("no JSON ({e}): {out}"));
    normalise(&mut json, &scene);
    let actual = serde_json::to_string_pretty(&json).expect("json") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expect/json/setup.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(expected, actual, "{} differs (rerun with UPDATE_EXPECT=1 and review the diff)", path.display());
}

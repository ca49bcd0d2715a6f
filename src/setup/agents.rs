//! The agents `ctx setup` knows: where each keeps its MCP servers, in which format, what ctx's entry looks like there, and how to tell it is installed.

use super::json_edit::{FieldValue, Fields};
use super::json_parse::Syntax;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A coding agent that can run MCP servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Agent {
    /// Claude Code: `.mcp.json` (project) or `~/.claude.json` (user).
    #[value(name = "claude-code", alias = "claude")]
    ClaudeCode,
    /// OpenAI Codex CLI: `~/.codex/config.toml` (user) or `.codex/config.toml` (project).
    Codex,
    /// Cursor: `.cursor/mcp.json` (project) or `~/.cursor/mcp.json` (user).
    Cursor,
    /// VS Code (Copilot agent mode): `.vscode/mcp.json` (project) or the user profile's `mcp.json`.
    #[value(name = "vscode", alias = "code", alias = "vs-code")]
    VsCode,
    /// Gemini CLI: `~/.gemini/settings.json` (user) or `.gemini/settings.json` (project).
    #[value(name = "gemini", alias = "gemini-cli")]
    Gemini,
    /// OpenCode: `opencode.json` (project) or `~/.config/opencode/opencode.json` (user).
    #[value(name = "opencode")]
    OpenCode,
}

/// Every agent, in the order they are reported.
pub const ALL: [Agent; 6] = [Agent::ClaudeCode, Agent::Codex, Agent::Cursor, Agent::VsCode, Agent::Gemini, Agent::OpenCode];

/// Where an entry applies: every repository of the user, or this one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The user's own configuration, for every repository.
    User,
    /// The repository's configuration.
    Project,
}

impl Scope {
    /// `user` or `project`.
    pub fn name(self) -> &'static str {
        match self {
            Scope::User => "user",
            Scope::Project => "project",
        }
    }
}

/// The file format of an agent's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON, or JSONC where the agent reads comments.
    Json(Syntax),
    /// TOML (Codex).
    Toml,
}

/// Where the user's files are: the home directory and the overrides agents honour.
pub struct Places {
    /// `$HOME`.
    pub home: PathBuf,
    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    pub config_home: PathBuf,
    /// `$CODEX_HOME`, else `~/.codex`.
    pub codex_home: PathBuf,
    /// The repository: the top of the git work tree around the current directory, else the current directory.
    pub root: PathBuf,
    /// The directories of `$PATH`.
    pub path: Vec<PathBuf>,
}

impl Agent {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Agent::ClaudeCode => "claude-code",
            Agent::Codex => "codex",
            Agent::Cursor => "cursor",
            Agent::VsCode => "vscode",
            Agent::Gemini => "gemini",
            Agent::OpenCode => "opencode",
        }
    }

    /// The scope used when neither `--user` nor `--project` is given: the
    /// repository where the agent reads one, except for Codex, whose project
    /// file is read only in trusted projects, and Gemini CLI, whose project
    /// settings are most often absent.
    pub fn default_scope(self) -> Scope {
        match self {
            Agent::Codex | Agent::Gemini => Scope::User,
            _ => Scope::Project,
        }
    }

    /// The configuration file of `scope`.
    pub fn config_path(self, scope: Scope, places: &Places) -> PathBuf {
        let (root, home) = (&places.root, &places.home);
        match (self, scope) {
            (Agent::ClaudeCode, Scope::Project) => root.join(".mcp.json"),
            (Agent::ClaudeCode, Scope::User) => home.join(".claude.json"),
            (Agent::Codex, Scope::Project) => root.join(".codex").join("config.toml"),
            (Agent::Codex, Scope::User) => places.codex_home.join("config.toml"),
            (Agent::Cursor, Scope::Project) => root.join(".cursor").join("mcp.json"),
            (Agent::Cursor, Scope::User) => home.join(".cursor").join("mcp.json"),
            (Agent::VsCode, Scope::Project) => root.join(".vscode").join("mcp.json"),
            (Agent::VsCode, Scope::User) => vscode_user_dir(places).join("mcp.json"),
            (Agent::Gemini, Scope::Project) => root.join(".gemini").join("settings.json"),
            (Agent::Gemini, Scope::User) => home.join(".gemini").join("settings.json"),
            // OpenCode reads `opencode.jsonc` as well; an existing one is edited in place.
            (Agent::OpenCode, Scope::Project) => json_or_jsonc(root.join("opencode.json")),
            (Agent::OpenCode, Scope::User) => json_or_jsonc(places.config_home.join("opencode").join("opencode.json")),
        }
    }

    /// The format of its configuration files.
    pub fn format(self) -> Format {
        match self {
            // Claude Code reads `.mcp.json` and `~/.claude.json` with a strict JSON parser.
            Agent::ClaudeCode => Format::Json(Syntax::Json),
            Agent::Codex => Format::Toml,
            Agent::Cursor | Agent::VsCode | Agent::Gemini | Agent::OpenCode => Format::Json(Syntax::Jsonc),
        }
    }

    /// The key of the object that holds the MCP servers by name.
    pub fn servers_key(self) -> &'static str {
        match self {
            Agent::ClaudeCode | Agent::Cursor | Agent::Gemini => "mcpServers",
            Agent::VsCode => "servers",
            Agent::OpenCode => "mcp",
            Agent::Codex => "mcp_servers",
        }
    }

    /// The members of ctx's entry in a JSON file. Other members of an
    /// existing entry (`env`, `timeout`) are left alone.
    pub fn json_entry(self, command: &str, args: &[String]) -> Fields {
        let plain = |value: Value| FieldValue::Plain(value);
        let args_value = plain(Value::from(args.to_vec()));
        let fields = match self {
            Agent::VsCode => vec![("type", plain("stdio".into())), ("command", plain(command.into())), ("args", args_value)],
            Agent::OpenCode => {
                let mut line = vec![command.to_string()];
                line.extend(args.iter().cloned());
                vec![("type", plain("local".into())), ("command", plain(Value::from(line))), ("enabled", plain(true.into()))]
            }
            _ => vec![("command", plain(command.into())), ("args", args_value)],
        };
        Fields(fields.into_iter().map(|(key, value)| (key.to_string(), value)).collect())
    }

    /// The members a new JSON file starts with besides the servers (OpenCode's schema).
    pub fn json_preamble(self) -> Option<(&'static str, &'static str)> {
        (self == Agent::OpenCode).then_some(("$schema", "https://opencode.ai/config.json"))
    }

    /// What shows this agent is used here, if anything: a configuration
    /// directory or file of the user or the repository, or its program on `PATH`.
    pub fn evidence(self, places: &Places) -> Option<String> {
        let (root, home) = (&places.root, &places.home);
        let paths: Vec<PathBuf> = match self {
            Agent::ClaudeCode => vec![home.join(".claude"), home.join(".claude.json"), root.join(".mcp.json"), root.join(".claude")],
            Agent::Codex => vec![places.codex_home.clone(), root.join(".codex")],
            Agent::Cursor => vec![home.join(".cursor"), root.join(".cursor")],
            Agent::VsCode => vec![vscode_user_dir(places), root.join(".vscode")],
            Agent::Gemini => vec![home.join(".gemini"), root.join(".gemini")],
            Agent::OpenCode => vec![
                places.config_home.join("opencode"),
                root.join("opencode.json"),
                root.join("opencode.jsonc"),
                root.join(".opencode"),
            ],
        };
        if let Some(found) = paths.iter().find(|p| p.exists()) {
            return Some(found.display().to_string());
        }
        let programs: &[&str] = match self {
            Agent::ClaudeCode => &["claude"],
            Agent::Codex => &["codex"],
            Agent::Cursor => &["cursor", "cursor-agent"],
            Agent::VsCode => &["code"],
            Agent::Gemini => &["gemini"],
            Agent::OpenCode => &["opencode"],
        };
        programs.iter().find_map(|program| on_path(program, &places.path).map(|p| format!("{} on PATH", p.display())))
    }
}

/// VS Code's user profile directory (`User/`), where its user `mcp.json` lives.
fn vscode_user_dir(places: &Places) -> PathBuf {
    if cfg!(target_os = "macos") {
        places.home.join("Library").join("Application Support").join("Code").join("User")
    } else {
        places.config_home.join("Code").join("User")
    }
}

/// `path`, or its `.jsonc` twin when only that exists.
fn json_or_jsonc(path: PathBuf) -> PathBuf {
    let jsonc = path.with_extension("jsonc");
    if !path.exists() && jsonc.exists() { jsonc } else { path }
}

/// The executable `program` in one of `dirs`, if any.
fn on_path(program: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    dirs.iter().map(|dir| dir.join(program)).find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

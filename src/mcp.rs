//! `ctx mcp`: the index served as Model Context Protocol tools over stdio.
//!
//! The server writes the index only when asked (the `index` tool) or to
//! refresh a few changed files before answering. Each call finds the index of the root
//! (walking up as `ctx pack` does), reuses the opened generation while the
//! manifest still names it, and reopens it when `ctx index` has switched to a
//! newer one. Every tool answers with readable text (a pack's markdown, a
//! listing) plus the serde JSON of the result as structured content; every
//! failure is a tool error (`isError: true`) with a one-line message. Each
//! tool declares the schema of its structured answer (`schema`). Budgets and
//! tokenizers left out of a call default to the repository configuration's
//! `[pack]` values, then to 8000 tokens of o200k.

mod schema;

use anyhow::{Context, Result};
use ctx::{Index, PackRequest, Tokenizer};
use rmcp::handler::server::common::schema_for_output;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt, tool, tool_handler, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Serves the index at or above `root` (the current directory when `None`)
/// on stdin and stdout until the client closes the connection.
pub fn serve(root: Option<PathBuf>) -> Result<()> {
    let start = match root {
        Some(root) => root,
        None => std::env::current_dir().context("cannot read the current directory")?,
    };
    // The first pack of a session should not pay for loading the tokenizer.
    let configured = ctx_indexer::find_root(&start).ok().and_then(|root| ctx::RepoConfig::load(&root).ok());
    configured.and_then(|c| c.tokenizer.as_deref().and_then(Tokenizer::parse)).unwrap_or_default().warm_up();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the MCP server's runtime")?;
    runtime.block_on(async move {
        let service = CtxServer::new(start)
            .serve(rmcp::transport::stdio_pipes())
            .await
            .context("MCP initialization failed")?;
        service.waiting().await.context("the MCP server stopped abnormally")?;
        Ok(())
    })
}

/// Files changed since indexing that the server refreshes by itself, as `ctx pack` does.
const AUTO_REFRESH_MAX_FILES: usize = 200;

/// The opened index, shared by the tool calls of one server.
struct IndexCache {
    /// Where the index is looked for: this directory or its nearest ancestor with one.
    start: PathBuf,
    /// The last generation opened.
    opened: Mutex<Option<Arc<Index>>>,
}

impl IndexCache {
    /// Builds or refreshes the index of the repository around `start`: the
    /// root of the index above it, or `start` itself when there is none.
    fn build(&self, full: bool) -> Result<ctx::IndexReport, ctx::Error> {
        let root = ctx_indexer::find_root(&self.start).unwrap_or_else(|_| self.start.clone());
        let options = ctx::IndexOptions { full, wait_for_lock: false, ..ctx::IndexOptions::default() };
        let report = Index::build(&root, &options, &mut |_| {})?;
        *self.opened.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        // Grown layers are merged on a thread while the server answers.
        let _ = Index::merge_in_background_if_due(&root, &report.manifest);
        Ok(report)
    }

    /// The current generation of the index: the cached one while the
    /// manifest still names it, else a fresh open.
    fn current(&self) -> Result<Arc<Index>, ctx::Error> {
        let root = ctx_indexer::find_root(&self.start).map_err(ctx_query::QueryError::from)?;
        let generation = ctx_indexer::store::read_manifest(&root).map_err(ctx_query::QueryError::from)?.generation;
        let mut opened = self.opened.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(index) = opened.as_ref()
            && index.root() == root
            && index.manifest().generation == generation
        {
            // Files edited since: refresh first when that is cheap; answers
            // report the stale files otherwise.
            if !index.status().refresh_due(AUTO_REFRESH_MAX_FILES) {
                return Ok(Arc::clone(index));
            }
        }
        let index = Arc::new(Index::open_refreshed(&root, AUTO_REFRESH_MAX_FILES)?);
        let _ = Index::merge_in_background_if_due(&root, index.manifest());
        *opened = Some(Arc::clone(&index));
        Ok(index)
    }
}

/// The MCP server: the tools below over one [`IndexCache`].
#[derive(Clone)]
struct CtxServer {
    cache: Arc<IndexCache>,
    tool_router: ToolRouter<CtxServer>,
}

// Only the schema of `PackArgs::budget`: the value is read by
// `parse_budget_arg`, so that a wrong one gets a message saying what is expected.
/// A token budget: a number of tokens, or a string such as "8000" or "32k".
#[derive(JsonSchema)]
#[allow(dead_code)]
#[serde(untagged)]
enum BudgetSchema {
    /// A number of tokens.
    Tokens(#[schemars(range(min = 1))] u64),
    /// `N` or `Nk` (k = 1,000).
    Text(String),
}

/// A tokenizer name.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum TokenizerArg {
    /// OpenAI's o200k_base (GPT-4o and later).
    #[serde(alias = "o200k_base")]
    O200k,
    /// OpenAI's cl100k_base (GPT-4, GPT-3.5).
    #[serde(alias = "cl100k_base")]
    Cl100k,
}

impl From<TokenizerArg> for Tokenizer {
    fn from(arg: TokenizerArg) -> Tokenizer {
        match arg {
            TokenizerArg::O200k => Tokenizer::O200k,
            TokenizerArg::Cl100k => Tokenizer::Cl100k,
        }
    }
}

/// Arguments of `pack`.
#[derive(Debug, Deserialize, JsonSchema)]
struct PackArgs {
    /// The task in natural language, as you would give it to an engineer: an
    /// issue, a bug report, a traceback or an instruction. Identifiers, file
    /// paths and error messages in it are used as strong signals.
    task: String,
    /// The hard limit on the pack's size in tokens of `tokenizer`: a number
    /// (8000) or a string with a k suffix ("8k" = 8,000). Defaults to 8000.
    #[serde(default)]
    #[schemars(with = "Option<BudgetSchema>")]
    budget: Option<serde_json::Value>,
    /// The tokenizer the budget is counted in: "o200k" (GPT-4o and later,
    /// the default) or "cl100k" (GPT-4).
    #[serde(default)]
    tokenizer: Option<TokenizerArg>,
    /// A session name (letters, digits, - or _). Packs and expansions of one
    /// session never show the same code twice, so a second stage spends its
    /// whole budget on new code. Omit it for a standalone pack.
    #[serde(default)]
    session: Option<String>,
    /// Set to true to have each item say why it is there (the score's parts
    /// from the task's words and from the symbol graph, with the seed and edge).
    #[serde(default)]
    explain: Option<bool>,
}

/// Arguments of `expand`.
#[derive(Debug, Deserialize, JsonSchema)]
struct ExpandArgs {
    /// Handles (like "g3c120") from a pack's signature lines or its
    /// `omitted` list, most wanted first.
    handles: Vec<String>,
    /// The hard limit on the answer's size in tokens: a number or "4k". Defaults to 8000.
    #[serde(default)]
    #[schemars(with = "Option<BudgetSchema>")]
    budget: Option<serde_json::Value>,
    /// The tokenizer the budget is counted in: "o200k" (default) or "cl100k".
    #[serde(default)]
    tokenizer: Option<TokenizerArg>,
    /// The session of the pack the handles came from, to skip code it already showed.
    #[serde(default)]
    session: Option<String>,
}

/// Arguments of `index`.
#[derive(Debug, Deserialize, JsonSchema)]
struct IndexArgs {
    /// Rebuild everything instead of refreshing what changed (default false).
    #[serde(default)]
    full: bool,
}

/// Arguments of `map`.
#[derive(Debug, Deserialize, JsonSchema)]
struct MapArgs {
    /// Only files under this path, relative to the repository root (all files when omitted).
    #[serde(default)]
    path: Option<String>,
    /// The hard limit on the map's size in tokens: a number or "4k". Defaults to 8000.
    #[serde(default)]
    #[schemars(with = "Option<BudgetSchema>")]
    budget: Option<serde_json::Value>,
    /// The tokenizer the budget is counted in: "o200k" (default) or "cl100k".
    #[serde(default)]
    tokenizer: Option<TokenizerArg>,
}

/// Arguments of `refs` and `callers`.
#[derive(Debug, Deserialize, JsonSchema)]
struct NavArgs {
    /// The definition: a name (`add`) or a qualified name (`Cart.add`, `Item::new`).
    symbol: String,
    /// How many results (default 50).
    #[serde(default = "default_symbols_limit")]
    #[schemars(range(min = 1))]
    limit: usize,
}

/// Arguments of `search`.
#[derive(Debug, Deserialize, JsonSchema)]
struct SearchArgs {
    /// What to look for: identifiers, a path, an error message or words.
    query: String,
    /// How many chunks to return, best first (default 10).
    #[serde(default = "default_search_limit")]
    #[schemars(range(min = 1))]
    limit: usize,
}

/// Arguments of `symbols`.
#[derive(Debug, Deserialize, JsonSchema)]
struct SymbolsArgs {
    /// A definition's name, qualified name (`Cart.total`) or prefix
    /// (`parse_`). Exact matches come before prefix matches.
    name: String,
    /// How many definitions to return (default 50).
    #[serde(default = "default_symbols_limit")]
    #[schemars(range(min = 1))]
    limit: usize,
}

fn default_search_limit() -> usize {
    10
}

fn default_symbols_limit() -> usize {
    50
}

/// Structured content of `search`.
#[derive(Serialize)]
struct SearchAnswer<'a> {
    query: &'a str,
    generation: u64,
    stale_files: usize,
    hits: &'a [ctx::SearchHit],
}

/// Structured content of `symbols`.
#[derive(Serialize)]
struct SymbolsAnswer<'a> {
    name: &'a str,
    symbols: &'a [ctx::SymbolHit],
}

#[tool_router]
impl CtxServer {
    fn new(start: PathBuf) -> CtxServer {
        CtxServer { cache: Arc::new(IndexCache { start, opened: Mutex::new(None) }), tool_router: Self::tool_router() }
    }

    #[tool(
        description = "Build a context pack for a coding task: the repository code that matters for it, ranked and cut so that the markdown never exceeds `budget` tokens of `tokenizer`. Call it first when you start on a task, with the task text as given. The text answer is the pack's markdown (a header, then code sections headed by path and line range); the structured answer lists the items (path, lines, symbol, score, tokens) and says how many of its files changed since indexing.",
        annotations(title = "Context pack for a task", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::PackOutput>()
    )]
    async fn pack(&self, Parameters(args): Parameters<PackArgs>) -> CallToolResult {
        if let Err(message) = parse_budget_arg(args.budget.as_ref()) {
            return tool_error(message);
        }
        if args.task.trim().is_empty() {
            return tool_error("the task is empty: give the task text to pack for");
        }
        self.answer(move |index| {
            let (budget, tokenizer) = limits(index, args.budget.as_ref(), args.tokenizer)?;
            let mut request = PackRequest::new(args.task);
            request.budget = budget;
            request.tokenizer = tokenizer;
            request.explain = args.explain.unwrap_or(false);
            let session_name = args.session;
            let pack = index.in_session(session_name.as_deref(), |shown| {
                request.already_shown = shown.to_vec();
                index.pack(&request)
            })?;
            let mut text = pack.markdown.clone();
            if let Some(note) = &pack.note {
                let _ = write!(text, "\n\n> ctx: {note}\n");
            }
            Ok((text, serde_json::to_value(&pack)))
        })
        .await
    }

    #[tool(
        description = "Build the index of the repository, or refresh what changed since it was built. Call it once when `status` or another tool says there is no index or that many files changed; other tools refresh a few changed files by themselves. The answer counts the files, definitions and chunks indexed and what this run parsed, reused and removed.",
        annotations(title = "Build or refresh the index", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::IndexOutput>()
    )]
    async fn index(&self, Parameters(args): Parameters<IndexArgs>) -> CallToolResult {
        let cache = Arc::clone(&self.cache);
        let outcome = tokio::task::spawn_blocking(move || cache.build(args.full)).await;
        let report = match outcome {
            Ok(Ok(report)) => report,
            Ok(Err(error)) => return tool_error(error.to_string()),
            Err(join_error) => return tool_error(format!("the tool failed: {join_error}")),
        };
        let stats = &report.manifest.stats;
        let changes = &report.changes;
        let text = format!(
            "indexed {} files ({} lines), {} symbols, {} chunks; skipped {} files; {}; generation {}",
            stats.files,
            stats.lines,
            stats.symbols,
            stats.chunks,
            report.skipped.len(),
            if report.up_to_date {
                "up to date".to_string()
            } else {
                let renamed = if changes.renamed > 0 { format!(" ({} renamed)", changes.renamed) } else { String::new() };
                format!("parsed {}, reused {}, removed {}{renamed}", changes.parsed, changes.reused, changes.deleted)
            },
            report.manifest.generation
        );
        let structured = serde_json::json!({
            "generation": report.manifest.generation,
            "files": stats.files, "symbols": stats.symbols, "chunks": stats.chunks, "lines": stats.lines,
            "skipped": report.skipped.len(),
            "up_to_date": report.up_to_date,
            "parsed": changes.parsed, "reused": changes.reused, "deleted": changes.deleted, "renamed": changes.renamed,
        });
        let mut result = CallToolResult::structured(structured);
        result.content = vec![ContentBlock::text(text)];
        result
    }

    #[tool(
        description = "Ranked code chunks for a query (identifiers, a path, an error message or plain words), best first. Each hit is a file path with a line range, the definition it belongs to and its score; read those lines, or call `pack` to get the code itself within a token budget.",
        annotations(title = "Search code", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::SearchOutput>()
    )]
    async fn search(&self, Parameters(args): Parameters<SearchArgs>) -> CallToolResult {
        if let Some(error) = bad_lookup("query", &args.query, args.limit) {
            return error;
        }
        self.answer(move |index| {
            let results = index.search(&args.query, args.limit, ctx::DEFAULT_SEMANTIC)?;
            let hits = &results.hits;
            let mut text = String::new();
            if hits.is_empty() {
                let _ = writeln!(text, "no chunks match {:?}", args.query);
            }
            for hit in hits {
                let _ = writeln!(
                    text,
                    "{}:{}-{}  {}  {:.3}",
                    hit.path,
                    hit.start_line,
                    hit.end_line,
                    hit.symbol.as_deref().unwrap_or("-"),
                    hit.score
                );
            }
            if results.stale_files > 0 {
                let _ = writeln!(text, "({} of these files changed since indexing; run `ctx index`)", results.stale_files);
            }
            let answer = SearchAnswer { query: &args.query, generation: results.generation, stale_files: results.stale_files, hits };
            Ok((text, serde_json::to_value(answer)))
        })
        .await
    }

    #[tool(
        description = "Find definitions (functions, methods, classes, types...) by exact name, qualified name such as `Cart.total`, or prefix such as `parse_`. Each result gives the file path, line range, kind and signature, so you can jump to the definition.",
        annotations(title = "Find definitions", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::SymbolsOutput>()
    )]
    async fn symbols(&self, Parameters(args): Parameters<SymbolsArgs>) -> CallToolResult {
        if let Some(error) = bad_lookup("name", &args.name, args.limit) {
            return error;
        }
        self.answer(move |index| {
            let hits = index.symbols(&args.name, args.limit);
            let mut text = String::new();
            if hits.is_empty() {
                let _ = writeln!(text, "no definition is named {:?} or starts with it", args.name);
            }
            for hit in &hits {
                let _ = writeln!(
                    text,
                    "{}:{}-{}  {} {}  {}",
                    hit.path, hit.start_line, hit.end_line, hit.kind, hit.qualified_name, hit.signature
                );
            }
            Ok((text, serde_json::to_value(SymbolsAnswer { name: &args.name, symbols: &hits })))
        })
        .await
    }

    #[tool(
        description = "Show the code of items a pack elided: pass the handles of its signature lines (\"[g3c120]\") or of its `omitted` list. The answer is markdown with those bodies, within `budget` tokens. Handles stay valid until the index changes; a stale handle is an error that says to pack again.",
        annotations(title = "Expand elided items", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::PackOutput>()
    )]
    async fn expand(&self, Parameters(args): Parameters<ExpandArgs>) -> CallToolResult {
        if let Err(message) = parse_budget_arg(args.budget.as_ref()) {
            return tool_error(message);
        }
        if args.handles.is_empty() {
            return tool_error("no handles given: pass handles from a pack's signatures or omitted list");
        }
        self.answer(move |index| {
            let (budget, tokenizer) = limits(index, args.budget.as_ref(), args.tokenizer)?;
            let pack = index.in_session(args.session.as_deref(), |shown| index.expand(&args.handles, budget, tokenizer, shown))?;
            Ok((pack.markdown.clone(), serde_json::to_value(&pack)))
        })
        .await
    }

    #[tool(
        description = "A map of the repository for a first look: files ranked by how much the rest of the code uses what they define, each with the line numbers and signatures of its most used definitions, within `budget` tokens. Narrow it with `path` to a directory.",
        annotations(title = "Repository map", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::PackOutput>()
    )]
    async fn map(&self, Parameters(args): Parameters<MapArgs>) -> CallToolResult {
        if let Err(message) = parse_budget_arg(args.budget.as_ref()) {
            return tool_error(message);
        }
        self.answer(move |index| {
            let (budget, tokenizer) = limits(index, args.budget.as_ref(), args.tokenizer)?;
            let map = index.map(args.path.as_deref().unwrap_or(""), budget, tokenizer);
            Ok((map.markdown.clone(), serde_json::to_value(&map)))
        })
        .await
    }

    #[tool(
        description = "Where a definition is used: every reference to it, with the file, line and enclosing definition, resolved through imports (best-resolved first). Use it to find what a change to the definition affects.",
        annotations(title = "References to a definition", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::NavOutput>()
    )]
    async fn refs(&self, Parameters(args): Parameters<NavArgs>) -> CallToolResult {
        self.navigate(args, false).await
    }

    #[tool(
        description = "Where a definition is called, and from which definitions: the callers of a function or method, resolved through imports (best-resolved first).",
        annotations(title = "Callers of a definition", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::NavOutput>()
    )]
    async fn callers(&self, Parameters(args): Parameters<NavArgs>) -> CallToolResult {
        self.navigate(args, true).await
    }

    #[tool(
        description = "The state of the index: its root, generation, counts of files, definitions and chunks, and how many files changed, were added or were deleted since it was written. When files changed, answers may miss recent edits until `ctx index` is run again.",
        annotations(title = "Index status", read_only_hint = true, open_world_hint = false),
        output_schema = schema_for_output::<schema::StatusOutput>()
    )]
    async fn status(&self) -> CallToolResult {
        self.answer(|index| {
            let status = index.status();
            let mut text = format!(
                "{}: generation {} (format {}), {} files, {} symbols, {} chunks, {} skipped, {:.1} MB on disk; since indexing: {} changed, {} added, {} deleted",
                status.root,
                status.generation,
                status.format_version,
                status.files,
                status.symbols,
                status.chunks,
                status.skipped,
                status.bytes_on_disk as f64 / 1e6,
                status.changed,
                status.added,
                status.deleted
            );
            match &status.semantic {
                Some(model) => {
                    let _ = write!(text, "; semantic search: on ({model})");
                }
                None => text.push_str("; semantic search: off"),
            }
            if status.stale_files() > 0 {
                text.push_str("\nrun `ctx index` to bring the index up to date");
            }
            Ok((text, serde_json::to_value(&status)))
        })
        .await
    }
}

impl CtxServer {
    /// Answers `refs` (all uses) or `callers` (calls only).
    async fn navigate(&self, args: NavArgs, calls_only: bool) -> CallToolResult {
        if let Some(error) = bad_lookup("symbol", &args.symbol, args.limit) {
            return error;
        }
        self.answer(move |index| {
            if index.symbols(&args.symbol, 1).is_empty() {
                return Err(ctx_query::QueryError::BadRequest(format!("no definition named {:?}; the symbols tool lists definitions by prefix", args.symbol)).into());
            }
            let ctx::Navigation { hits, partial } = index.refs(&args.symbol, calls_only, args.limit);
            let mut text = String::new();
            if let Some(partial) = &partial {
                let _ = writeln!(text, "{partial}");
            }
            if hits.is_empty() {
                let _ = writeln!(text, "no {} of {:?} found", if calls_only { "callers" } else { "references" }, args.symbol);
            }
            for hit in &hits {
                let _ = writeln!(text, "{}:{}  {}  -> {}  ({})", hit.path, hit.line, hit.symbol.as_deref().unwrap_or("-"), hit.target, hit.resolution);
            }
            Ok((text, serde_json::to_value(serde_json::json!({ "symbol": args.symbol, "hits": hits, "partial": partial }))))
        })
        .await
    }

    /// Runs `work` on the current index on a blocking thread (opening and
    /// packing are CPU and disk work) and turns its answer into a tool result.
    async fn answer<F>(&self, work: F) -> CallToolResult
    where
        F: FnOnce(&Index) -> Result<(String, serde_json::Result<serde_json::Value>), ctx::Error> + Send + 'static,
    {
        let cache = Arc::clone(&self.cache);
        let outcome = tokio::task::spawn_blocking(move || {
            let index = cache.current()?;
            work(&index)
        })
        .await;
        match outcome {
            Ok(Ok((text, Ok(structured)))) => {
                let mut result = CallToolResult::structured(structured);
                result.content = vec![ContentBlock::text(text)];
                result
            }
            Ok(Ok((_, Err(error)))) => tool_error(format!("cannot encode the answer as JSON: {error}")),
            // The store says to run `ctx index`; an agent here has the tool.
            Ok(Err(error)) => tool_error(error.to_string().replace("run `ctx index`", "run `ctx index` (or call the `index` tool)")),
            Err(join_error) => tool_error(format!("the tool failed: {join_error}")),
        }
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for CtxServer {
    /// Routes a call to its tool; an unknown name is a JSON-RPC
    /// invalid-params error (as MCP specifies) that names the tools there are.
    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        if !self.tool_router.has_route(&request.name) {
            let known: Vec<String> = self.tool_router.list_all().into_iter().map(|tool| tool.name.into_owned()).collect();
            let message = format!("unknown tool {:?}: ctx offers {}", request.name, known.join(", "));
            return Err(ErrorData::invalid_params(message, None));
        }
        self.tool_router.call(ToolCallContext::new(self, request, context)).await
    }

    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("ctx", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "ctx answers from an index of the repository (built by `ctx index` or the `index` tool). \
                 Start a task with `pack` (the relevant code within a token budget) and `expand` the \
                 handles it lists; use `search`, `symbols`, `refs` and `callers` to navigate, `map` for \
                 an overview, and `status` to see whether the index is out of date.",
            )
    }
}

/// The budget and tokenizer of a call: those given, else the `[pack]`
/// defaults of the repository configuration, else 8,000 tokens of o200k.
fn limits(index: &Index, budget: Option<&serde_json::Value>, tokenizer: Option<TokenizerArg>) -> Result<(usize, Tokenizer), ctx::Error> {
    let config = index.config()?;
    let budget = parse_budget_arg(budget).map_err(ctx_query::QueryError::BadRequest)?;
    let budget = budget.or(config.budget).unwrap_or(crate::DEFAULT_BUDGET);
    let tokenizer = match tokenizer {
        Some(arg) => arg.into(),
        None => config.tokenizer.as_deref().and_then(Tokenizer::parse).unwrap_or_default(),
    };
    Ok((budget, tokenizer))
}

/// The budget of a call: absent (`None`), a positive number of tokens, or
/// a string as `ctx pack --budget` takes it (`"8000"`, `"32k"`).
fn parse_budget_arg(value: Option<&serde_json::Value>) -> Result<Option<usize>, String> {
    let tokens = match value {
        None | Some(serde_json::Value::Null) => return Ok(None),
        Some(serde_json::Value::String(text)) => ctx::parse_budget(text),
        Some(serde_json::Value::Number(number)) => match number.as_u64().map(usize::try_from) {
            Some(Ok(0)) => Err("the budget must be at least 1 token".into()),
            Some(Ok(tokens)) => Ok(tokens),
            _ => Err(format!("invalid budget {number}: expected a whole number of tokens such as 8000")),
        },
        Some(other) => Err(format!("invalid budget {other}: expected a number of tokens such as 8000, or a string such as \"32k\"")),
    };
    tokens.map(Some)
}

/// A tool error with a one-line message.
/// The tool error for an empty lookup text or a zero limit, if either.
fn bad_lookup(what: &str, text: &str, limit: usize) -> Option<CallToolResult> {
    if text.trim().is_empty() {
        return Some(tool_error(format!("the {what} is empty")));
    }
    (limit == 0).then(|| tool_error("the limit must be at least 1"))
}

fn tool_error(message: impl Into<String>) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(one_line(&message.into()))])
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}


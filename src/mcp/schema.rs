//! The output schemas the MCP tools declare: the serialized form of their
//! structured answers, with descriptions an agent can act on. The answer
//! types live in `ctx-query`, which knows nothing of JSON Schema, so these
//! types mirror them for the schema only; a test checks that real answers
//! match them key for key.

#![allow(dead_code)]

use schemars::JsonSchema;

/// A context pack, an expansion or a repository map.
#[derive(JsonSchema)]
pub struct PackOutput {
    /// The budget asked for, in tokens of `tokenizer`.
    budget: usize,
    /// The tokenizer the budget is counted in (`o200k_base` or `cl100k_base`).
    tokenizer: String,
    /// Tokens of `markdown`, counted exactly; never more than `budget`.
    tokens: usize,
    /// What the pack shows, in rendering order.
    items: Vec<PackItemOutput>,
    /// Good candidates that did not fit, best first; pass their handles to `expand`.
    omitted: Vec<OmittedOutput>,
    /// The pack as markdown: code sections headed by path and line range.
    markdown: String,
    /// The index generation answered from; handles are valid for it only.
    generation: u64,
    /// Files of the pack changed on disk since they were indexed (0 when fresh).
    stale_files: usize,
    /// A remark for the reader (nothing fits, stale files...), or null.
    note: Option<String>,
}

/// One item of a pack.
#[derive(JsonSchema)]
pub struct PackItemOutput {
    /// Path relative to the repository root, `/`-separated.
    path: String,
    /// First line shown, 1-based.
    start_line: u32,
    /// Last line shown, inclusive.
    end_line: u32,
    /// `body` for code shown verbatim, `signature` for a definition shown by its declaration only,
    /// `skeleton` for a type shown by its declaration and its members' (bodies elided), `map` for
    /// a file listed with its key definitions.
    kind: String,
    /// The qualified name of the definition it belongs to, or null.
    symbol: Option<String>,
    /// The retrieval score (higher is more relevant).
    score: f32,
    /// Tokens of this item's rendering.
    tokens: usize,
    /// For a signature: the handle `expand` takes to show the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    handle: Option<String>,
    /// With `explain`: why it is there (score parts, and the seed and edge of the graph walk).
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<String>,
    /// For a skeleton: the qualified names of the members it lists.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    members: Vec<String>,
}

/// A candidate that did not fit the budget.
#[derive(JsonSchema)]
pub struct OmittedOutput {
    /// The handle `expand` takes to show it.
    handle: String,
    /// Path relative to the repository root.
    path: String,
    /// The definition it belongs to, or null.
    symbol: Option<String>,
    /// Tokens of its body.
    tokens: usize,
    /// The retrieval score.
    score: f32,
}

/// The answer of `search`.
#[derive(JsonSchema)]
pub struct SearchOutput {
    /// The query searched for.
    query: String,
    /// The index generation answered from.
    generation: u64,
    /// Files among the hits changed on disk since they were indexed.
    stale_files: usize,
    /// The hits, best first.
    hits: Vec<SearchHitOutput>,
}

/// One ranked chunk.
#[derive(JsonSchema)]
pub struct SearchHitOutput {
    /// Path relative to the repository root.
    path: String,
    /// First line, 1-based.
    start_line: u32,
    /// Last line, inclusive.
    end_line: u32,
    /// The definition it belongs to, or null.
    symbol: Option<String>,
    /// Its signature, or null.
    signature: Option<String>,
    /// The fused score (higher is more relevant).
    score: f32,
}

/// The answer of `symbols`.
#[derive(JsonSchema)]
pub struct SymbolsOutput {
    /// The name asked for.
    name: String,
    /// Matching definitions, exact matches first.
    symbols: Vec<SymbolOutput>,
}

/// One definition.
#[derive(JsonSchema)]
pub struct SymbolOutput {
    /// Its name.
    name: String,
    /// Its qualified name (`Cart.total`, `Item::new`).
    qualified_name: String,
    /// `function`, `method`, `class`, `struct`...
    kind: String,
    /// Path relative to the repository root.
    path: String,
    /// First line, 1-based.
    start_line: u32,
    /// Last line, inclusive.
    end_line: u32,
    /// The declaration line.
    signature: String,
    /// The first line of its doc comment, or null.
    doc: Option<String>,
}

/// The answer of `refs` and `callers`.
#[derive(JsonSchema)]
pub struct NavOutput {
    /// The definition asked about.
    symbol: String,
    /// Its uses, best-resolved first.
    hits: Vec<NavHitOutput>,
    /// Why these are only some of the uses (resolution stopped at its work budget: a qualified name narrows it), or null when complete.
    partial: Option<String>,
}

/// One use of a definition.
#[derive(JsonSchema)]
pub struct NavHitOutput {
    /// The file of the use.
    path: String,
    /// The line of the use, 1-based.
    line: u32,
    /// The definition that holds the use, or null at top level.
    symbol: Option<String>,
    /// The kind of that definition, or null.
    kind: Option<String>,
    /// The definition used.
    target: String,
    /// Whether the use is a call.
    is_call: bool,
    /// How the use was tied to the definition: `same-file`, `import`, `same-directory`, `unique-name` or `ambiguous`.
    resolution: String,
}

/// The answer of `status`.
#[derive(JsonSchema)]
pub struct StatusOutput {
    /// The repository root.
    root: String,
    /// The generation answered from.
    generation: u64,
    /// The on-disk format version.
    format_version: u32,
    /// Indexed files.
    files: u64,
    /// Definitions.
    symbols: u64,
    /// Chunks.
    chunks: u64,
    /// Indexed files that are generated code: their definitions are
    /// indexed, the calls inside their bodies are not.
    generated: u64,
    /// Files passed over when indexing (too large, binary...).
    skipped: u64,
    /// Bytes of the generation on disk.
    bytes_on_disk: u64,
    /// When it was written, in ms since the epoch.
    created_unix_ms: u64,
    /// Indexed files changed since; answers about them may be out of date.
    changed: u64,
    /// Files added since.
    added: u64,
    /// Indexed files deleted since.
    deleted: u64,
    /// The embedding model of the semantic layer, or null when it is off.
    semantic: Option<String>,
    /// Files and definitions per language, most files first.
    languages: Vec<LanguageOutput>,
    /// Which symbolic links indexing followed: `never` (the default) or `repository`.
    follow_symlinks: String,
    /// The symbolic links indexing passed over, by reason.
    links_skipped: LinksSkippedOutput,
}

/// The files and definitions of one language.
#[derive(JsonSchema)]
pub struct LanguageOutput {
    /// The language (`python`, `kotlin`...; `text` for files indexed as text).
    language: String,
    /// Its indexed files.
    files: u64,
    /// Their definitions.
    symbols: u64,
    /// Whether its files are indexed as text only, without symbols.
    text_only: bool,
}

/// Symbolic links passed over when indexing, by reason.
#[derive(JsonSchema)]
pub struct LinksSkippedOutput {
    /// Not followed (links are followed only with `follow_symlinks = "repository"` in ctx.toml).
    not_followed: u64,
    /// The target lies outside the repository.
    outside: u64,
    /// The target does not exist.
    dangling: u64,
    /// The link leads to a folder that holds it.
    loops: u64,
    /// The target is indexed under another path.
    duplicates: u64,
}

/// The answer of `index`.
#[derive(JsonSchema)]
pub struct IndexOutput {
    /// The generation now current.
    generation: u64,
    /// Indexed files.
    files: u64,
    /// Definitions.
    symbols: u64,
    /// Chunks.
    chunks: u64,
    /// Lines of the indexed files.
    lines: u64,
    /// Files passed over (too large, binary, unreadable).
    skipped: usize,
    /// Whether nothing had changed (no generation written).
    up_to_date: bool,
    /// Files read and parsed by this run.
    parsed: usize,
    /// Files carried over unchanged.
    reused: usize,
    /// Files removed from the index.
    deleted: usize,
    /// New paths holding a removed file's content (moves); each is also
    /// counted in `parsed` and `deleted`.
    renamed: usize,
}

//! The language table: which files belong to which tree-sitter grammar, and the
//! `.scm` tag query (kept as a data file under `indexer/queries/`) for each.

use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;
use tree_sitter::Query;

/// A language ctx parses into symbols. Files of other languages are still
/// indexed for lexical search, as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Language {
    /// Python (`.py`, `.pyi`).
    Python,
    /// Rust (`.rs`).
    Rust,
    /// Go (`.go`).
    Go,
    /// JavaScript, including JSX (`.js`, `.jsx`, `.mjs`, `.cjs`).
    JavaScript,
    /// TypeScript (`.ts`, `.mts`, `.cts`).
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    /// Java (`.java`).
    Java,
    /// C (`.c`, `.h`).
    C,
    /// C++ (`.cc`, `.cpp`, `.cxx`, `.hpp`, `.hh`, `.hxx`).
    Cpp,
    /// C# (`.cs`).
    CSharp,
    /// Kotlin (`.kt`, `.kts`).
    Kotlin,
    /// Swift (`.swift`).
    Swift,
    /// Ruby (`.rb`, `.rake`, `.gemspec`, `Rakefile`, `Gemfile`).
    Ruby,
    /// PHP (`.php`).
    Php,
    /// Scala (`.scala`, `.sc`).
    Scala,
    /// Lua (`.lua`).
    Lua,
    /// Bash and POSIX shell (`.sh`, `.bash`).
    Bash,
    /// Elixir (`.ex`, `.exs`).
    Elixir,
    /// Haskell (`.hs`).
    Haskell,
    /// Zig (`.zig`).
    Zig,
    /// Dart (`.dart`).
    Dart,
    /// A text file ctx does not parse: indexed for search, without symbols.
    Text,
}

/// All languages that have a grammar, in a fixed order.
///
/// A language's position here is its code in the tables: new languages go
/// at the end.
pub const PARSED_LANGUAGES: [Language; 21] = [
    Language::Python,
    Language::Rust,
    Language::Go,
    Language::JavaScript,
    Language::TypeScript,
    Language::Tsx,
    Language::Java,
    Language::C,
    Language::Cpp,
    Language::CSharp,
    Language::Kotlin,
    Language::Swift,
    Language::Ruby,
    Language::Php,
    Language::Scala,
    Language::Lua,
    Language::Bash,
    Language::Elixir,
    Language::Haskell,
    Language::Zig,
    Language::Dart,
];

impl Language {
    /// Detects the language from a file name; `None` for files that are not
    /// source or text worth indexing (images, archives, lock files...).
    pub fn detect(path: &Path) -> Option<Language> {
        let name = path.file_name()?.to_str()?;
        let ext = match name.rsplit_once('.') {
            Some((_, ext)) => ext.to_ascii_lowercase(),
            None if RUBY_NAMES.contains(&name) => return Some(Language::Ruby),
            None => return TEXT_NAMES.contains(&name).then_some(Language::Text),
        };
        Some(match ext.as_str() {
            "py" | "pyi" => Language::Python,
            "rs" => Language::Rust,
            "go" => Language::Go,
            "js" | "jsx" | "mjs" | "cjs" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "java" => Language::Java,
            "c" | "h" => Language::C,
            "cc" | "cpp" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "h++" | "ipp" | "tpp" => {
                Language::Cpp
            }
            "cs" => Language::CSharp,
            "kt" | "kts" => Language::Kotlin,
            "swift" => Language::Swift,
            "rb" | "rake" | "gemspec" => Language::Ruby,
            "php" => Language::Php,
            "scala" | "sc" => Language::Scala,
            "lua" => Language::Lua,
            "sh" | "bash" => Language::Bash,
            "ex" | "exs" => Language::Elixir,
            "hs" => Language::Haskell,
            "zig" => Language::Zig,
            "dart" => Language::Dart,
            e if TEXT_EXTENSIONS.contains(&e) => Language::Text,
            _ => return None,
        })
    }

    /// The language of a file of this detected language, now that its text
    /// is known: a `.h` header is C by its name, and C++ when its text uses
    /// what only C++ has (`template`, `namespace`, `class X {`, access
    /// specifiers, `::`...). fmt's and abseil's headers are `.h` files, and
    /// the C grammar finds none of their classes or templates.
    pub fn refine(self, path: &str, text: &str) -> Language {
        if self == Language::C && path.ends_with(".h") && looks_like_cpp(text) { Language::Cpp } else { self }
    }

    /// Whether a file detected as `self` may have been indexed as `indexed`
    /// (the same, or a header refined to C++).
    pub fn admits(self, indexed: Language) -> bool {
        self == indexed || (self == Language::C && indexed == Language::Cpp)
    }

    /// The name used in fences of the rendered pack and in the query folder.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Rust => "rust",
            Language::Go => "go",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Java => "java",
            Language::C => "c",
            Language::Cpp => "cpp",
            Language::CSharp => "csharp",
            Language::Kotlin => "kotlin",
            Language::Swift => "swift",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::Scala => "scala",
            Language::Lua => "lua",
            Language::Bash => "bash",
            Language::Elixir => "elixir",
            Language::Haskell => "haskell",
            Language::Zig => "zig",
            Language::Dart => "dart",
            Language::Text => "text",
        }
    }

    /// The separator between a container and a member in qualified names.
    pub fn scope_separator(self) -> &'static str {
        match self {
            Language::Rust | Language::Cpp | Language::Ruby | Language::Php => "::",
            _ => ".",
        }
    }

    /// The tree-sitter grammar, or `None` for plain text.
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        Some(match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            Language::C => tree_sitter_c::LANGUAGE.into(),
            Language::Cpp => tree_sitter_cpp::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Kotlin => tree_sitter_kotlin_ng::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Swift => tree_sitter_swift::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            #[cfg(feature = "more-languages")]
            Language::Scala => tree_sitter_scala::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Lua => tree_sitter_lua::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Bash => tree_sitter_bash::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Elixir => tree_sitter_elixir::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Haskell => tree_sitter_haskell::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Zig => tree_sitter_zig::LANGUAGE.into(),
            #[cfg(feature = "more-languages")]
            Language::Dart => tree_sitter_dart::LANGUAGE.into(),
            _ => return None,
        })
    }

    /// The source of the tag query for this language (a data file).
    pub fn tags_source(self) -> &'static str {
        match self {
            Language::Python => include_str!("../../queries/python/tags.scm"),
            Language::Rust => include_str!("../../queries/rust/tags.scm"),
            Language::Go => include_str!("../../queries/go/tags.scm"),
            Language::JavaScript => include_str!("../../queries/javascript/tags.scm"),
            // TSX is TypeScript plus JSX: the same definitions.
            Language::TypeScript | Language::Tsx => include_str!("../../queries/typescript/tags.scm"),
            Language::Java => include_str!("../../queries/java/tags.scm"),
            Language::C => include_str!("../../queries/c/tags.scm"),
            Language::Cpp => include_str!("../../queries/cpp/tags.scm"),
            Language::CSharp => include_str!("../../queries/csharp/tags.scm"),
            Language::Kotlin => include_str!("../../queries/kotlin/tags.scm"),
            Language::Swift => include_str!("../../queries/swift/tags.scm"),
            Language::Ruby => include_str!("../../queries/ruby/tags.scm"),
            Language::Php => include_str!("../../queries/php/tags.scm"),
            Language::Scala => include_str!("../../queries/scala/tags.scm"),
            Language::Lua => include_str!("../../queries/lua/tags.scm"),
            Language::Bash => include_str!("../../queries/bash/tags.scm"),
            Language::Elixir => include_str!("../../queries/elixir/tags.scm"),
            Language::Haskell => include_str!("../../queries/haskell/tags.scm"),
            Language::Zig => include_str!("../../queries/zig/tags.scm"),
            Language::Dart => include_str!("../../queries/dart/tags.scm"),
            Language::Text => "",
        }
    }

    /// The compiled tag query, built once per process. A query that does not
    /// compile is a bug in a data file; the test `every_tag_query_compiles`
    /// guards it, and at run time such a language falls back to plain text.
    pub fn tags_query(self) -> Option<&'static TagsQuery> {
        static QUERIES: PerLanguage<Option<TagsQuery>> = PerLanguage::new();
        QUERIES.get(self, || compile_tags_query(self).ok())?.as_ref()
    }
}

/// One value per parsed language, built the first time that language asks
/// for it: a repository of one language builds one.
pub(crate) struct PerLanguage<T>([OnceLock<T>; PARSED_LANGUAGES.len()]);

impl<T> PerLanguage<T> {
    pub(crate) const fn new() -> Self {
        PerLanguage([const { OnceLock::new() }; PARSED_LANGUAGES.len()])
    }

    /// The value of `language`, built by `init` if it is the first ask;
    /// `None` for a language without a grammar.
    pub(crate) fn get(&self, language: Language, init: impl FnOnce() -> T) -> Option<&T> {
        let position = PARSED_LANGUAGES.iter().position(|l| *l == language)?;
        Some(self.0[position].get_or_init(init))
    }
}

/// A language's compiled tag query with the predicates ctx evaluates itself.
pub struct TagsQuery {
    /// The tree-sitter query.
    pub query: Query,
    /// Per pattern, its `#parent-kind?` predicate, if any.
    pub(crate) parent_kinds: Vec<Option<ParentKind>>,
    /// By node kind id, whether some pattern starts at a node of that kind.
    /// The query runs only at such nodes, with no deeper start, which
    /// spares the cursor a visit of every node of the tree: the query holds
    /// definitions and imports, which start at a few kinds of nodes. A
    /// pattern that starts otherwise (a wildcard, a sequence of siblings)
    /// does not compile.
    pub(crate) roots: Vec<bool>,
}

impl TagsQuery {
    /// Whether some pattern starts at a node of this kind.
    pub(crate) fn is_root(&self, kind: u16) -> bool {
        self.roots.get(kind as usize).copied().unwrap_or(false)
    }
}

/// The kinds of node a pattern's text starts with: `(kind ...)`,
/// `((kind ...) @capture (#predicate ...))`, or an alternation
/// `[(a ...) (b ...)]`; `None` for a wildcard or anything else.
fn pattern_roots(text: &str) -> Option<Vec<&str>> {
    let text = text.trim_start();
    // `((a) . (b))` is a sequence of siblings, which a cursor started at
    // one node cannot follow: only `((a ...) @capture (#predicate ...))` is a group of one.
    if let Some(group) = text.strip_prefix('(')
        && group.trim_start().starts_with(['(', '['])
        && !is_group_of_one(group.trim_start())
    {
        return None;
    }
    let text = text.trim_start_matches(|c: char| c == '(' || c.is_whitespace());
    let kind_at = |text: &str| -> Option<usize> {
        let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
        (end > 0 && !text.starts_with('_')).then_some(end)
    };
    if let Some(alternatives) = text.strip_prefix('[') {
        // Each alternative at the bracket's own depth names a root kind.
        let mut roots = Vec::new();
        let mut depth = 0usize;
        let mut rest = alternatives;
        while let Some(c) = rest.chars().next() {
            match c {
                ']' if depth == 0 => return (!roots.is_empty()).then_some(roots),
                '(' => {
                    if depth == 0 {
                        let inner = &rest[1..];
                        roots.push(&inner[..kind_at(inner)?]);
                    }
                    depth += 1;
                }
                ')' => depth = depth.checked_sub(1)?,
                '"' | '[' | ';' if depth == 0 => return None,
                _ => {}
            }
            rest = &rest[c.len_utf8()..];
        }
        return None;
    }
    Some(vec![&text[..kind_at(text)?]])
}

/// Whether the text inside a group's parenthesis, starting at its first
/// node, holds that node and then only captures and predicates.
fn is_group_of_one(inner: &str) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in inner.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let rest = inner[at + 1..].trim_start_matches(|c: char| c.is_whitespace() || "*+?".contains(c));
                    let rest = rest.trim_start_matches(|c: char| c == '@' || c == '.' || c == '_' || c.is_alphanumeric() || c.is_whitespace());
                    return rest.starts_with(')') || rest.starts_with("(#");
                }
            }
            _ => {}
        }
    }
    false
}

/// The root-kind table of a query (see [`TagsQuery::roots`]).
fn roots_of(grammar: &tree_sitter::Language, query: &Query, source: &str) -> Option<Vec<bool>> {
    let mut roots = vec![false; grammar.node_kind_count()];
    for pattern in 0..query.pattern_count() {
        let text = source.get(query.start_byte_for_pattern(pattern)..query.end_byte_for_pattern(pattern))?;
        for kind in pattern_roots(text)? {
            match grammar.id_for_node_kind(kind, true) {
                0 => return None,
                id => *roots.get_mut(id as usize)? = true,
            }
        }
    }
    Some(roots)
}

/// `(#parent-kind? @capture "kind" ...)`: the node captured must be a
/// direct child of a node of one of these kinds. One pattern with it stands
/// for a pattern per parent kind, which a grammar as large as C++'s makes
/// costly to compile (tens of milliseconds each, in every process).
pub(crate) struct ParentKind {
    capture: u32,
    kinds: Vec<Box<str>>,
}

impl ParentKind {
    /// Whether every node of the predicate's capture in a match has a listed parent.
    pub(crate) fn holds(&self, captures: &[tree_sitter::QueryCapture<'_>]) -> bool {
        captures
            .iter()
            .filter(|c| c.index == self.capture)
            .all(|c| c.node.parent().is_some_and(|p| self.kinds.iter().any(|k| &**k == p.kind())))
    }
}

/// Compiles the tag query of one language, with the grammar's error.
pub fn compile_tags_query(language: Language) -> Result<TagsQuery, String> {
    compile_query_source(language, language.tags_source())
}

/// Compiles `source` for `language`'s grammar. A predicate tree-sitter does
/// not evaluate and ctx does not know (a misspelt `#parent-kind?`) would
/// silently match everything, so it is an error like a syntax error.
fn compile_query_source(language: Language, source: &str) -> Result<TagsQuery, String> {
    let grammar = language
        .grammar()
        .ok_or_else(|| format!("{} has no grammar", language.name()))?;
    let query = Query::new(&grammar, source).map_err(|e| format!("{}: {e}", language.name()))?;
    let parent_kinds = (0..query.pattern_count())
        .map(|pattern| {
            let mut found = None;
            for predicate in query.general_predicates(pattern) {
                if &*predicate.operator != "parent-kind?" {
                    return Err(format!("{}: unknown predicate #{} in pattern {pattern}", language.name(), predicate.operator));
                }
                let mut capture = None;
                let mut kinds = Vec::new();
                for arg in &predicate.args {
                    match arg {
                        tree_sitter::QueryPredicateArg::Capture(id) if capture.is_none() => capture = Some(*id),
                        tree_sitter::QueryPredicateArg::String(kind) => kinds.push(kind.clone()),
                        tree_sitter::QueryPredicateArg::Capture(_) => {
                            return Err(format!("{}: #parent-kind? takes one capture (pattern {pattern})", language.name()));
                        }
                    }
                }
                let capture = capture.ok_or_else(|| format!("{}: #parent-kind? without a capture (pattern {pattern})", language.name()))?;
                if kinds.is_empty() || found.is_some() {
                    return Err(format!("{}: #parent-kind? needs kinds, once per pattern (pattern {pattern})", language.name()));
                }
                found = Some(ParentKind { capture, kinds });
            }
            Ok(found)
        })
        .collect::<Result<_, String>>()?;
    let roots = roots_of(&grammar, &query, source).ok_or_else(|| {
        format!("{}: a pattern does not start at a named node kind (ctx runs each pattern only at nodes of its first kind)", language.name())
    })?;
    Ok(TagsQuery { query, parent_kinds, roots })
}

/// Whether C-or-C++ source text uses what only C++ has, outside comments
/// and literals: the keywords `template`, `namespace`, `constexpr`,
/// `nullptr`, `noexcept`, an access specifier (`public:`), or `::` twice.
fn looks_like_cpp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut scopes = 0;
    let mut at = 0;
    let word_at = |at: usize| -> &[u8] {
        let end = bytes[at..].iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'_')).map_or(bytes.len(), |n| at + n);
        &bytes[at..end]
    };
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |n| at + n);
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = bytes[at + 2..].windows(2).position(|w| w == b"*/").map_or(bytes.len(), |n| at + n + 4);
            }
            quote @ (b'"' | b'\'') => {
                at += 1;
                while at < bytes.len() && bytes[at] != quote && bytes[at] != b'\n' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at += 1;
            }
            b':' if bytes.get(at + 1) == Some(&b':') => {
                scopes += 1;
                if scopes >= 2 {
                    return true;
                }
                at += 2;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let word = word_at(at);
                let follows = bytes[at + word.len()..].iter().find(|b| !b.is_ascii_whitespace());
                let cpp = match word {
                    b"template" | b"namespace" | b"constexpr" | b"nullptr" | b"noexcept" => true,
                    b"public" | b"private" | b"protected" => follows == Some(&b':'),
                    _ => false,
                };
                if cpp {
                    return true;
                }
                at += word.len();
            }
            _ => at += 1,
        }
    }
    false
}

/// Extensions of text files indexed for search without a grammar.
const TEXT_EXTENSIONS: &[&str] = &[
    "md", "rst", "txt", "toml", "yaml", "yml", "json", "cfg", "ini", "zsh", "mk",
    "cmake", "gradle", "m", "mm", "pl",
    "pm", "r", "jl", "erl", "ml", "mli", "clj", "nim", "s",
    "asm", "sql", "proto", "thrift", "graphql", "html", "css", "scss", "less", "vue", "svelte",
    "xml", "tex", "el", "vim", "dockerfile", "tf", "bzl", "star", "pyx", "pxd",
];

/// Extension-less file names of Ruby code.
const RUBY_NAMES: &[&str] = &["Rakefile", "Gemfile", "Guardfile", "Vagrantfile"];

/// Extension-less file names indexed as text.
const TEXT_NAMES: &[&str] = &[
    "Makefile", "Dockerfile", "CMakeLists.txt", "Kconfig", "BUILD",
    "WORKSPACE", "Justfile",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_query_compiles() {
        for language in PARSED_LANGUAGES {
            match compile_tags_query(language) {
                Err(e) => panic!("tag query does not compile: {e}"),
                // Its patterns start somewhere, and the query runs only there.
                Ok(tags) => assert!(tags.roots.iter().any(|&root| root), "{}: no pattern starts at a named kind", language.name()),
            }
        }
    }

    #[test]
    fn pattern_roots_are_read_from_the_pattern_text() {
        assert_eq!(pattern_roots("(function_declaration name: (identifier) @name) @definition.function"), Some(vec!["function_declaration"]));
        assert_eq!(pattern_roots("((type_declaration (type_spec)) @definition.struct\n  (#not-match? @definition.struct \"^type\"))"), Some(vec!["type_declaration"]));
        assert_eq!(pattern_roots("([\n (class_declaration) @a\n (interface_declaration (x)) @b\n])"), Some(vec!["class_declaration", "interface_declaration"]));
        assert_eq!(pattern_roots("(_) @anything"), None);
        assert_eq!(pattern_roots("[(a) \"keyword\"] @x"), None);
        assert_eq!(pattern_roots("\"keyword\" @x"), None);
        // Sequences of siblings cannot be matched from one node.
        assert_eq!(pattern_roots("((comment) @doc . (function_declaration) @f)"), None);
        assert_eq!(pattern_roots("((comment)* @doc [(a) (b)] @f)"), None);
        assert_eq!(pattern_roots("((call_expression function: (identifier) @n) @c (#eq? @n \")(\") (#match? @c \"x\"))"), Some(vec!["call_expression"]));
        // A wildcard root leaves the whole table unknown, so the query runs over the whole tree.
        let grammar = Language::Go.grammar().expect("grammar");
        let source = "(function_declaration) @f\n(_ (identifier) @i)";
        let query = Query::new(&grammar, source).expect("compiles");
        assert!(roots_of(&grammar, &query, source).is_none());
        // ... and such a query is refused rather than run over every node.
        assert!(compile_query_source(Language::Go, source).is_err_and(|e| e.contains("named node kind")));
        let source = "(function_declaration) @f\n(method_declaration) @m";
        let query = Query::new(&grammar, source).expect("compiles");
        let roots = roots_of(&grammar, &query, source).expect("listed");
        assert!(roots[grammar.id_for_node_kind("method_declaration", true) as usize]);
        assert!(!roots[grammar.id_for_node_kind("identifier", true) as usize]);
    }

    #[test]
    fn an_unknown_or_malformed_predicate_is_an_error() {
        let compile = |source: &str| compile_query_source(Language::Cpp, source).map(|q| q.parent_kinds.len());
        assert_eq!(compile(r#"((identifier) @x (#parent-kind? @x "declaration"))"#), Ok(1));
        assert!(compile(r#"((identifier) @x (#parent-kinds? @x "declaration"))"#).is_err(), "a misspelt predicate");
        assert!(compile(r#"((identifier) @x (#parent-kind? "declaration"))"#).is_err(), "no capture");
        assert!(compile(r#"((identifier) @x (#parent-kind? @x))"#).is_err(), "no kinds");
    }

    #[test]
    fn a_header_is_cpp_when_its_text_is() {
        let refine = |text: &str| Language::C.refine("include/fmt/base.h", text);
        assert_eq!(refine("template <typename Context> class basic_format_args {};"), Language::Cpp);
        assert_eq!(refine("namespace fmt {\nint x;\n}"), Language::Cpp);
        assert_eq!(refine("class A {\n public:\n  int f();\n};"), Language::Cpp);
        assert_eq!(refine("int a = std::max(1, 2);\nstd::vector<int> v;"), Language::Cpp);
        assert_eq!(refine("struct s { int x; };\nint f(void);\n/* template<> namespace :: :: */\n// public: template\n"), Language::C);
        assert_eq!(refine("const char *s = \"template namespace a::b::c\";"), Language::C);
        assert_eq!(refine("int public_count; int private_x = 1;\nlabel: x = 1;"), Language::C);
        assert_eq!(Language::C.refine("src/a.c", "template <class T> T f();"), Language::C, "only headers are refined");
        assert!(Language::C.admits(Language::Cpp) && Language::C.admits(Language::C) && !Language::Cpp.admits(Language::C));
    }

    #[test]
    fn detects_by_extension_and_name() {
        assert_eq!(Language::detect(Path::new("a/b.py")), Some(Language::Python));
        assert_eq!(Language::detect(Path::new("x.TSX")), Some(Language::Tsx));
        assert_eq!(Language::detect(Path::new("Makefile")), Some(Language::Text));
        assert_eq!(Language::detect(Path::new("x.png")), None);
        assert_eq!(Language::detect(Path::new("LICENSE")), None);
    }
}

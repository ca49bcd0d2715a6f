//! The names a file binds under other names: imports that rename what
//! they import (`from m import a as b`, `use m::a as b`, `import b from
//! "m"`, `const b = require("m")`), and exports that give a definition
//! another name (`export default f`, `module.exports = f`, `export { a as b }`).
//!
//! Both are [`Alias`]es; an export's module is empty (the file itself), an
//! import's is the module it names. A default import binds the name
//! `default` of its module, which the module's default export maps to a
//! definition. JavaScript's and TypeScript's forms, and all exports, are
//! read by the `javascript` module.

use super::javascript;
use super::language::Language;
use super::node::text_of;
use super::symbol::Alias;
use tree_sitter::Node;

/// The local names an import statement binds to other names. Read from the
/// statement's text: the alias forms are few and fixed per language.
pub(crate) fn aliases_of(language: Language, node: Node, module: &str, source: &str, out: &mut Vec<Alias>) {
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    let last_segment = |path: &str| {
        path.rsplit(['.', '/', ':']).find(|s| !s.is_empty()).unwrap_or(path).trim_matches(['"', '\'', '`']).to_string()
    };
    let mut push = |local: &str, original: String| {
        if is_word(local) && is_word(&original) && local != original {
            out.push(Alias { local: local.to_string(), original, module: module.to_string() });
        }
    };
    let text = text_of(node, source);
    match language {
        Language::Python => {
            // `from m import a as b, c` / `import m.a as b`
            let items = text.split_once(" import ").map_or(text.trim_start_matches("import"), |(_, items)| items);
            for item in items.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace()).split(',') {
                if let Some((original, local)) = item.split_once(" as ") {
                    push(local.trim(), last_segment(original.trim()));
                }
            }
        }
        Language::Rust => {
            // `use a::b as c;`, `use a::{b as c, d}`
            let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}' || c == ';').filter(|w| !w.is_empty()).collect();
            // The module of an alias is the aliased path itself (`a::b::c`), so
            // resolution can follow it like any `use` path.
            let group_prefix = text.split_once('{').map(|(head, _)| head.trim_start_matches("use").trim().trim_end_matches("::").to_string());
            for window in words.windows(3) {
                if window[1] == "as" && is_word(window[2]) && window[2] != "_" {
                    let path = match &group_prefix {
                        Some(prefix) if !window[0].starts_with(prefix.as_str()) => format!("{prefix}::{}", window[0]),
                        _ => window[0].trim_start_matches("use").trim().to_string(),
                    };
                    out.push(Alias { local: window[2].to_string(), original: last_segment(window[0]), module: path });
                }
            }
        }
        Language::JavaScript | Language::TypeScript | Language::Tsx => javascript::import_aliases(node, &text, source, &mut push),
        Language::Go => {
            // `customs "example.com/shipping/tax"`: the package `tax`, called `customs` here.
            if let Some((local, path)) = text.trim().split_once(char::is_whitespace)
                && path.trim().starts_with('"') {
                    push(local, last_segment(path.trim()));
                }
        }
        Language::Java => {}
        Language::Lua => super::languages::lua::require_aliases(node, module, source, out),
        Language::Haskell => super::languages::haskell::import_aliases(node, module, source, out),
        Language::Zig => super::languages::zig::import_aliases(node, module, source, out),
        Language::Elixir => super::languages::elixir::import_alias(&text, module, out),
        Language::Php => super::languages::php::use_aliases(&text, module, out),
        Language::CSharp => super::languages::csharp::using_alias(&text, module, out),
        Language::Kotlin => super::languages::kotlin::import_alias(&text, module, out),
        Language::Scala => super::languages::scala::import_aliases(&text, out),
        Language::Dart => super::languages::dart::import_prefix(&text, module, out),
        _ => {}
    }
}


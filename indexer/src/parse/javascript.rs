//! JavaScript's and TypeScript's own code: the names their imports bind
//! under other names (`import { a as b }`, default imports, `require`s) and
//! the names their modules export under other names (`export default f`,
//! `module.exports = f`, `export { a as b }`).

use super::language::Language;
use super::node::text_of;
use super::symbol::Alias;
use tree_sitter::Node;

/// The local names a JavaScript or TypeScript import statement (or
/// `require` call) binds to other names, passed to `push` as (local,
/// original); `text` is the statement's text.
pub(crate) fn import_aliases(node: Node, text: &str, source: &str, push: &mut impl FnMut(&str, String)) {
    // `import { a as b } from "m"`
    if let (Some(open), Some(close)) = (text.find('{'), text.find('}'))
        && open < close && text.trim_start().starts_with("import") {
            for item in text[open + 1..close].split(',') {
                if let Some((original, local)) = item.split_once(" as ") {
                    push(local.trim(), original.trim().trim_start_matches("type ").to_string());
                }
            }
        }
    // `import b from "m"`, `import b, { a } from "m"`, `import b = require("m")`: the module's default export.
    if node.kind() == "import_statement" {
        let mut cursor = node.walk();
        for clause in node.named_children(&mut cursor).filter(|c| matches!(c.kind(), "import_clause" | "import_require_clause")) {
            let mut inner = clause.walk();
            if let Some(local) = clause.named_children(&mut inner).find(|c| c.kind() == "identifier") {
                push(&text_of(local, source), "default".into());
            }
        }
    }
    // `const b = require("m")`: the whole export of a CommonJS module, its
    // default; `const b = require("m").a`: its `a`.
    if node.kind() == "call_expression" {
        let (holder, original) = match node.parent() {
            Some(member) if member.kind() == "member_expression" => {
                (member.parent(), member.child_by_field_name("property").map(|p| text_of(p, source)))
            }
            holder => (holder, Some("default".to_string())),
        };
        let local = holder
            .filter(|d| d.kind() == "variable_declarator")
            .and_then(|d| d.child_by_field_name("name"))
            .filter(|n| n.kind() == "identifier");
        if let (Some(local), Some(original)) = (local, original) {
            push(&text_of(local, source), original);
        }
    }
    // `const { a: b } = require("m")`: the pattern is on the declarator around the call.
    let declarator = std::iter::successors(node.parent(), |n| n.parent()).take(3).find(|n| n.kind() == "variable_declarator");
    if let Some(pattern) = declarator.and_then(|d| d.child_by_field_name("name")).filter(|p| p.kind() == "object_pattern") {
        let pattern = text_of(pattern, source);
        for item in pattern.trim_matches(|c| c == '{' || c == '}').split(',') {
            if let Some((original, local)) = item.split_once(':') {
                push(local.trim(), original.trim().to_string());
            }
        }
    }
}

/// The names a JavaScript or TypeScript module exports under another name,
/// from its top-level statements: `export default f` and `module.exports =
/// f` (the name `default`), `export { a as b }`, `exports.b = a`.
pub(crate) fn exports_of(language: Language, root: Node, source: &str, out: &mut Vec<Alias>) {
    if !matches!(language, Language::JavaScript | Language::TypeScript | Language::Tsx) {
        return;
    }
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    let mut push = |local: &str, original: String| {
        if is_word(local) && is_word(&original) && local != original {
            out.push(Alias { local: local.to_string(), original, module: String::new() });
        }
    };
    let mut cursor = root.walk();
    for statement in root.named_children(&mut cursor) {
        match statement.kind() {
            // Not a re-export (`export { a } from "m"`), which names another module's definitions.
            "export_statement" if statement.child_by_field_name("source").is_none() => {
                let mut children = statement.walk();
                let children: Vec<Node> = statement.children(&mut children).collect();
                if children.iter().any(|c| c.kind() == "default") {
                    let exported = statement.child_by_field_name("declaration").or_else(|| statement.child_by_field_name("value"));
                    if let Some(name) = exported.and_then(|n| defined_name(n, source)) {
                        push("default", name);
                    }
                }
                for clause in children.iter().filter(|c| c.kind() == "export_clause") {
                    let mut specifiers = clause.walk();
                    for specifier in clause.named_children(&mut specifiers) {
                        let (Some(name), Some(alias)) = (specifier.child_by_field_name("name"), specifier.child_by_field_name("alias")) else {
                            continue;
                        };
                        push(&text_of(alias, source), text_of(name, source));
                    }
                }
            }
            "expression_statement" => {
                let Some(assignment) = statement.named_child(0).filter(|n| n.kind() == "assignment_expression") else { continue };
                let (Some(left), Some(right)) = (assignment.child_by_field_name("left"), assignment.child_by_field_name("right")) else {
                    continue;
                };
                let Some(value) = defined_name(right, source) else { continue };
                let target: String = text_of(left, source).chars().filter(|c| !c.is_whitespace()).collect();
                if target == "module.exports" {
                    push("default", value);
                } else if let Some(name) = target.strip_prefix("module.exports.").or_else(|| target.strip_prefix("exports.")) {
                    push(name, value);
                }
            }
            _ => {}
        }
    }
}

/// The name an exported expression or declaration gives a definition: `f`
/// in `f`, `function f() {}`, `class F {}`.
fn defined_name(node: Node, source: &str) -> Option<String> {
    if node.kind() == "identifier" {
        return Some(text_of(node, source));
    }
    node.child_by_field_name("name").filter(|n| matches!(n.kind(), "identifier" | "type_identifier")).map(|n| text_of(n, source))
}

//! Definitions: the matches of a file's tag query turned into symbols with
//! parents and qualified names, each with its one-line signature and its
//! doc comment (or Python docstring).

use super::cpp;
use super::language::Language;
use super::languages::{elixir, haskell, lua, ruby, zig};
use super::node::{end_line_of, line_of, text_of, truncate};
use super::symbol::{Symbol, SymbolKind};
// Fx hashing: these maps are keyed by node ids, hashed for every
// definition of a file, where SipHash's DoS resistance buys nothing.
use rustc_hash::FxHashMap as HashMap;
use tree_sitter::Node;

/// Longest signature kept, in bytes; longer ones are cut at a char boundary.
const MAX_SIGNATURE_BYTES: usize = 240;
/// Longest doc comment kept, in bytes.
const MAX_DOC_BYTES: usize = 1200;

/// Turns sorted definition nodes into symbols with parents and qualified names.
pub(crate) fn build_symbols<'tree>(
    language: Language,
    source: &str,
    root: Node<'tree>,
    defs: &[(Node<'tree>, Node<'tree>, SymbolKind)],
    family: &mut Family<'tree>,
) -> Vec<Symbol> {
    let separator = language.scope_separator();
    let mut symbols: Vec<Symbol> = Vec::with_capacity(defs.len());
    // Indices of the open definitions enclosing the current one.
    let mut stack: Vec<usize> = Vec::new();
    for (node, name_node, kind) in defs {
        let (start, end) = (node.start_byte() as u32, node.end_byte() as u32);
        while let Some(&top) = stack.last() {
            if symbols[top].end_byte >= end && symbols[top].start_byte <= start {
                break;
            }
            stack.pop();
        }
        let parent = stack.last().copied();
        // A C++ class template's specialization (`struct formatter<T, Char>`)
        // is named by its template's name: its arguments stay in the signature.
        let name_node = &if language == Language::Cpp { cpp::specialized_template(*name_node) } else { *name_node };
        let mut name = text_of(*name_node, source);
        // A name that writes its scope: an out-of-line C++ definition (`void
        // Shape::draw()`), Ruby's `class Billing::Report::Aging`, Elixir's
        // `defmodule Shop.Billing.Invoice` (one node, split here).
        let written_scope = match language {
            Language::Cpp => cpp::written_scope(*name_node, source),
            Language::Ruby => ruby::written_scope(*name_node, source),
            Language::Elixir => elixir::split_module_name(*name_node, &mut name),
            _ => None,
        };
        let mut kind = *kind;
        if kind == SymbolKind::Function
            && parent.is_some_and(|p| symbols[p].kind.holds_methods())
        {
            kind = SymbolKind::Method;
        }
        let container = match parent {
            Some(p) if symbols[p].kind.is_container() || kind == SymbolKind::Function => {
                Some(symbols[p].qualified_name.clone())
            }
            _ => None,
        };
        if written_scope.is_some() && kind == SymbolKind::Function {
            kind = SymbolKind::Method;
        }
        // A Lua function stored in a table (`function M.add()`) is named after it, and stays a function.
        let written_scope = written_scope.or_else(|| if language == Language::Lua { lua::table_of(*name_node, source) } else { None });
        let qualified_name = [container, written_scope]
            .into_iter()
            .flatten()
            .chain(std::iter::once(name.clone()))
            .collect::<Vec<_>>()
            .join(separator);
        let enclosing_node = parent.map_or(root, |p| defs[p].0);
        let (doc, leading_line) = doc_of(language, *node, enclosing_node, source, family);
        symbols.push(Symbol {
            name,
            kind,
            qualified_name,
            parent: parent.map(|p| p as u32),
            start_byte: start,
            end_byte: end,
            start_line: line_of(*node),
            end_line: end_line_of(*node),
            leading_line,
            signature: signature_of(language, *node, kind, source),
            doc,
        });
        stack.push(symbols.len() - 1);
    }
    if language == Language::Haskell {
        haskell::merge_equations(&mut symbols, source);
    }
    symbols
}

/// The children of the nodes looked at in one file, so that parents and
/// earlier siblings are found by binary search from a known ancestor.
///
/// `Node::parent` and `Node::prev_sibling` search down from the root at
/// every call, scanning every top-level declaration of the file on the
/// way: called for each use and definition they were an eighth of the CPU
/// time of indexing the Go tree, and a linear scan of the same children
/// from a closer ancestor is still quadratic in files of thousands of
/// declarations.
#[derive(Default)]
pub(crate) struct Family<'tree> {
    children: HashMap<usize, Vec<Node<'tree>>>,
}

impl<'tree> Family<'tree> {
    fn children(&mut self, node: Node<'tree>) -> &[Node<'tree>] {
        self.children.entry(node.id()).or_insert_with(|| {
            let mut cursor = node.walk();
            node.children(&mut cursor).collect()
        })
    }

    /// The index among `parent`'s children of the child holding `node`.
    fn child_holding(&mut self, parent: Node<'tree>, node: Node<'tree>) -> Option<usize> {
        let (start, end) = (node.start_byte(), node.end_byte());
        let children = self.children(parent);
        let after = children.partition_point(|c| c.start_byte() <= start);
        // Zero-width children may share a start with the one that holds the node.
        (0..after).rev().take(4).find(|&i| children[i].id() == node.id() || children[i].end_byte() >= end)
    }

    /// The parent of `node`, searched for downwards from `ancestor`; `None`
    /// when `ancestor` does not hold `node`.
    fn parent_within(&mut self, ancestor: Node<'tree>, node: Node<'tree>) -> Option<Node<'tree>> {
        if ancestor.id() == node.id() || ancestor.start_byte() > node.start_byte() || ancestor.end_byte() < node.end_byte() {
            return None;
        }
        let mut current = ancestor;
        loop {
            let i = self.child_holding(current, node)?;
            let child = self.children(current)[i];
            if child.id() == node.id() {
                return Some(current);
            }
            current = child;
        }
    }

    /// The children of `parent` before `node`, nearest last.
    fn earlier_siblings(&mut self, parent: Node<'tree>, node: Node<'tree>) -> &[Node<'tree>] {
        let at = self.child_holding(parent, node).filter(|&i| self.children(parent)[i].id() == node.id());
        match at {
            Some(i) => &self.children(parent)[..i],
            None => &[],
        }
    }
}

/// The declaration text before the body, on one line.
fn signature_of(language: Language, node: Node, kind: SymbolKind, source: &str) -> String {
    let body = node.child_by_field_name("body").or_else(|| do_block_of(node)).or_else(|| unfielded_body(language, node));
    let mut end = body.map_or_else(|| node.end_byte(), |b| b.start_byte());
    // Ruby's comments above a body's first statement sit between the header and the body.
    if let Some(body) = body.filter(|b| LEADING_BODY_KINDS.contains(&b.kind())) {
        let mut cursor = node.walk();
        let comment = node.children(&mut cursor).take_while(|c| c.id() != body.id()).find(|c| c.kind() == "comment");
        end = comment.map_or(end, |c| c.start_byte());
    }
    if node.child_by_field_name("body").is_none() {
        // `const f = (x) => { ... }`: the signature ends where the function's body starts.
        if let Some(body) = declared_function_body(node) {
            end = body.start_byte();
        }
    }
    let mut text = source.get(node.start_byte()..end).unwrap_or_default();
    // Type declarations and macros have no body field: stop at the first
    // brace, unless a template literal comes first.
    if node.child_by_field_name("body").is_none() && kind != SymbolKind::Constant && kind != SymbolKind::Function
        && let Some(brace) = text.find('{')
            && !text[..brace].contains('`') {
                text = &text[..brace];
            }
    let mut signature = String::with_capacity(text.len().min(MAX_SIGNATURE_BYTES));
    for word in text.split_whitespace() {
        if !signature.is_empty() {
            signature.push(' ');
        }
        signature.push_str(word);
        if signature.len() > MAX_SIGNATURE_BYTES {
            break;
        }
    }
    let trimmed = signature.trim_end_matches([':', '{', ' ', '=']);
    truncate(trimmed, MAX_SIGNATURE_BYTES)
}

/// The block holding a definition's body where the grammar has no body
/// field: Elixir's `def f(x) do ... end`, Ruby's `Point = Struct.new(:x) do ... end`.
fn do_block_of(node: Node) -> Option<Node> {
    let holder = node.child_by_field_name("right").unwrap_or(node);
    let mut cursor = holder.walk();
    holder.children(&mut cursor).find(|c| c.kind() == "do_block")
}

/// What follows a definition's head in grammars that give it no body field
/// and no `do` block: Haskell's `= ..`, Lua's `f = function() .. end`, a Zig test's block.
fn unfielded_body(language: Language, node: Node) -> Option<Node> {
    match language {
        Language::Haskell => haskell::body_of(node),
        Language::Lua => lua::body_of(node),
        Language::Zig => zig::body_of(node),
        Language::Kotlin => super::languages::kotlin::body_of(node),
        Language::Dart => super::languages::dart::body_of(node),
        _ => None,
    }
}

/// The body of the function bound by a `const`/`let`/`var` declaration.
fn declared_function_body(node: Node) -> Option<Node> {
    if let Some(body) = node.child_by_field_name("value").and_then(|v| v.child_by_field_name("body")) {
        return Some(body);
    }
    if !matches!(node.kind(), "lexical_declaration" | "variable_declaration") {
        return None;
    }
    let declarator = {
        let mut cursor = node.walk();
        let found = node.named_children(&mut cursor).find(|c| c.kind() == "variable_declarator");
        found?
    };
    declarator.child_by_field_name("value")?.child_by_field_name("body")
}

/// The doc comment (or Python docstring) of a definition, and the first line
/// of what belongs to it above its start (comments, decorators).
///
/// `enclosing` holds `node` (the enclosing definition, or the root): the
/// syntax parent and the earlier siblings are searched for down from it,
/// because `Node::parent` and `Node::prev_sibling` search down from the root
/// at every call (see [`Family`]).
fn doc_of<'tree>(
    language: Language,
    node: Node<'tree>,
    enclosing: Node<'tree>,
    source: &str,
    family: &mut Family<'tree>,
) -> (Option<String>, u32) {
    // Decorators and export wrappers hold the definition; comments sit beside them.
    let mut anchor = node;
    let parent_of = |family: &mut Family<'tree>, n: Node<'tree>| family.parent_within(enclosing, n).or_else(|| n.parent());
    let mut parent = parent_of(family, anchor);
    // A body that starts at its first statement (Ruby's `body_statement`) leaves the comments above that statement outside it.
    let wraps = |p: &Node, anchor: Node| WRAPPER_KINDS.contains(&p.kind()) || (LEADING_BODY_KINDS.contains(&p.kind()) && p.start_byte() == anchor.start_byte());
    while let Some(wrapper) = parent.filter(|p| wraps(p, anchor)) {
        anchor = wrapper;
        parent = parent_of(family, anchor);
    }
    let earlier: &[Node<'tree>] = match parent {
        Some(parent) => family.earlier_siblings(parent, anchor),
        None => &[],
    };
    let mut leading_line = line_of(anchor);
    let mut comments: Vec<Node> = Vec::new();
    let mut attributes: Vec<Node> = Vec::new();
    let mut next_start_row = anchor.start_position().row;
    let mut earlier = earlier.iter().rev().copied();
    let mut sibling = earlier.next();
    while let Some(s) = sibling {
        // Haskell's `-- |` doc comments are `haddock` nodes.
        let is_comment = s.kind().contains("comment") || s.kind() == "haddock";
        let is_attribute = ATTRIBUTE_KINDS.contains(&s.kind()) || (language == Language::Elixir && elixir::is_attribute(s, source));
        // Line comments include their newline, so they end at column 0 of the next row.
        let last_row = end_line_of(s) as usize - 1;
        if !(is_comment || is_attribute) || last_row + 1 < next_start_row {
            break;
        }
        let text = source.get(s.start_byte()..s.end_byte()).unwrap_or_default();
        // Inner doc comments (`//!`, `/*!`) document the enclosing item, not this one.
        if text.starts_with("//!") || text.starts_with("/*!") {
            break;
        }
        next_start_row = s.start_position().row;
        leading_line = line_of(s);
        if is_comment {
            comments.push(s);
        } else {
            attributes.push(s);
        }
        sibling = earlier.next();
    }
    let mut doc = String::new();
    for comment in comments.iter().rev() {
        for line in text_of(*comment, source).lines() {
            push_doc_line(&mut doc, strip_comment_markers(line));
        }
    }
    if doc.is_empty() && language == Language::Python
        && let Some(docstring) = python_docstring(node, source) {
            for line in docstring.lines() {
                push_doc_line(&mut doc, line.trim());
            }
        }
    // Elixir documents with `@doc`/`@moduledoc`, which win over comments.
    if language == Language::Elixir && let Some(text) = elixir::doc_of(node, &attributes, source) {
        doc = text;
    }
    let doc = doc.trim();
    ((!doc.is_empty()).then(|| truncate(doc, MAX_DOC_BYTES)), leading_line)
}

fn push_doc_line(doc: &mut String, line: &str) {
    if !doc.is_empty() {
        doc.push('\n');
    }
    doc.push_str(line);
}

/// Sibling node kinds that belong to the definition after them.
const ATTRIBUTE_KINDS: &[&str] = &["attribute_item", "decorator", "annotation", "marker_annotation", "pragma"];

/// Body kinds that start at their first statement: comments before it are
/// the body's earlier siblings (Ruby's `class A\n  # doc\n  def f`).
const LEADING_BODY_KINDS: &[&str] = &["body_statement"];

/// Node kinds that wrap a definition without being one.
const WRAPPER_KINDS: &[&str] = &[
    "decorated_definition",
    "export_statement",
    "template_declaration",
    "expression_statement",
    "ambient_declaration",
    "field_declaration",
    "member_declaration",
    "extension_definition",
];

fn python_docstring<'a>(node: Node, source: &'a str) -> Option<&'a str> {
    let body = node.child_by_field_name("body")?;
    let first = body.named_child(0)?;
    if first.kind() != "expression_statement" {
        return None;
    }
    let string = first.named_child(0)?;
    if string.kind() != "string" {
        return None;
    }
    let text = source.get(string.start_byte()..string.end_byte())?;
    let text = text.trim_start_matches(|c: char| "rRbBuUfF".contains(c));
    Some(
        text.trim_start_matches("\"\"\"")
            .trim_start_matches("'''")
            .trim_end_matches("\"\"\"")
            .trim_end_matches("'''")
            .trim_matches('"')
            .trim_matches('\''),
    )
}

fn strip_comment_markers(line: &str) -> &str {
    let line = line.trim();
    // Lua's `--` and `---`, Haskell's `-- |` and `{-| .. -}`.
    if let Some(rest) = line.strip_prefix("--").or_else(|| line.strip_prefix("{-")).or_else(|| line.strip_suffix("-}")) {
        let rest = rest.trim_start_matches('-').trim_end_matches("-}").trim();
        return rest.strip_prefix(['|', '^']).unwrap_or(rest).trim();
    }
    let line = line
        .trim_start_matches("/**")
        .trim_start_matches("/*!")
        .trim_start_matches("/*")
        .trim_start_matches("///")
        .trim_start_matches("//!")
        .trim_start_matches("//")
        .trim_start_matches('#')
        .trim_end_matches("*/");
    let line = line.trim();
    line.strip_prefix("* ").unwrap_or(if line == "*" { "" } else { line })
}

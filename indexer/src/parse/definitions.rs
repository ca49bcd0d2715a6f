//! Definitions: the matches of a file's tag query turned into symbols with
//! parents and qualified names, each with its one-line signature and its
//! doc comment (or Python docstring).

use super::cpp;
use super::language::Language;
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
        let name = text_of(*name_node, source);
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
        // An out-of-line C++ definition (`void Shape::draw()`) names its own scope.
        let written_scope = if language == Language::Cpp { cpp::written_scope(*name_node, source) } else { None };
        if written_scope.is_some() && kind == SymbolKind::Function {
            kind = SymbolKind::Method;
        }
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
            signature: signature_of(*node, kind, source),
            doc,
        });
        stack.push(symbols.len() - 1);
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
fn signature_of(node: Node, kind: SymbolKind, source: &str) -> String {
    let end = node
        .child_by_field_name("body")
        .map(|b| b.start_byte())
        .unwrap_or_else(|| node.end_byte());
    let mut end = end;
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
    while let Some(wrapper) = parent.filter(|p| WRAPPER_KINDS.contains(&p.kind())) {
        anchor = wrapper;
        parent = parent_of(family, anchor);
    }
    let earlier: &[Node<'tree>] = match parent {
        Some(parent) => family.earlier_siblings(parent, anchor),
        None => &[],
    };
    let mut leading_line = line_of(anchor);
    let mut comments: Vec<Node> = Vec::new();
    let mut next_start_row = anchor.start_position().row;
    let mut earlier = earlier.iter().rev().copied();
    let mut sibling = earlier.next();
    while let Some(s) = sibling {
        let is_comment = s.kind().contains("comment");
        let is_attribute = ATTRIBUTE_KINDS.contains(&s.kind());
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
const ATTRIBUTE_KINDS: &[&str] = &["attribute_item", "decorator", "annotation", "marker_annotation"];

/// Node kinds that wrap a definition without being one.
const WRAPPER_KINDS: &[&str] = &[
    "decorated_definition",
    "export_statement",
    "template_declaration",
    "expression_statement",
    "ambient_declaration",
    "field_declaration",
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

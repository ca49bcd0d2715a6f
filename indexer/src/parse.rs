//! Tree-sitter parsing of one file into definitions, imports and references.
//! Definitions and imports come from the language's tag query; the uses of
//! names that become references come from one walk of the tree (the `uses`
//! module).
//!
//! The query's capture names are the contract with the `.scm` data files:
//! `@definition.<kind>` marks a definition node and `@name` its name (or
//! `@declarator.<shape>` a C++ function's whole declarator, in which
//! the `declarators` module finds the name);
//! `@import` marks an import statement, `@import.path` the imported path;
//! `(#parent-kind? @capture "kind" ...)` keeps a match only where the
//! captured node's parent is of one of those kinds.

use crate::language::{Language, PerLanguage};
use crate::aliases::{aliases_of, exports_of};
use crate::generated;
use crate::go_bodies;
use crate::locals::{LocalUse, Locals};
use crate::uses::{Use, Walked, walk};
use crate::symbol::{Import, ParsedFile, QualifierPath, Receiver, Reference, Symbol, SymbolKind};
use std::cell::RefCell;
// Fx hashing: these maps are keyed by node ids and short names, hashed
// for every use of a file, where SipHash's DoS resistance buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::declarators::{self, Shape};
use tree_sitter::{Node, Parser, QueryCursor, StreamingIterator, Tree};
use std::ops::Range;

/// Longest signature kept, in bytes; longer ones are cut at a char boundary.
const MAX_SIGNATURE_BYTES: usize = 240;
/// Longest doc comment kept, in bytes.
const MAX_DOC_BYTES: usize = 1200;
/// Parsing stops after this many microseconds for one file (pathological input).
const PARSE_TIMEOUT_MICROS: u64 = 5_000_000;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(Parser::new());
}

/// Parses `source` as `language`. Never fails: a file that cannot be parsed
/// yields what was found and a diagnostic.
pub fn parse_source(language: Language, source: &str) -> ParsedFile {
    parse_source_with(language, source, true)
}

/// [`parse_source`] with every body of a hand-written Go file parsed by
/// tree-sitter rather than scanned: the reference the scan is checked
/// against (its tests, and `examples/go_scan_agreement.rs` on a whole tree).
/// The index never uses it.
pub fn parse_source_in_full(language: Language, source: &str) -> ParsedFile {
    parse_source_with(language, source, false)
}

/// [`parse_source`], where `scan_bodies: false` parses a hand-written Go
/// file in full rather than leaving its bodies to the `go_bodies` scan.
pub(crate) fn parse_source_with(language: Language, source: &str, scan_bodies: bool) -> ParsedFile {
    let mut parsed = ParsedFile::default();
    let (Some(grammar), Some(tags)) = (language.grammar(), language.tags_query()) else {
        return parsed;
    };
    // A generated file is parsed without the insides of its bodies and
    // values, and a hand-written Go file too, its bodies' uses then coming
    // from the `go_bodies` scan. Should that parse fail or leave a syntax
    // error, the file is parsed in full (and is then not marked generated:
    // its uses are all recorded).
    let generated = generated::skipped_spans(language, source);
    let is_generated = generated.is_some();
    let skipped = match generated {
        Some(spans) => Some(spans),
        None if scan_bodies => generated::body_spans(language, source),
        None => None,
    };
    let light = skipped
        .as_ref()
        .filter(|spans| !spans.is_empty())
        .and_then(|spans| parse_tree(&grammar, source, spans))
        .filter(|tree| !tree.root_node().has_error());
    // A generated file with no bodies or values loses nothing to a full parse.
    parsed.generated = is_generated && (light.is_some() || skipped.as_ref().is_some_and(|spans| spans.is_empty()));
    let scanned: &[Range<usize>] = match &skipped {
        Some(spans) if light.is_some() && !is_generated => spans,
        _ => &[],
    };
    let tree = light.or_else(|| parse_tree(&grammar, source, &[]));
    let Some(tree) = tree else {
        parsed
            .diagnostics
            .push("parser gave up (timeout or incompatible grammar); indexed as text".into());
        parsed.generated = false;
        return parsed;
    };
    let root = tree.root_node();
    if root.has_error() {
        parsed.diagnostics.push(format!(
            "syntax errors (first near line {}); symbols found so far are kept",
            first_error_line(root)
        ));
    }

    let mut locals = Locals::new(language, source, root);
    let Walked { uses, query_roots } = walk(language, root, source, tags, |node, ancestors| locals.visit(node, ancestors));
    locals.finish();
    let query = &tags.query;
    let names = query.capture_names();
    let mut cursor = QueryCursor::new();
    let mut definitions: HashMap<usize, (usize, Node, Node, SymbolKind)> = HashMap::default();
    let mut family = Family::default();
    // The query runs at each node where a pattern starts, with no deeper start.
    cursor.set_max_start_depth(Some(0));
    for start in &query_roots {
        let mut matches = cursor.matches(query, *start, source.as_bytes());
        while let Some(m) = matches.next() {
            if let Some(Some(predicate)) = tags.parent_kinds.get(m.pattern_index)
                && !predicate.holds(m.captures())
            {
                continue;
            }
            let mut name_node = None;
            let mut definition = None;
            let mut import = None;
            let mut import_path = None;
            for capture in m.captures() {
                let capture_name = names[capture.index as usize];
                if capture_name == "name" {
                    name_node = Some(capture.node);
                } else if let Some(shape) = capture_name.strip_prefix("declarator.").and_then(Shape::from_capture) {
                    name_node = declarators::function_name(capture.node, shape);
                } else if let Some(kind) = capture_name.strip_prefix("definition.") {
                    definition = SymbolKind::from_capture(kind).map(|k| (capture.node, k));
                } else if capture_name == "import" {
                    import = Some(capture.node);
                } else if capture_name == "import.path" {
                    import_path = Some(capture.node);
                }
            }
            if let (Some((node, kind)), Some(name)) = (definition, name_node) {
                // The first pattern that matches a node wins: files list specific
                // patterns (methods) before general ones (functions).
                definitions
                    .entry(node.id())
                    .and_modify(|d| {
                        if m.pattern_index < d.0 {
                            *d = (m.pattern_index, node, name, kind)
                        }
                    })
                    .or_insert((m.pattern_index, node, name, kind));
            }
            if let Some(node) = import {
                let target = text_of(import_path.unwrap_or(node), source);
                aliases_of(language, node, &clean_import(&target), source, &mut parsed.aliases);
                parsed.imports.push(Import {
                    target: clean_import(&target),
                    line: line_of(node),
                });
            }
        }
    }

    let mut defs: Vec<(Node, Node, SymbolKind)> =
        definitions.into_values().map(|(_, n, name, k)| (n, name, k)).collect();
    defs.sort_by_key(|(n, _, _)| (n.start_byte(), std::cmp::Reverse(n.end_byte())));
    let definition_name_ids: HashSet<usize> =
        defs.iter().map(|(_, name, _)| name.id()).collect();
    parsed.symbols = build_symbols(language, source, root, &defs, &mut family);
    parsed.references = collect_references(language, source, &parsed.symbols, &uses, &definition_name_ids, &locals, scanned);
    parsed.imports.sort_by(|a, b| (a.line, &a.target).cmp(&(b.line, &b.target)));
    parsed.imports.dedup();
    exports_of(language, root, source, &mut parsed.aliases);
    parsed.aliases.sort_by(|a, b| (&a.local, &a.original).cmp(&(&b.local, &b.original)));
    parsed.aliases.dedup();
    parsed
}

/// Parses `source` with this thread's parser, leaving out the `skipped`
/// spans; `None` when the parser gives up.
fn parse_tree(grammar: &tree_sitter::Language, source: &str, skipped: &[Range<usize>]) -> Option<Tree> {
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        if parser.set_language(grammar).is_err() {
            return None;
        }
        // The parser is reused from file to file, so its ranges are always set.
        let included = if skipped.is_empty() { Vec::new() } else { generated::included_ranges(source, skipped) };
        parser.set_included_ranges(&included).ok()?;
        let started = std::time::Instant::now();
        let mut give_up = |_: &tree_sitter::ParseState| {
            if started.elapsed().as_micros() as u64 > PARSE_TIMEOUT_MICROS {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut give_up);
        let bytes = source.as_bytes();
        parser.parse_with_options(&mut |offset, _| bytes.get(offset..).unwrap_or_default(), None, Some(options))
    })
}

/// Turns sorted definition nodes into symbols with parents and qualified names.
fn build_symbols<'tree>(
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
        let written_scope = if language == Language::Cpp { written_scope(*name_node, source) } else { None };
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

/// The scope written before a name, as in `Shape::draw` or `ns::Box<T>::get`.
fn written_scope(name: Node, source: &str) -> Option<String> {
    let mut outermost = None;
    let mut node = name;
    while let Some(parent) = node.parent() {
        if parent.kind() != "qualified_identifier" {
            break;
        }
        outermost = Some(parent);
        node = parent;
    }
    let scope = source.get(outermost?.start_byte()..name.start_byte())?;
    let scope = scope.trim_end().trim_end_matches("::").trim();
    (!scope.is_empty()).then(|| scope.to_string())
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
struct Family<'tree> {
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

/// One use of a name, from the tree or from the `go_bodies` scan: what a
/// reference is made of, before references are merged.
pub(crate) struct UseFact<'s> {
    pub(crate) name: &'s str,
    /// Where the name starts.
    pub(crate) at: usize,
    /// Its line (1-based).
    pub(crate) line: u32,
    pub(crate) is_call: bool,
    pub(crate) receiver: Receiver,
    pub(crate) qualifier: Option<&'s str>,
    pub(crate) qualifier_path: Option<QualifierPath>,
}

/// The references of a file: the uses of the tree and those the scan
/// finds in the `scanned` spans, one per enclosing definition, name and
/// way it is reached, at its first line; definition names and the names a
/// function binds itself are not references.
fn collect_references(
    language: Language,
    source: &str,
    symbols: &[Symbol],
    uses: &[Use],
    definition_name_ids: &HashSet<usize>,
    locals: &Locals,
    scanned: &[Range<usize>],
) -> Vec<Reference> {
    let fields = fields_of(language);
    let mut facts: Vec<UseFact> = Vec::with_capacity(uses.len());
    for found in uses {
        let (node, is_call, parent) = (&found.name, &found.is_call, found.parent);
        if definition_name_ids.contains(&node.id()) {
            continue;
        }
        let name = source.get(node.start_byte()..node.end_byte()).unwrap_or_default();
        let (receiver, qualifier, mut qualifier_path) = receiver_of(*node, parent, source, fields);
        if locals.analyses() {
            match receiver {
                // A name its function binds (`x := ..`, a parameter) never means a definition.
                Receiver::Bare if locals.classify(*node) != LocalUse::Free => continue,
                Receiver::Qualified if qualifier_path.is_none() => {
                    // `x.f`: the type of a local `x`.
                    let object = parent.and_then(|p| p.child_by_field_id(fields.operand)).filter(|o| o.kind() == "identifier");
                    qualifier_path = object.and_then(|o| locals.type_of(o)).map(|path| QualifierPath { path, is_static: true });
                }
                _ => {}
            }
        }
        facts.push(UseFact { name, at: node.start_byte(), line: line_of(*node), is_call: *is_call, receiver, qualifier, qualifier_path });
    }
    if !scanned.is_empty() {
        go_bodies::scan(source, scanned, locals, &mut facts);
        // The tree's uses and the scan's interleave: document order decides each reference's first line.
        facts.sort_by_key(|fact| fact.at);
    }
    // Keys borrow the names from the source: most uses repeat a key, and
    // allocating their strings only to drop them was most of this loop.
    type Key<'s> = (Option<u32>, &'s str, Receiver, Option<&'s str>, Option<QualifierPath>);
    let mut seen: HashMap<Key, usize> = HashMap::default();
    let mut references: Vec<Reference> = Vec::new();
    for fact in facts {
        if fact.name.is_empty() || fact.name.len() > 128 {
            continue;
        }
        let enclosing = innermost_symbol(symbols, fact.at as u32);
        match seen.entry((enclosing, fact.name, fact.receiver, fact.qualifier, fact.qualifier_path)) {
            std::collections::hash_map::Entry::Occupied(slot) => {
                references[*slot.get()].is_call |= fact.is_call;
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                let key = slot.key();
                references.push(Reference {
                    name: key.1.to_string(),
                    line: fact.line,
                    enclosing,
                    is_call: fact.is_call,
                    receiver: key.2,
                    qualifier: key.3.map(str::to_string),
                    qualifier_path: key.4.clone(),
                });
                slot.insert(references.len() - 1);
            }
        }
    }
    references.sort_by(|a, b| {
        (a.line, &a.name, a.receiver, &a.qualifier, &a.qualifier_path).cmp(&(b.line, &b.name, b.receiver, &b.qualifier, &b.qualifier_path))
    });
    references
}

/// How the name at `node` is reached, from the syntax around it: the
/// member or path expression it ends, if any. Node kinds and field names
/// are those of the grammars ctx ships (`attribute`, `member_expression`,
/// `field_expression`, `selector_expression`, `method_invocation`,
/// `field_access`, `scoped_identifier`, `qualified_identifier`, ...).
///
/// A qualifier written as a path of several identifiers (`a.b.c`,
/// `crate::a::b`), or as any `::` path, is kept whole as its
/// [`QualifierPath`].
fn receiver_of<'s>(node: Node, parent: Option<Node>, source: &'s str, fields: &Fields) -> (Receiver, Option<&'s str>, Option<QualifierPath>) {
    let Some(parent) = parent else { return (Receiver::Bare, None, None) };
    let syntax = fields.member_syntax.get(usize::from(parent.kind_id())).copied().unwrap_or(MemberSyntax::None);
    let object = match syntax {
        MemberSyntax::None => None,
        MemberSyntax::Member | MemberSyntax::Static => fields.object.iter().find_map(|field| parent.child_by_field_id(*field)),
    };
    let Some(object) = object.filter(|o| o.id() != node.id() && o.end_byte() <= node.start_byte()) else {
        return (Receiver::Bare, None, None);
    };
    let text = source.get(object.start_byte()..object.end_byte()).unwrap_or_default();
    if OWN_TYPE_OBJECTS.contains(&text) {
        return (Receiver::OwnType, None, None);
    }
    // The last identifier of the object: `tax` in `crate::shipping::tax`, `b` in `a.b`, `row` in `row`.
    let last = text.rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).find(|part| !part.is_empty());
    (Receiver::Qualified, last, qualifier_path(syntax == MemberSyntax::Static, text))
}

/// Objects that stand for the enclosing type's instance or the type itself.
pub(crate) const OWN_TYPE_OBJECTS: [&str; 5] = ["self", "this", "Self", "cls", "super"];

/// Ids of the fields and node kinds [`receiver_of`] reads, per language,
/// looked up once: `Node::child_by_field_name` searches the grammar's field
/// names by string at every call, which was 3% of the instructions of
/// indexing Go.
struct Fields {
    /// The fields holding the object of a member or path expression, in
    /// the order they are tried; only those the grammar has.
    object: Vec<u16>,
    /// `operand` (Go's `x` in `x.f`), or 0 where the grammar has none.
    operand: u16,
    /// Per node kind id, whether it is a member or path expression: a
    /// table rather than a match on `Node::kind`, which takes the kind
    /// name's length with `strlen` and compares strings, for every use.
    member_syntax: Vec<MemberSyntax>,
}

/// What a node kind is to [`receiver_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberSyntax {
    /// Not a member or path expression.
    None,
    /// A member expression (`a.b`, `a->b`), or a type path that may name values.
    Member,
    /// A `::` path (`a::b`), which names a type or module.
    Static,
}

/// The member and path expressions of the grammars ctx ships.
const MEMBER_KINDS: [&str; 8] = [
    "attribute",
    "member_expression",
    "field_expression",
    "selector_expression",
    "field_access",
    "method_invocation",
    "nested_type_identifier",
    "generic_type",
];
/// The `::` paths among them.
const STATIC_KINDS: [&str; 3] = ["scoped_identifier", "scoped_type_identifier", "qualified_identifier"];

fn fields_of(language: Language) -> &'static Fields {
    static FIELDS: PerLanguage<Fields> = PerLanguage::new();
    // Plain text has no grammar, no fields, and is never walked.
    static NONE: Fields = Fields { object: Vec::new(), operand: 0, member_syntax: Vec::new() };
    FIELDS
        .get(language, || {
            let grammar = language.grammar();
            let id = |name: &str| grammar.as_ref().and_then(|g| g.field_id_for_name(name)).map(|id| id.get());
            Fields {
                object: ["object", "operand", "value", "argument", "path", "scope", "module"].into_iter().filter_map(id).collect(),
                operand: id("operand").unwrap_or(0),
                // By the kinds' public ids, which `Node::kind_id` gives (as
                // for the use rules and the query's roots); 0: not in this grammar.
                member_syntax: grammar.as_ref().map_or_else(Vec::new, |g| {
                    let mut table = vec![MemberSyntax::None; g.node_kind_count()];
                    let kinds = MEMBER_KINDS.map(|k| (k, MemberSyntax::Member)).into_iter().chain(STATIC_KINDS.map(|k| (k, MemberSyntax::Static)));
                    for (kind, syntax) in kinds {
                        match g.id_for_node_kind(kind, true) {
                            0 => {}
                            id => table[usize::from(id)] = syntax,
                        }
                    }
                    table
                }),
            }
        })
        .unwrap_or(&NONE)
}

/// The whole path of a qualifier made of identifiers only: several of them
/// joined by `.` or `::`, or one before `::` (a type or module, never a
/// value). A chain that starts at the instance (`self.a.b`) is a chain of
/// values, not a path. `static_syntax`: the expression is a `::` path
/// (see [`MemberSyntax::Static`]).
pub(crate) fn qualifier_path(static_syntax: bool, object: &str) -> Option<QualifierPath> {
    // One segment (`x` of `x.f`, the common case) is a path only in a static syntax.
    if !static_syntax && !object.contains(['.', ':']) {
        return None;
    }
    let path: String = object.chars().filter(|c| !c.is_whitespace()).collect();
    let is_static = path.contains("::") || static_syntax;
    let segments: Vec<&str> = path.split("::").flat_map(|s| s.split('.')).collect();
    let plain = segments.iter().all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$'));
    let value_chain = matches!(segments.first(), Some(&("self" | "this"))) && !path.contains("::");
    (plain && !value_chain && path.len() <= 200 && (segments.len() > 1 || is_static)).then_some(QualifierPath { path, is_static })
}

/// The innermost symbol whose span holds `byte`; symbols are sorted by start.
fn innermost_symbol(symbols: &[Symbol], byte: u32) -> Option<u32> {
    let after = symbols.partition_point(|s| s.start_byte <= byte);
    symbols[..after]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, s)| s.end_byte > byte)
        .map(|(i, _)| i as u32)
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

fn clean_import(text: &str) -> String {
    let text = text.trim().trim_matches(|c| c == '"' || c == '\'' || c == '<' || c == '>' || c == '`');
    truncate(&text.split_whitespace().collect::<Vec<_>>().join(" "), 200)
}

fn first_error_line(root: Node) -> u32 {
    let mut cursor = root.walk();
    let mut node = root;
    'descend: loop {
        if node.is_error() || node.is_missing() {
            return line_of(node);
        }
        for child in node.children(&mut cursor) {
            if child.has_error() {
                node = child;
                continue 'descend;
            }
        }
        return line_of(node);
    }
}

fn text_of(node: Node, source: &str) -> String {
    source.get(node.start_byte()..node.end_byte()).unwrap_or_default().to_string()
}

fn line_of(node: Node) -> u32 {
    node.start_position().row as u32 + 1
}

/// The last line a node covers; a node ending at column 0 ends on the line before.
fn end_line_of(node: Node) -> u32 {
    let end = node.end_position();
    let start = node.start_position();
    if end.column == 0 && end.row > start.row {
        end.row as u32
    } else {
        end.row as u32 + 1
    }
}

/// Cuts `text` to at most `max` bytes at a char boundary.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definitions(language: Language, source: &str) -> Vec<(SymbolKind, String)> {
        parse_source(language, source).symbols.into_iter().map(|s| (s.kind, s.qualified_name)).collect()
    }

    #[test]
    fn parent_kind_keeps_only_the_listed_parents() {
        let source = "struct Top { int a; };\n\
                      namespace n { struct Inner { int b; }; }\n\
                      int f(struct Param { int c; } p);\n\
                      const int kTop = 1;\n\
                      void g() { const int kLocal = 2; }\n";
        let found = definitions(Language::Cpp, source);
        let has = |kind: SymbolKind, name: &str| found.iter().any(|(k, n)| *k == kind && n == name);
        assert!(has(SymbolKind::Struct, "Top"), "{found:?}");
        assert!(has(SymbolKind::Struct, "n::Inner"), "{found:?}");
        assert!(!found.iter().any(|(_, n)| n.ends_with("Param")), "a parameter's type is not among the parents listed: {found:?}");
        assert!(has(SymbolKind::Constant, "kTop"), "{found:?}");
        assert!(!found.iter().any(|(_, n)| n.ends_with("kLocal")), "a function's locals are not constants: {found:?}");
    }

    #[test]
    fn every_member_kind_is_known_to_some_grammar() {
        // A misspelt kind would silently make its uses bare.
        for kind in MEMBER_KINDS.iter().chain(&STATIC_KINDS) {
            let known = crate::language::PARSED_LANGUAGES.iter().filter(|l| {
                let table = &fields_of(**l).member_syntax;
                l.grammar().is_some_and(|g| table.get(usize::from(g.id_for_node_kind(kind, true))).is_some_and(|s| *s != MemberSyntax::None))
            });
            assert!(known.count() > 0, "{kind} is a node kind of no grammar");
        }
        let rust = &fields_of(Language::Rust).member_syntax;
        let grammar = Language::Rust.grammar().expect("grammar");
        assert_eq!(rust[usize::from(grammar.id_for_node_kind("scoped_identifier", true))], MemberSyntax::Static);
        assert_eq!(rust[usize::from(grammar.id_for_node_kind("field_expression", true))], MemberSyntax::Member);
    }

    #[test]
    fn a_generated_go_file_keeps_its_definitions_and_drops_uses_inside_bodies() {
        let body = "package p\n\n\
                    import \"strconv\"\n\n\
                    // Kind is a kind.\n\
                    type Kind struct {\n\tName Label\n\tNested struct{ Inner int }\n}\n\n\
                    type Shape interface {\n\tArea() Meters\n}\n\n\
                    const (\n\tFirst Kind = iota\n\tSecond\n)\n\n\
                    var names = map[Kind]string{First: helperInTable()}\n\n\
                    func (k Kind) String() string {\n\treturn strconv.Itoa(helperInBody(k))\n}\n";
        let plain = parse_source(Language::Go, body);
        let generated = parse_source(Language::Go, &format!("// Code generated by stringer; DO NOT EDIT.\n\n{body}"));
        // The marker and a blank line move everything two lines down.
        let shape = |p: &ParsedFile, lines_before: u32| -> Vec<_> {
            p.symbols
                .iter()
                .map(|s| (s.kind, s.qualified_name.clone(), s.parent, s.start_line + lines_before, s.end_line + lines_before, s.signature.clone(), s.doc.clone()))
                .collect()
        };
        let (plain_shape, generated_shape) = (shape(&plain, 2), shape(&generated, 0));
        assert!(plain_shape.len() >= 7, "{plain_shape:?}");
        assert_eq!(plain_shape, generated_shape, "same definitions, two lines further down");
        assert!(generated.diagnostics.is_empty(), "{:?}", generated.diagnostics);
        assert!(generated.generated && !plain.generated);
        assert_eq!(plain.imports.len(), generated.imports.len());
        let names = |p: &ParsedFile| p.references.iter().map(|r| r.name.clone()).collect::<HashSet<_>>();
        let (plain_names, generated_names) = (names(&plain), names(&generated));
        for inside in ["helperInBody", "helperInTable", "Itoa"] {
            assert!(plain_names.contains(inside), "{plain_names:?}");
            assert!(!generated_names.contains(inside), "{inside} is inside a body or value: {generated_names:?}");
        }
        for outside in ["Label", "Meters", "Kind"] {
            assert!(generated_names.contains(outside), "{outside} is in a declaration: {generated_names:?}");
        }
        // The parser is reused: the next file is parsed whole again.
        assert_eq!(names(&parse_source(Language::Go, body)), plain_names);
    }

    #[test]
    fn a_generated_file_that_does_not_parse_light_is_parsed_in_full() {
        // A brace the scan counts but the grammar reads otherwise would leave
        // an error in the light parse; the full parse is then kept.
        let source = "// Code generated by x. DO NOT EDIT.\npackage p\nfunc f() int { return g() }\nfunc {\n}\n";
        let parsed = parse_source(Language::Go, source);
        assert!(parsed.references.iter().any(|r| r.name == "g"), "{:?}", parsed.references);
        assert!(!parsed.generated, "its uses are all recorded");
    }
}

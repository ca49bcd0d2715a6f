//! Tree-sitter parsing of one file into definitions, imports and references.
//! Definitions and imports come from the language's tag query; the uses of
//! names that become references come from one walk of the tree (the `uses`
//! module).
//!
//! The query's capture names are the contract with the `.scm` data files:
//! `@definition.<kind>` marks a definition node and `@name` its name (or
//! `@declarator.<shape>` a C++ function's whole declarator, in which
//! the `cpp` module finds the name);
//! `@import` marks an import statement, `@import.path` the imported path;
//! `(#parent-kind? @capture "kind" ...)` keeps a match only where the
//! captured node's parent is of one of those kinds.

use super::aliases::aliases_of;
use super::cpp::{self, Shape};
use super::definitions::{Family, build_symbols};
use super::go;
use super::javascript;
use super::language::Language;
use super::locals::Locals;
use super::node::{line_of, text_of, truncate};
use super::ranges::included_ranges;
use super::references::{references_of, use_facts};
use super::symbol::{Import, ParsedFile, SymbolKind};
use super::uses::{Walked, walk};
use std::cell::RefCell;
// Fx hashing: these maps are keyed by node ids, hashed for every
// definition of a file, where SipHash's DoS resistance buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tree_sitter::{Node, Parser, QueryCursor, StreamingIterator, Tree};
use std::ops::Range;

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
/// file in full rather than leaving its bodies to the Go body scan (`go::bodies`).
pub(crate) fn parse_source_with(language: Language, source: &str, scan_bodies: bool) -> ParsedFile {
    // A `.h` file is C by its name, and often C++ by its content (fmt,
    // abseil): parsed as C, its classes, templates and namespaces are lost.
    let language = if language == Language::C && cpp::looks_like_cpp(source) { Language::Cpp } else { language };
    let mut parsed = ParsedFile::default();
    let (Some(grammar), Some(tags)) = (language.grammar(), language.tags_query()) else {
        return parsed;
    };
    // A generated file is parsed without the insides of its bodies and
    // values, and a hand-written Go file too, its bodies' uses then coming
    // from the Go body scan. Should that parse fail or leave a syntax
    // error, the file is parsed in full (and is then not marked generated:
    // its uses are all recorded).
    let generated = go::generated::skipped_spans(language, source);
    let is_generated = generated.is_some();
    let skipped = match generated {
        Some(spans) => Some(spans),
        None if scan_bodies => go::generated::body_spans(language, source),
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
                    name_node = cpp::function_name(capture.node, shape);
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
    let mut facts = use_facts(language, source, &uses, &definition_name_ids, &locals);
    if !scanned.is_empty() {
        go::bodies::scan(source, scanned, &locals, &mut facts);
        // The tree's uses and the scan's interleave: document order decides each reference's first line.
        facts.sort_by_key(|fact| fact.at);
    }
    parsed.references = references_of(&parsed.symbols, facts);
    parsed.imports.sort_by(|a, b| (a.line, &a.target).cmp(&(b.line, &b.target)));
    parsed.imports.dedup();
    javascript::exports_of(language, root, source, &mut parsed.aliases);
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
        let included = if skipped.is_empty() { Vec::new() } else { included_ranges(source, skipped) };
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

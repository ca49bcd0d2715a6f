//! The uses of names in one file's syntax tree, found in one cursor walk:
//! which nodes are uses, which of them name the function a call calls, and
//! the syntax parent of each.
//!
//! These rules used to be the reference patterns of the tag queries
//! (`(identifier) @reference` and the call shapes). Matching them against
//! every node of a tree cost a fifth of the CPU time of indexing the Go
//! tree, and the parent of each match then took a second walk to find. A
//! walk that sees each node's kind id, its field in its parent and its
//! parent does both in one traversal; the tag queries now hold definitions
//! and imports only, and the same walk lists the nodes where their
//! patterns may start, so that the query cursor visits only those.

use super::language::{Language, PerLanguage, TagsQuery};
use super::languages;
use super::use_rules::Shape::{Name, Wrapped};
use super::use_rules::Step::{Field, FirstNamed, LastNamed};
use super::use_rules::{Call, NameTest, Rules, Shape, Step};
use tree_sitter::Node;

/// A name used in the file: a node the rules below mark.
pub(crate) struct Use<'tree> {
    pub(crate) name: Node<'tree>,
    /// The name is the function a call calls (`f` in `f(x)`, `g` in `a.g()`).
    pub(crate) is_call: bool,
    /// The syntax node holding `name` (`None` only for the root).
    pub(crate) parent: Option<Node<'tree>>,
}

fn rules_of(language: Language) -> Option<&'static Rules> {
    static PYTHON: Rules = Rules {
        everywhere: &["identifier"],
        in_field: &[],
        in_children: &[],
        calls: &[Call {
            kind: "call",
            field: "function",
            shapes: &[Name("identifier"), Wrapped { kind: "attribute", step: Field("attribute"), inner: &[Name("identifier")] }],
            only: NameTest::Any,
        }],
    };
    const RUST_PATHS: &[Shape] = &[
        Name("identifier"),
        Wrapped { kind: "field_expression", step: Field("field"), inner: &[Name("field_identifier")] },
        Wrapped { kind: "scoped_identifier", step: Field("name"), inner: &[Name("identifier")] },
    ];
    static RUST: Rules = Rules {
        everywhere: &["identifier", "type_identifier"],
        in_field: &[],
        in_children: &[],
        // Several rules of one call kind: each callee has one shape at most.
        calls: &[
            Call { kind: "call_expression", field: "function", shapes: RUST_PATHS, only: NameTest::Any },
            Call {
                kind: "call_expression",
                field: "function",
                shapes: &[Wrapped { kind: "generic_function", step: Field("function"), inner: RUST_PATHS }],
                only: NameTest::Any,
            },
            Call {
                kind: "macro_invocation",
                field: "macro",
                shapes: &[Name("identifier"), Wrapped { kind: "scoped_identifier", step: Field("name"), inner: &[Name("identifier")] }],
                only: NameTest::Any,
            },
        ],
    };
    const GO_CALLEES: &[Shape] = &[
        Name("identifier"),
        Wrapped { kind: "selector_expression", step: Field("field"), inner: &[Name("field_identifier")] },
    ];
    static GO: Rules = Rules {
        everywhere: &["identifier", "type_identifier"],
        in_field: &[("selector_expression", "field", "field_identifier")],
        in_children: &[],
        calls: &[
            Call { kind: "call_expression", field: "function", shapes: GO_CALLEES, only: NameTest::Any },
            // A generic function instantiated in the call: `f[int](x)`.
            Call {
                kind: "call_expression",
                field: "function",
                shapes: &[Wrapped { kind: "index_expression", step: Field("operand"), inner: GO_CALLEES }],
                only: NameTest::Any,
            },
        ],
    };
    const MEMBER_CALL: Shape = Wrapped {
        kind: "member_expression",
        step: Field("property"),
        inner: &[Name("property_identifier"), Name("private_property_identifier")],
    };
    const JS_CALLS: &[Call] = &[
        Call { kind: "call_expression", field: "function", shapes: &[Name("identifier")], only: NameTest::Not("require") },
        Call { kind: "call_expression", field: "function", shapes: &[MEMBER_CALL], only: NameTest::Any },
        Call {
            kind: "new_expression",
            field: "constructor",
            shapes: &[
                Name("identifier"),
                Wrapped { kind: "member_expression", step: Field("property"), inner: &[Name("property_identifier")] },
            ],
            only: NameTest::Any,
        },
    ];
    static JAVASCRIPT: Rules = Rules {
        everywhere: &["identifier", "property_identifier", "shorthand_property_identifier"],
        in_field: &[],
        in_children: &[],
        calls: &[
            JS_CALLS[0],
            JS_CALLS[1],
            JS_CALLS[2],
            // JSX components (capitalised) are calls: `<Button />`.
            Call { kind: "jsx_opening_element", field: "name", shapes: &[Name("identifier")], only: NameTest::Capitalised },
            Call { kind: "jsx_self_closing_element", field: "name", shapes: &[Name("identifier")], only: NameTest::Capitalised },
        ],
    };
    static TYPESCRIPT: Rules = Rules {
        everywhere: &["identifier", "type_identifier", "property_identifier", "shorthand_property_identifier"],
        in_field: &[],
        in_children: &[],
        calls: JS_CALLS,
    };
    static JAVA: Rules = Rules {
        everywhere: &["identifier", "type_identifier"],
        in_field: &[],
        in_children: &[],
        calls: &[
            Call { kind: "method_invocation", field: "name", shapes: &[Name("identifier")], only: NameTest::Any },
            Call {
                kind: "object_creation_expression",
                field: "type",
                shapes: &[
                    Name("type_identifier"),
                    Wrapped { kind: "generic_type", step: FirstNamed, inner: &[Name("type_identifier")] },
                    Wrapped { kind: "scoped_type_identifier", step: LastNamed, inner: &[Name("type_identifier")] },
                ],
                only: NameTest::Any,
            },
        ],
    };
    static C: Rules = Rules {
        everywhere: &["identifier", "type_identifier"],
        in_field: &[],
        in_children: &[],
        calls: &[Call {
            kind: "call_expression",
            field: "function",
            shapes: &[Name("identifier"), Wrapped { kind: "field_expression", step: Field("field"), inner: &[Name("field_identifier")] }],
            only: NameTest::Any,
        }],
    };
    static CPP: Rules = Rules {
        everywhere: &["identifier", "type_identifier", "namespace_identifier"],
        // Member uses (`p.x`, `corners_(...)` in an initializer list), not member declarations.
        in_field: &[("field_expression", "field", "field_identifier")],
        in_children: &[("field_initializer", "field_identifier")],
        calls: &[
            Call {
                kind: "call_expression",
                field: "function",
                shapes: &[
                    Name("identifier"),
                    Wrapped { kind: "field_expression", step: Field("field"), inner: &[Name("field_identifier")] },
                    Wrapped {
                        kind: "qualified_identifier",
                        step: Field("name"),
                        inner: &[
                            Name("identifier"),
                            Wrapped { kind: "qualified_identifier", step: Field("name"), inner: &[Name("identifier")] },
                            Wrapped { kind: "template_function", step: Field("name"), inner: &[Name("identifier")] },
                        ],
                    },
                    Wrapped { kind: "template_function", step: Field("name"), inner: &[Name("identifier")] },
                    Wrapped {
                        kind: "field_expression",
                        step: Field("field"),
                        inner: &[Wrapped { kind: "template_method", step: Field("name"), inner: &[Name("field_identifier")] }],
                    },
                ],
                only: NameTest::Any,
            },
            // `new Polygon(...)` calls the constructor.
            Call {
                kind: "new_expression",
                field: "type",
                shapes: &[
                    Name("type_identifier"),
                    Wrapped { kind: "qualified_identifier", step: Field("name"), inner: &[Name("type_identifier")] },
                ],
                only: NameTest::Any,
            },
        ],
    };
    Some(match language {
        Language::Python => &PYTHON,
        Language::Rust => &RUST,
        Language::Go => &GO,
        Language::JavaScript => &JAVASCRIPT,
        Language::TypeScript | Language::Tsx => &TYPESCRIPT,
        Language::Java => &JAVA,
        Language::C => &C,
        Language::Cpp => &CPP,
        Language::CSharp => &languages::csharp::USE_RULES,
        Language::Kotlin => &languages::kotlin::USE_RULES,
        Language::Swift => &languages::swift::USE_RULES,
        Language::Ruby => &languages::ruby::USE_RULES,
        Language::Php => &languages::php::USE_RULES,
        Language::Scala => &languages::scala::USE_RULES,
        Language::Lua => &languages::lua::USE_RULES,
        Language::Bash => &languages::bash::USE_RULES,
        Language::Elixir => &languages::elixir::USE_RULES,
        Language::Haskell => &languages::haskell::USE_RULES,
        Language::Zig => &languages::zig::USE_RULES,
        Language::Dart => &languages::dart::USE_RULES,
        Language::Text => return None,
    })
}

// Flags of a node kind in a compiled rule set.
const EVERYWHERE: u8 = 1;
const IN_FIELD: u8 = 2;
const IN_CHILDREN: u8 = 4;
const CALL: u8 = 8;
const CALLEE: u8 = 16;

/// A language's rules with kinds and fields as the grammar's ids.
struct Compiled {
    /// Flags by node kind id.
    flags: Vec<u8>,
    in_field: Vec<(u16, u16, u16)>,
    in_children: Vec<(u16, u16)>,
    calls: Vec<CompiledCall>,
}

struct CompiledCall {
    kind: u16,
    field: u16,
    shapes: Vec<CompiledShape>,
    only: NameTest,
}

enum CompiledShape {
    Name(u16),
    Wrapped { kind: u16, step: CompiledStep, inner: Vec<CompiledShape> },
}

#[derive(Clone, Copy)]
enum CompiledStep {
    Field(u16),
    FirstNamed,
    LastNamed,
}

/// Compiles a language's rules against its grammar: an error names a kind
/// or field the grammar does not have (a bug the tests catch).
fn compile(language: Language) -> Result<Compiled, String> {
    let grammar = language.grammar().ok_or_else(|| format!("{} has no grammar", language.name()))?;
    let rules = rules_of(language).ok_or_else(|| format!("{} has no use rules", language.name()))?;
    let kind = |name: &str| match grammar.id_for_node_kind(name, true) {
        0 => Err(format!("{}: no node kind {name}", language.name())),
        id => Ok(id),
    };
    let field = |name: &str| {
        grammar.field_id_for_name(name).map(|id| id.get()).ok_or_else(|| format!("{}: no field {name}", language.name()))
    };
    let mut flags = vec![0u8; grammar.node_kind_count()];
    let mut flag = |id: u16, bit: u8| flags[id as usize] |= bit;
    for name in rules.everywhere {
        flag(kind(name)?, EVERYWHERE);
    }
    let mut in_field = Vec::new();
    for (parent, field_name, child) in rules.in_field {
        let child = kind(child)?;
        flag(child, IN_FIELD);
        in_field.push((kind(parent)?, field(field_name)?, child));
    }
    let mut in_children = Vec::new();
    for (parent, child) in rules.in_children {
        let child = kind(child)?;
        flag(child, IN_CHILDREN);
        in_children.push((kind(parent)?, child));
    }
    fn shapes(
        list: &[Shape],
        kind: &dyn Fn(&str) -> Result<u16, String>,
        field: &dyn Fn(&str) -> Result<u16, String>,
        names: &mut Vec<u16>,
    ) -> Result<Vec<CompiledShape>, String> {
        list.iter()
            .map(|shape| {
                Ok(match shape {
                    Shape::Name(name) => {
                        let id = kind(name)?;
                        names.push(id);
                        CompiledShape::Name(id)
                    }
                    Shape::Wrapped { kind: wrapper, step, inner } => CompiledShape::Wrapped {
                        kind: kind(wrapper)?,
                        step: match step {
                            Step::Field(name) => CompiledStep::Field(field(name)?),
                            Step::FirstNamed => CompiledStep::FirstNamed,
                            Step::LastNamed => CompiledStep::LastNamed,
                        },
                        inner: shapes(inner, kind, field, names)?,
                    },
                })
            })
            .collect()
    }
    let mut calls = Vec::new();
    let mut callee_kinds = Vec::new();
    for call in rules.calls {
        let id = kind(call.kind)?;
        flag(id, CALL);
        calls.push(CompiledCall {
            kind: id,
            // 0, which is no field id: the call's first named child.
            field: if call.field.is_empty() { 0 } else { field(call.field)? },
            shapes: shapes(call.shapes, &kind, &field, &mut callee_kinds)?,
            only: call.only,
        });
    }
    for id in callee_kinds {
        flag(id, CALLEE);
    }
    Ok(Compiled { flags, in_field, in_children, calls })
}

fn compiled(language: Language) -> Option<&'static Compiled> {
    static COMPILED: PerLanguage<Option<Compiled>> = PerLanguage::new();
    COMPILED.get(language, || compile(language).ok())?.as_ref()
}

/// The name a callee shape reaches from `node`, if `node` has that shape.
fn callee_name<'tree>(shapes: &[CompiledShape], node: Node<'tree>) -> Option<Node<'tree>> {
    let kind = node.kind_id();
    shapes.iter().find_map(|shape| match shape {
        CompiledShape::Name(id) => (*id == kind).then_some(node),
        CompiledShape::Wrapped { kind: wrapper, step, inner } if *wrapper == kind => {
            let child = match step {
                CompiledStep::Field(field) => node.child_by_field_id(*field),
                CompiledStep::FirstNamed => node.named_child(0),
                CompiledStep::LastNamed => node.named_child(u32::try_from(node.named_child_count().checked_sub(1)?).ok()?),
            }?;
            callee_name(inner, child)
        }
        CompiledShape::Wrapped { .. } => None,
    })
}

fn passes(test: NameTest, name: Node, source: &str) -> bool {
    let text = || source.get(name.start_byte()..name.end_byte()).unwrap_or_default();
    match test {
        NameTest::Any => true,
        NameTest::Not(word) => text() != word,
        NameTest::Capitalised => text().starts_with(|c: char| c.is_ascii_uppercase()),
    }
}

/// What one walk of a tree finds: the uses of names, and the nodes where
/// a pattern of the tag query may start.
pub(crate) struct Walked<'tree> {
    /// Every use, in document order, each name once.
    pub(crate) uses: Vec<Use<'tree>>,
    /// In document order.
    pub(crate) query_roots: Vec<Node<'tree>>,
}

/// Walks the tree under `root` once (see [`Walked`]), showing every node to
/// `visit` in document order with the nodes above it, root first.
pub(crate) fn walk<'tree>(
    language: Language,
    root: Node<'tree>,
    source: &str,
    tags: &TagsQuery,
    mut visit: impl FnMut(Node<'tree>, &[Node<'tree>]),
) -> Walked<'tree> {
    let mut uses = Vec::new();
    let mut query_roots = Vec::new();
    static NO_RULES: Compiled = Compiled { flags: Vec::new(), in_field: Vec::new(), in_children: Vec::new(), calls: Vec::new() };
    let rules = compiled(language).unwrap_or(&NO_RULES);
    // Callee names met at their call, not reached yet: a call's callee is
    // among its descendants, so this holds one per open call at most.
    let mut callees: Vec<usize> = Vec::new();
    let mut ancestors: Vec<Node<'tree>> = Vec::new();
    // Per ancestor, how many of its children the walk has still to visit.
    // Asking the cursor for a sibling after the last child is not a cheap
    // "no": it climbs the hidden nodes above and back, and it happens once
    // per node with children.
    let mut unvisited: Vec<u32> = Vec::new();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let kind = node.kind_id();
        visit(node, &ancestors);
        if tags.is_root(kind) {
            query_roots.push(node);
        }
        let flags = rules.flags.get(kind as usize).copied().unwrap_or(0);
        if flags != 0 {
            if flags & CALL != 0 {
                for call in rules.calls.iter().filter(|c| c.kind == kind) {
                    let callee = if call.field == 0 { node.named_child(0) } else { node.child_by_field_id(call.field) };
                    let name = callee.and_then(|callee| callee_name(&call.shapes, callee));
                    if let Some(name) = name.filter(|n| passes(call.only, *n, source)) {
                        callees.push(name.id());
                    }
                }
            }
            let parent = ancestors.last().copied();
            let is_call = flags & CALLEE != 0 && {
                let at = callees.iter().rposition(|id| *id == node.id());
                at.map(|i| callees.swap_remove(i)).is_some()
            };
            // Asked only of the few kinds that are uses in some places only.
            let parent_kind = || parent.map_or(0, |p| p.kind_id());
            let is_use = flags & EVERYWHERE != 0
                || (flags & IN_FIELD != 0 && {
                    let field = cursor.field_id().map_or(0, |f| f.get());
                    rules.in_field.contains(&(parent_kind(), field, kind))
                })
                || (flags & IN_CHILDREN != 0 && rules.in_children.contains(&(parent_kind(), kind)));
            if is_use || is_call {
                uses.push(Use { name: node, is_call, parent });
            }
        }
        if cursor.goto_first_child() {
            // The cursor visits exactly the node's visible children, which `child_count` counts.
            unvisited.push(node.child_count().saturating_sub(1));
            ancestors.push(node);
            continue;
        }
        loop {
            match unvisited.last_mut() {
                None => return Walked { uses, query_roots },
                Some(left) if *left > 0 => {
                    *left -= 1;
                    if cursor.goto_next_sibling() {
                        break;
                    }
                    // Fewer children than counted: the parent is done all the same.
                    *left = 0;
                }
                Some(_) => {
                    cursor.goto_parent();
                    unvisited.pop();
                    ancestors.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::PARSED_LANGUAGES;

    /// The uses of `source`: name, whether a call, and the parent's kind.
    fn uses_of(language: Language, source: &str) -> Vec<(String, bool, String)> {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&language.grammar().expect("grammar")).expect("language");
        let tree = parser.parse(source, None).expect("parses");
        let tags = language.tags_query().expect("query");
        walk(language, tree.root_node(), source, tags, |_, _| {})
            .uses
            .iter()
            .map(|u| {
                let name = source[u.name.start_byte()..u.name.end_byte()].to_string();
                (name, u.is_call, u.parent.map_or(String::new(), |p| p.kind().to_string()))
            })
            .collect()
    }

    fn has(uses: &[(String, bool, String)], name: &str, is_call: bool, parent: &str) -> bool {
        uses.iter().any(|(n, c, p)| n == name && *c == is_call && p == parent)
    }

    #[test]
    fn calls_fields_and_parents_per_language() {
        let go = uses_of(Language::Go, "package p\nfunc f(x T) { g(x); x.m(); pkg.F[int](); _ = x.field }\n");
        assert!(has(&go, "g", true, "call_expression"), "{go:?}");
        assert!(has(&go, "m", true, "selector_expression"), "{go:?}");
        assert!(has(&go, "F", true, "selector_expression"), "a generic call through index_expression: {go:?}");
        assert!(has(&go, "field", false, "selector_expression"), "{go:?}");
        assert!(has(&go, "T", false, "parameter_declaration"), "{go:?}");
        assert_eq!(go.iter().filter(|(n, ..)| n == "g").count(), 1, "each name once: {go:?}");

        let js = uses_of(Language::JavaScript, "const a = require('a'); new Cart(); <Button />; <div />; obj.run();\n");
        assert!(has(&js, "require", false, "call_expression"), "require is an import, not a call: {js:?}");
        assert!(has(&js, "Cart", true, "new_expression"), "{js:?}");
        assert!(has(&js, "Button", true, "jsx_self_closing_element"), "{js:?}");
        assert!(has(&js, "div", false, "jsx_self_closing_element"), "lower-case JSX is an HTML tag: {js:?}");
        assert!(has(&js, "run", true, "member_expression"), "{js:?}");

        let rust = uses_of(Language::Rust, "fn f() { a.b(); a.c; m::g::<u8>(); println!(); }\n");
        assert!(has(&rust, "b", true, "field_expression"), "{rust:?}");
        assert!(!rust.iter().any(|(n, ..)| n == "c"), "a field read is not a use in Rust's rules: {rust:?}");
        assert!(has(&rust, "g", true, "scoped_identifier"), "{rust:?}");
        assert!(has(&rust, "println", true, "macro_invocation"), "{rust:?}");

        let cpp = uses_of(Language::Cpp, "struct S { int x; S() : x(0) {} void f() { p.y = 1; ns::g(); h<int>(); } };\n");
        assert!(has(&cpp, "x", false, "field_initializer"), "{cpp:?}");
        assert!(has(&cpp, "y", false, "field_expression"), "{cpp:?}");
        assert!(has(&cpp, "g", true, "qualified_identifier"), "{cpp:?}");
        assert!(has(&cpp, "h", true, "template_function"), "{cpp:?}");

        let java = uses_of(Language::Java, "class A { void f() { new java.util.ArrayList<String>(); new B(); run(); } }\n");
        assert!(has(&java, "B", true, "object_creation_expression"), "{java:?}");
        assert!(has(&java, "run", true, "method_invocation"), "{java:?}");
    }

    #[test]
    fn every_language_has_rules_its_grammar_knows() {
        for language in PARSED_LANGUAGES {
            if let Err(e) = compile(language) {
                panic!("use rules do not match the grammar: {e}");
            }
        }
    }
}

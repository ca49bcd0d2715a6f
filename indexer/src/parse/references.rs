//! References: the uses of names a file's walk (and the Go body scan)
//! found, each with how its name is reached (bare, through the own type,
//! or through another object, type or path), merged into one reference per
//! enclosing definition, name and way of reaching it.

use super::language::{Language, PerLanguage};
use super::locals::{LocalUse, Locals};
use super::node::line_of;
use super::symbol::{QualifierPath, Receiver, Reference, Symbol};
use super::uses::Use;
// Fx hashing: these maps are keyed by node ids and short names, hashed
// for every use of a file, where SipHash's DoS resistance buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tree_sitter::Node;

/// One use of a name, from the tree or from the Go body scan (`go::bodies`): what a
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
/// The uses of the tree as facts: definition names and the names a
/// function binds itself are not uses of definitions, and a local's `x.f`
/// records the type of `x`.
pub(crate) fn use_facts<'s>(
    language: Language,
    source: &'s str,
    uses: &[Use],
    definition_name_ids: &HashSet<usize>,
    locals: &Locals,
) -> Vec<UseFact<'s>> {
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
    facts
}

/// The references of a file, from the facts of the tree and of the Go body
/// scan in document order: one per enclosing definition, name and way it
/// is reached, at its first line.
pub(crate) fn references_of(symbols: &[Symbol], facts: Vec<UseFact<'_>>) -> Vec<Reference> {
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
    let Some(mut parent) = parent else { return (Receiver::Bare, None, None) };
    let mut syntax = fields.member_syntax.get(usize::from(parent.kind_id())).copied().unwrap_or(MemberSyntax::None);
    if syntax == MemberSyntax::Suffix && let Some(expression) = parent.parent() {
        parent = expression;
        syntax = fields.member_syntax.get(usize::from(parent.kind_id())).copied().unwrap_or(MemberSyntax::None);
    }
    let object = match syntax {
        MemberSyntax::None | MemberSyntax::Suffix => None,
        MemberSyntax::Member | MemberSyntax::Static => fields.object.iter().find_map(|field| parent.child_by_field_id(*field)),
        MemberSyntax::Unfielded => parent.named_child(0),
    };
    let Some(object) = object.filter(|o| o.id() != node.id() && o.end_byte() <= node.start_byte()) else {
        return (Receiver::Bare, None, None);
    };
    let text = source.get(object.start_byte()..object.end_byte()).unwrap_or_default();
    // PHP's `self::`, `static::` and `parent::` are a `relative_scope`.
    if OWN_TYPE_OBJECTS.contains(&text) || object.kind() == "relative_scope" {
        return (Receiver::OwnType, None, None);
    }
    // The last identifier of the object: `tax` in `crate::shipping::tax`, `b` in `a.b`, `row` in `row`.
    let last = text.rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).find(|part| !part.is_empty());
    (Receiver::Qualified, last, qualifier_path(syntax == MemberSyntax::Static, text))
}

/// Objects that stand for the enclosing type's instance or the type itself.
pub(crate) const OWN_TYPE_OBJECTS: [&str; 8] = ["self", "this", "Self", "cls", "super", "base", "$this", "__MODULE__"];

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
    /// A member expression of a grammar that gives it no fields (Kotlin's
    /// `navigation_expression`): its object is its first child.
    Unfielded,
    /// The suffix holding a member's name below its member expression
    /// (Swift's `a.b` is `navigation_expression(a, navigation_suffix(b))`).
    Suffix,
}

/// The member and path expressions of the grammars ctx ships.
const MEMBER_KINDS: [&str; 17] = [
    "attribute",
    "member_expression",
    "field_expression",
    "selector_expression",
    "field_access",
    "method_invocation",
    "nested_type_identifier",
    "generic_type",
    "member_access_expression",
    "null_aware_member_expression",
    "call",
    "dot",
    "member_call_expression",
    "nullsafe_member_call_expression",
    "nullsafe_member_access_expression",
    // Lua's `a.b` and `a:b()`.
    "dot_index_expression",
    "method_index_expression",
];
/// The `::` paths among them.
const STATIC_KINDS: [&str; 7] = ["scoped_identifier", "scoped_type_identifier", "qualified_identifier", "qualified_name", "scope_resolution", "scoped_call_expression", "qualified"];
/// The suffixes holding a member's name (see [`MemberSyntax::Suffix`]).
/// C#'s `generic_name` holds the name of `x.F<T>()` below its `member_access_expression`.
const SUFFIX_KINDS: [&str; 2] = ["navigation_suffix", "generic_name"];
/// The member expressions without fields (see [`MemberSyntax::Unfielded`]).
const UNFIELDED_KINDS: [&str; 1] = ["navigation_expression"];

fn fields_of(language: Language) -> &'static Fields {
    static FIELDS: PerLanguage<Fields> = PerLanguage::new();
    // Plain text has no grammar, no fields, and is never walked.
    static NONE: Fields = Fields { object: Vec::new(), operand: 0, member_syntax: Vec::new() };
    FIELDS
        .get(language, || {
            let grammar = language.grammar();
            let id = |name: &str| grammar.as_ref().and_then(|g| g.field_id_for_name(name)).map(|id| id.get());
            Fields {
                object: ["object", "operand", "value", "argument", "path", "scope", "module", "expression", "qualifier", "receiver", "left", "table"].into_iter().filter_map(id).collect(),
                operand: id("operand").unwrap_or(0),
                // By the kinds' public ids, which `Node::kind_id` gives (as
                // for the use rules and the query's roots); 0: not in this grammar.
                member_syntax: grammar.as_ref().map_or_else(Vec::new, |g| {
                    let mut table = vec![MemberSyntax::None; g.node_kind_count()];
                    let kinds = MEMBER_KINDS.map(|k| (k, MemberSyntax::Member)).into_iter().chain(STATIC_KINDS.map(|k| (k, MemberSyntax::Static)));
                    let kinds = kinds.chain(UNFIELDED_KINDS.map(|k| (k, MemberSyntax::Unfielded)));
                    let kinds = kinds.chain(SUFFIX_KINDS.map(|k| (k, MemberSyntax::Suffix)));
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
    // PHP's namespaced names (`\App\Support\Money`) are `\` paths, from the global namespace when they start with one.
    let path: String = object.chars().filter(|c| !c.is_whitespace()).collect();
    let path = path.strip_prefix('\\').map_or(path.clone(), str::to_string);
    let is_static = path.contains("::") || path.contains('\\') || static_syntax;
    let segments: Vec<&str> = path.split("::").flat_map(|s| s.split(['.', '\\'])).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_kind_is_known_to_some_grammar() {
        // A misspelt kind would silently make its uses bare.
        for kind in MEMBER_KINDS.iter().chain(&STATIC_KINDS).chain(&UNFIELDED_KINDS).chain(&SUFFIX_KINDS) {
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
}

//! Kotlin: how its syntax marks uses of names and calls, and the aliases
//! of `import kotlin.math.max as maximum`.

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::{FirstNamed, LastNamed};
use crate::parse::use_rules::{Call, FIRST_NAMED_CHILD, NameTest, Rules};
use tree_sitter::Node;

/// The uses of names in Kotlin code. The grammar spells every name, of a
/// type or a value, as `identifier`, and gives calls and member accesses
/// no fields: a call's callee is its first child, a member's name the last
/// child of its `navigation_expression`. A constructor call is a plain
/// call (`Invoice(1)`); only a supertype's (`: Base()`) has its own node.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier"],
    in_field: &[],
    in_children: &[],
    calls: &[
        // `f()`, `x.f()`, `x?.f()`, `a.b.C.f()`, and `f { .. }` with a trailing lambda.
        Call {
            kind: "call_expression",
            field: FIRST_NAMED_CHILD,
            shapes: &[Name("identifier"), Wrapped { kind: "navigation_expression", step: LastNamed, inner: &[Name("identifier")] }],
            only: NameTest::Any,
        },
        // `class B : a.b.Base()`, `: Base<T>()`.
        Call {
            kind: "constructor_invocation",
            field: FIRST_NAMED_CHILD,
            shapes: &[
                Wrapped { kind: "user_type", step: LastNamed, inner: &[Name("identifier")] },
                Wrapped { kind: "user_type", step: FirstNamed, inner: &[Name("identifier")] },
            ],
            only: NameTest::Any,
        },
    ],
};

/// The body of a declaration, which the grammar puts in no field: a
/// function's `{ .. }` or `= ..`, a class's or object's `{ .. }`.
pub(crate) fn body_of(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).find(|c| matches!(c.kind(), "function_body" | "class_body" | "enum_class_body"));
    found
}

/// The alias an import binds: `import kotlin.math.max as maximum` makes
/// `maximum` stand for `max`, with the imported path as its module.
pub(crate) fn import_alias(text: &str, module: &str, out: &mut Vec<Alias>) {
    let Some((path, local)) = text.split_once(" as ") else { return };
    // Backquoted names (`` `is` ``) are names like any other.
    let local = local.trim().trim_end_matches(';').trim().trim_matches('`');
    let original = path.trim().rsplit('.').next().unwrap_or_default().trim().trim_matches('`');
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    if is_word(local) && is_word(original) && local != original {
        out.push(Alias { local: local.to_string(), original: original.to_string(), module: module.to_string() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_aliases() {
        let mut out = Vec::new();
        import_alias("import kotlin.math.max as maximum", "kotlin.math.max", &mut out);
        import_alias("import a.b.C", "a.b.C", &mut out);
        let got: Vec<(&str, &str, &str)> = out.iter().map(|a| (a.local.as_str(), a.original.as_str(), a.module.as_str())).collect();
        assert_eq!(got, vec![("maximum", "max", "kotlin.math.max")]);
    }
}

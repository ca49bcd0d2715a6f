//! Dart: how its syntax marks uses of names and calls, and the prefixes of
//! imports (`import 'package:shop/tax.dart' as tax;`).

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::{Field, FirstNamed, LastNamed};
use crate::parse::use_rules::{Call, NameTest, Rules, Shape};
use tree_sitter::Node;

/// A constructed type: `Impl`, `p.Impl` (a prefixed import), `Impl<T>`.
const TYPES: &[Shape] = &[
    Wrapped { kind: "type", step: LastNamed, inner: &[Name("type_identifier")] },
    // `p.Impl<int>`: the type arguments come last.
    Wrapped { kind: "type", step: FirstNamed, inner: &[Name("type_identifier")] },
];

/// The uses of names in Dart code: values are `identifier`s, types
/// `type_identifier`s. An unnamed constructor call is a plain call
/// (`Impl('a')`), a named one a member call (`Priced.of(..)`).
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier", "type_identifier"],
    in_field: &[],
    in_children: &[],
    calls: &[
        Call {
            kind: "call_expression",
            field: "function",
            shapes: &[
                Name("identifier"),
                Wrapped { kind: "member_expression", step: Field("property"), inner: &[Name("identifier")] },
                Wrapped { kind: "null_aware_member_expression", step: Field("property"), inner: &[Name("identifier")] },
            ],
            only: NameTest::Any,
        },
        // `sheet..add(row)..save()`.
        Call { kind: "cascade_call_expression", field: "property", shapes: &[Name("identifier")], only: NameTest::Any },
        // `new Impl()`, `const Zero()`.
        Call { kind: "new_expression", field: "type", shapes: TYPES, only: NameTest::Any },
        Call { kind: "const_object_expression", field: "type", shapes: TYPES, only: NameTest::Any },
    ],
};

/// The body of a function declared inside another, which the grammar
/// puts in no field (top-level functions and methods have a `body`).
pub(crate) fn body_of(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).find(|c| c.kind() == "function_body");
    found
}

/// The prefix an import binds: `import 'package:shop/tax.dart' as tax;`
/// makes `tax` stand for the library, named after its file (`tax`), with
/// the library's URI less `.dart` as its module, so that `tax.compute()`
/// is looked up in that file.
pub(crate) fn import_prefix(text: &str, module: &str, out: &mut Vec<Alias>) {
    let Some((_, rest)) = text.rsplit_once(" as ") else { return };
    let local = rest.split(|c: char| c.is_whitespace() || c == ';').next().unwrap_or_default();
    let module = module.strip_suffix(".dart").unwrap_or(module);
    let original = module.rsplit(['/', ':']).next().unwrap_or(module);
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if is_word(local) && is_word(original) && local != original {
        out.push(Alias { local: local.to_string(), original: original.to_string(), module: module.to_string() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_prefixes() {
        let mut out = Vec::new();
        import_prefix("import 'package:shop/tax.dart' as duty show compute;", "package:shop/tax.dart", &mut out);
        import_prefix("import 'dart:math' as math;", "dart:math", &mut out);
        import_prefix("import '../tax.dart';", "../tax.dart", &mut out);
        let got: Vec<(&str, &str, &str)> = out.iter().map(|a| (a.local.as_str(), a.original.as_str(), a.module.as_str())).collect();
        assert_eq!(got, vec![("duty", "tax", "package:shop/tax")]);
    }
}

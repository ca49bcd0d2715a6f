//! Scala: how its syntax marks uses of names and calls, and the renamed
//! selectors of imports (`import shop.models.{Cart => Basket}`,
//! `import shop.models.Cart as Basket`).

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::{Field, LastNamed};
use crate::parse::use_rules::{Call, FIRST_NAMED_CHILD, NameTest, Rules, Shape};

/// A callee: `f`, `x.f`, `a.b.f`.
const CALLEES: &[Shape] = &[Name("identifier"), Wrapped { kind: "field_expression", step: Field("field"), inner: &[Name("identifier")] }];

/// A constructed type: `Basket`, `Basket[Int]`, `shop.models.Basket`.
const TYPES: &[Shape] = &[
    Name("type_identifier"),
    Wrapped { kind: "stable_type_identifier", step: LastNamed, inner: &[Name("type_identifier")] },
];

/// The uses of names in Scala code: values are `identifier`s, types
/// `type_identifier`s. `Basket(2)` (a case class's `apply`) is a plain
/// call; `new Basket(1)` an `instance_expression` whose type comes first.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier", "type_identifier"],
    in_field: &[],
    in_children: &[],
    calls: &[
        Call { kind: "call_expression", field: "function", shapes: CALLEES, only: NameTest::Any },
        // `f[Int](x)`, `x.f[Int](y)`.
        Call {
            kind: "call_expression",
            field: "function",
            shapes: &[Wrapped { kind: "generic_function", step: Field("function"), inner: CALLEES }],
            only: NameTest::Any,
        },
        Call { kind: "instance_expression", field: FIRST_NAMED_CHILD, shapes: TYPES, only: NameTest::Any },
        Call {
            kind: "instance_expression",
            field: FIRST_NAMED_CHILD,
            shapes: &[Wrapped { kind: "generic_type", step: Field("type"), inner: TYPES }],
            only: NameTest::Any,
        },
    ],
};

/// The aliases an import binds, from its text: each renamed selector
/// (`Cart => Basket`, `Cart as Basket`) makes the local name stand for the
/// original, with the original's whole path (`shop.models.Cart`) as its
/// module, as Kotlin's and Python's `import a.b.c as d` do. `Cart => _`
/// hides a name and binds none.
pub(crate) fn import_aliases(text: &str, out: &mut Vec<Alias>) {
    let text = text.trim().strip_prefix("import").unwrap_or(text).trim();
    let (path, selectors) = match text.split_once('{') {
        Some((path, rest)) => (path.trim().trim_end_matches('.'), rest.split('}').next().unwrap_or_default()),
        // `import shop.models.Cart as Basket`: the last segment is the one selector.
        None => match text.rsplit_once('.') {
            Some((path, last)) => (path, last),
            None => ("", text),
        },
    };
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    for selector in selectors.split(',') {
        let renamed = selector.split_once("=>").or_else(|| selector.split_once(" as "));
        let Some((original, local)) = renamed else { continue };
        let (original, local) = (original.trim().trim_matches('`'), local.trim().trim_matches('`'));
        if is_word(original) && is_word(local) && local != "_" && local != original {
            let module = if path.is_empty() { original.to_string() } else { format!("{path}.{original}") };
            out.push(Alias { local: local.to_string(), original: original.to_string(), module });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_aliases_of_selectors() {
        let mut out = Vec::new();
        import_aliases("import shop.models.{Invoice, Cart => Basket, Secret => _}", &mut out);
        import_aliases("import shop.tax.Tax as Duty", &mut out);
        import_aliases("import shop.tax._", &mut out);
        let got: Vec<(&str, &str, &str)> = out.iter().map(|a| (a.local.as_str(), a.original.as_str(), a.module.as_str())).collect();
        assert_eq!(got, vec![("Basket", "Cart", "shop.models.Cart"), ("Duty", "Tax", "shop.tax.Tax")]);
    }
}

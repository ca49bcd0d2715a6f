//! Swift: how its syntax marks uses of names and calls.
//!
//! The grammar names no fields of a call (`f(x)`, `a.b(x)`: the callee is
//! the call's first child) and puts a member's name in a suffix below the
//! member expression (`navigation_expression(a, navigation_suffix(b))`,
//! which `references` climbs to find the object).

use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::{Field, FirstNamed, LastNamed};
use crate::parse::use_rules::{Call, FIRST_NAMED_CHILD, NameTest, Rules, Shape};

/// A callee: a name, or a member's name (`items.append`, `Pricing.discount`).
const CALLEES: &[Shape] = &[
    Name("simple_identifier"),
    Wrapped {
        kind: "navigation_expression",
        step: Field("suffix"),
        inner: &[Wrapped { kind: "navigation_suffix", step: Field("suffix"), inner: &[Name("simple_identifier")] }],
    },
];

/// The uses of names in Swift code: identifiers and type names, and the
/// callee of a call, bare (`helper(x)`, `Money(cents: 5)`, which
/// constructs), a member (`items.append(x)`, `self.recompute()`,
/// `Pricing.discount(x)`), or a constructed type (`[Int]()`, `Box<T>()`).
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["simple_identifier", "type_identifier"],
    in_field: &[],
    in_children: &[],
    calls: &[
        Call { kind: "call_expression", field: FIRST_NAMED_CHILD, shapes: CALLEES, only: NameTest::Any },
        // The grammar reads `a + f(x)`, `a * f(x)` and `-f(x)` as calls of
        // `a + f`, `a * f` and `-f`: the callee ends the operator's operand.
        Call {
            kind: "call_expression",
            field: FIRST_NAMED_CHILD,
            shapes: &[
                Wrapped { kind: "additive_expression", step: Field("rhs"), inner: CALLEES },
                Wrapped { kind: "multiplicative_expression", step: Field("rhs"), inner: CALLEES },
                Wrapped { kind: "prefix_expression", step: Field("target"), inner: CALLEES },
            ],
            only: NameTest::Any,
        },
        Call {
            kind: "constructor_expression",
            field: "constructed_type",
            shapes: &[
                Wrapped { kind: "user_type", step: LastNamed, inner: &[Name("type_identifier")] },
                Wrapped { kind: "user_type", step: FirstNamed, inner: &[Name("type_identifier")] },
            ],
            only: NameTest::Any,
        },
    ],
};

#[cfg(test)]
mod tests {
    use crate::parse::{Language, Receiver, parse_source};

    #[test]
    fn calls_behind_operators_and_members() {
        let source = "extension Cart {\n    func total() -> Int {\n        subtotal + Tax.compute(1) - helper(2)\n    }\n}\n";
        let parsed = parse_source(Language::Swift, source);
        let symbols: Vec<&str> = parsed.symbols.iter().map(|s| s.qualified_name.as_str()).collect();
        assert_eq!(symbols, ["Cart", "Cart.total"]);
        let compute = parsed.references.iter().find(|r| r.name == "compute").expect("compute");
        assert!(compute.is_call && compute.receiver == Receiver::Qualified && compute.qualifier.as_deref() == Some("Tax"), "{compute:?}");
        assert!(parsed.references.iter().any(|r| r.name == "helper" && r.is_call), "{:?}", parsed.references);
    }
}

//! Ruby: how its syntax marks uses of names and calls, and the scope a
//! class or module writes before its name (`class Billing::Report::Aging`).

use crate::parse::use_rules::Shape::Name;
use crate::parse::use_rules::{Call, NameTest, Rules};
use tree_sitter::Node;

/// The uses of names in Ruby code. Every identifier and constant is a use:
/// a bare `total` may be a local or a call of a method of `self` without
/// parentheses, which the syntax does not tell apart, so only the method
/// of a `call` node (`f(x)`, `obj.f`, `obj.f x`, `Mod::Klass.new`) counts
/// as a call.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier", "constant"],
    in_field: &[],
    in_children: &[],
    calls: &[Call { kind: "call", field: "method", shapes: &[Name("identifier"), Name("constant")], only: NameTest::Any }],
};

/// The scope written before a class or module name: `Billing::Report` in
/// `class Billing::Report::Aging`.
pub(crate) fn written_scope(name: Node, source: &str) -> Option<String> {
    let path = name.parent().filter(|p| p.kind() == "scope_resolution")?;
    let scope = path.child_by_field_name("scope")?;
    let text = source.get(scope.start_byte()..scope.end_byte())?.trim().trim_start_matches("::");
    (!text.is_empty()).then(|| text.to_string())
}

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

#[cfg(test)]
mod tests {
    use crate::parse::{Language, Receiver, parse_source};

    #[test]
    fn scopes_docs_and_calls() {
        let source = "module Shop\n  # The version.\n  VERSION = \"1\"\nend\n\nclass Shop::Report::Aging < Base\n  def run\n    Shop::Pricing.discount(1)\n    total\n  end\nend\n";
        let parsed = parse_source(Language::Ruby, source);
        let symbols: Vec<(&str, Option<&str>)> = parsed.symbols.iter().map(|s| (s.qualified_name.as_str(), s.doc.as_deref())).collect();
        assert_eq!(
            symbols,
            [("Shop", None), ("Shop::VERSION", Some("The version.")), ("Shop::Report::Aging", None), ("Shop::Report::Aging::run", None)]
        );
        let discount = parsed.references.iter().find(|r| r.name == "discount").expect("a call of discount");
        assert!(discount.is_call && discount.receiver == Receiver::Qualified, "{discount:?}");
        assert_eq!(discount.qualifier_path.as_ref().map(|p| p.path.as_str()), Some("Shop::Pricing"));
        // A bare identifier may be a local: a use, not a call.
        assert!(parsed.references.iter().any(|r| r.name == "total" && !r.is_call));
    }
}

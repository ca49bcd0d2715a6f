//! Elixir: how its syntax marks uses of names and calls, the module names
//! of `defmodule Shop.Billing.Invoice` (one node, split into a scope and a
//! name), the `@doc` and `@moduledoc` attributes that document definitions,
//! and the aliases of `alias Shop.Ledger, as: L`.
//!
//! In Elixir's grammar everything is a call: `def`, `defmodule`, `alias`
//! and `@doc` as much as `Money.round(x)`. The tag query tells them apart
//! by the target's name; the use rules take every call's target.

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::Field;
use crate::parse::use_rules::{Call, NameTest, Rules};
use tree_sitter::Node;

/// The uses of names in Elixir code: identifiers (functions, variables,
/// `@attribute` reads) and aliases (modules), and the target of every
/// call, local (`f(x)`, `x |> f()`) or remote (`Mod.f(x)`, `alias.f`).
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier", "alias"],
    in_field: &[],
    in_children: &[],
    calls: &[Call {
        kind: "call",
        field: "target",
        shapes: &[Name("identifier"), Wrapped { kind: "dot", step: Field("right"), inner: &[Name("identifier")] }],
        only: NameTest::Any,
    }],
};

/// Splits a module name written as one node (`Shop.Billing.Invoice`) into
/// its own name, left in `name`, and the scope written before it, returned.
pub(crate) fn split_module_name(node: Node, name: &mut String) -> Option<String> {
    if node.kind() != "alias" {
        return None;
    }
    let (scope, last) = name.rsplit_once('.')?;
    if scope.is_empty() || last.is_empty() {
        return None;
    }
    let scope = scope.to_string();
    *name = last.to_string();
    Some(scope)
}

/// Whether a sibling before a definition is a module attribute (`@doc`,
/// `@spec`, `@impl true`), which belongs to the definition after it.
pub(crate) fn is_attribute(node: Node, source: &str) -> bool {
    node.kind() == "unary_operator" && source.get(node.start_byte()..node.end_byte()).is_some_and(|t| t.starts_with('@'))
}

/// The documentation of a definition: the `@moduledoc` inside a module's
/// (or a protocol's) body, else the `@doc` among the attributes right
/// before it. `@doc false` hides a definition from the docs: no text.
pub(crate) fn doc_of(node: Node, attributes: &[Node], source: &str) -> Option<String> {
    let mut cursor = node.walk();
    let body = node.children(&mut cursor).find(|c| c.kind() == "do_block");
    if let Some(body) = body {
        let mut cursor = body.walk();
        let moduledoc = body.named_children(&mut cursor).find(|c| attribute_name(*c, source) == Some("moduledoc"));
        if let Some(text) = moduledoc.and_then(|m| attribute_text(m, source)) {
            return Some(text);
        }
    }
    let doc = attributes.iter().find(|a| matches!(attribute_name(**a, source), Some("doc" | "typedoc")))?;
    attribute_text(*doc, source)
}

/// `doc` for `@doc "..."`.
fn attribute_name<'s>(node: Node, source: &'s str) -> Option<&'s str> {
    if node.kind() != "unary_operator" {
        return None;
    }
    let operand = node.child_by_field_name("operand")?;
    let target = if operand.kind() == "call" { operand.child_by_field_name("target")? } else { operand };
    (target.kind() == "identifier").then(|| source.get(target.start_byte()..target.end_byte())).flatten()
}

/// The text of an attribute's string (`"..."`, a heredoc, `~S"""..."""`),
/// each line trimmed; `None` for `@doc false` or an empty string.
fn attribute_text(node: Node, source: &str) -> Option<String> {
    let call = node.child_by_field_name("operand")?;
    let arguments = call.named_children(&mut call.walk()).find(|c| c.kind() == "arguments")?;
    let value = arguments.named_child(0)?;
    if !matches!(value.kind(), "string" | "sigil") {
        return None;
    }
    let mut cursor = value.walk();
    let mut text = String::new();
    for part in value.named_children(&mut cursor).filter(|c| c.kind() == "quoted_content") {
        text.push_str(source.get(part.start_byte()..part.end_byte()).unwrap_or_default());
    }
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let text = lines.join("\n");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The alias an `alias` binds under another name: `alias Shop.Ledger, as:
/// L` makes `L` stand for `Ledger`, with `Shop.Ledger` as its module. A
/// plain `alias Shop.Ledger` binds `Ledger` to itself: no alias, the
/// import names the module.
pub(crate) fn import_alias(text: &str, module: &str, out: &mut Vec<Alias>) {
    let Some((_, local)) = text.split_once("as:") else { return };
    let local = local.split([',', ' ', '\n']).find(|w| !w.is_empty()).unwrap_or_default();
    let original = module.rsplit('.').next().unwrap_or_default();
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    if text.trim_start().starts_with("alias") && is_word(local) && is_word(original) && local != original {
        out.push(Alias { local: local.to_string(), original: original.to_string(), module: module.to_string() });
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::{Language, Receiver, parse_source};

    #[test]
    fn modules_docs_and_aliases() {
        let source = "defmodule Shop.Cart do\n  @moduledoc \"Carts.\"\n  alias Shop.Ledger, as: L\n\n  @doc \"\"\"\n  Adds.\n  \"\"\"\n  @spec add(t(), integer()) :: t()\n  def add(cart, n) when n > 0, do: L.post(cart, n)\n\n  @doc false\n  def hidden, do: __MODULE__.add(1, 2)\nend\n";
        let parsed = parse_source(Language::Elixir, source);
        let symbols: Vec<(&str, &str, Option<&str>, u32)> =
            parsed.symbols.iter().map(|s| (s.name.as_str(), s.qualified_name.as_str(), s.doc.as_deref(), s.leading_line)).collect();
        assert_eq!(
            symbols,
            [("Cart", "Shop.Cart", Some("Carts."), 1), ("add", "Shop.Cart.add", Some("Adds."), 5), ("hidden", "Shop.Cart.hidden", None, 11)]
        );
        let alias: Vec<(&str, &str, &str)> = parsed.aliases.iter().map(|a| (a.local.as_str(), a.original.as_str(), a.module.as_str())).collect();
        assert_eq!(alias, [("L", "Ledger", "Shop.Ledger")]);
        assert!(parsed.references.iter().any(|r| r.name == "post" && r.is_call && r.qualifier.as_deref() == Some("L")));
        assert!(parsed.references.iter().any(|r| r.name == "add" && r.is_call && r.receiver == Receiver::OwnType));
    }
}

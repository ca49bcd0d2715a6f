//! Lua: how its syntax marks uses of names and calls, the table a function
//! is stored in (`function M.add()` defines `M.add`), where a function's
//! head ends, and the modules `require` binds to local names.

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::Field;
use crate::parse::use_rules::{Call, NameTest, Rules};
use tree_sitter::Node;

/// The uses of names in Lua code: every identifier (variables, fields of
/// `a.b`, methods of `a:b()`), and the callees of `f()`, `M.f()` and
/// `obj:m()`. `require(..)` is an import, not a call.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier"],
    in_field: &[],
    in_children: &[],
    calls: &[Call {
        kind: "function_call",
        field: "name",
        shapes: &[
            Name("identifier"),
            Wrapped { kind: "dot_index_expression", step: Field("field"), inner: &[Name("identifier")] },
            Wrapped { kind: "method_index_expression", step: Field("method"), inner: &[Name("identifier")] },
        ],
        only: NameTest::Not("require"),
    }],
};

/// The table a definition's name is a field of, as written: `M` for `add`
/// in `function M.add()` or `M.add = function()`, `Cart` in `function
/// Cart:total()`, `a.b` in `function a.b.c()`. `None` for a plain name, or
/// a table that is not a path of names (`t[1].f = function()`).
pub(crate) fn table_of(name: Node, source: &str) -> Option<String> {
    let access = name.parent().filter(|p| matches!(p.kind(), "dot_index_expression" | "method_index_expression"))?;
    let table = access.child_by_field_name("table")?;
    let text = source.get(table.start_byte()..table.end_byte())?;
    let plain = text.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'));
    plain.then(|| text.to_string())
}

/// What follows the head of an assignment, which the grammar gives no
/// body: the body of the function it stores (`M.f = function(a) .. end`,
/// `local f = function(a) .. end`; an empty function has none), or the
/// table it makes (`local log = { level = "info" }`).
pub(crate) fn body_of(node: Node) -> Option<Node> {
    let value = match node.kind() {
        "variable_declaration" => node.named_child(0).and_then(first_value),
        "assignment_statement" => first_value(node),
        _ => None,
    }?;
    match value.kind() {
        "function_definition" => value.child_by_field_name("body"),
        "table_constructor" => Some(value),
        _ => None,
    }
}

/// The first value an assignment stores: `function(..) .. end` in `f = function(..) .. end`.
fn first_value(assignment: Node) -> Option<Node> {
    let mut cursor = assignment.walk();
    let values = assignment.named_children(&mut cursor).find(|c| c.kind() == "expression_list")?;
    values.named_child(0)
}

/// The names `require` binds: `local pricing = require("shop.pricing")`
/// binds `pricing` to the module `shop.pricing` (also when the local name
/// is the module's last segment, so that `pricing.f()` means that module's
/// `f` and no other module's), and `local apply = require("shop.pricing").apply`
/// binds `apply` to that module's `apply`.
pub(crate) fn require_aliases(call: Node, module: &str, source: &str, out: &mut Vec<Alias>) {
    let mut value = call;
    let mut original = module.rsplit(['.', '/']).find(|s| !s.is_empty()).unwrap_or(module).to_string();
    if let Some(access) = call.parent().filter(|p| p.kind() == "dot_index_expression")
        && access.child_by_field_name("table").is_some_and(|t| t.id() == call.id())
    {
        let Some(field) = access.child_by_field_name("field") else { return };
        original = source.get(field.start_byte()..field.end_byte()).unwrap_or_default().to_string();
        value = access;
    }
    // The value's position among the values is the local's among the names.
    let Some(values) = value.parent().filter(|p| p.kind() == "expression_list") else { return };
    let Some(assignment) = values.parent().filter(|p| p.kind() == "assignment_statement") else { return };
    let mut cursor = values.walk();
    let Some(position) = values.named_children(&mut cursor).position(|v| v.id() == value.id()) else { return };
    let mut cursor = assignment.walk();
    let Some(names) = assignment.named_children(&mut cursor).find(|c| c.kind() == "variable_list") else { return };
    let Some(local) = u32::try_from(position).ok().and_then(|p| names.named_child(p)).filter(|n| n.kind() == "identifier") else { return };
    let local = source.get(local.start_byte()..local.end_byte()).unwrap_or_default();
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    if is_word(local) && is_word(&original) {
        out.push(Alias { local: local.to_string(), original, module: module.to_string() });
    }
}

//! Zig: how its syntax marks uses of names and calls, where a test's head
//! ends, and the files and packages `@import` binds to names.

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::Field;
use crate::parse::use_rules::{Call, NameTest, Rules};
use tree_sitter::Node;

/// The uses of names in Zig code: every identifier (the member of `a.b`
/// too), and the callees of `f()` and `a.f()`.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier"],
    in_field: &[],
    in_children: &[],
    calls: &[Call {
        kind: "call_expression",
        field: "function",
        shapes: &[
            Name("identifier"),
            Wrapped { kind: "field_expression", step: Field("member"), inner: &[Name("identifier")] },
        ],
        only: NameTest::Any,
    }],
};

/// A test's block, which the grammar puts in no `body` field.
pub(crate) fn body_of(node: Node) -> Option<Node> {
    if node.kind() != "test_declaration" {
        return None;
    }
    let mut cursor = node.walk();
    node.named_children(&mut cursor).find(|c| c.kind() == "block")
}

/// The module path an import names, as the resolver reads it: a file is
/// named relative to the importing file without its extension
/// (`@import("cart.zig")` is `./cart`, `../core/money.zig` is
/// `../core/money`), so that its last segment is the name it is bound to;
/// a package (`std`) is its name.
pub(crate) fn module_path(import: &str) -> String {
    match import.strip_suffix(".zig") {
        Some(file) if file.starts_with("./") || file.starts_with("../") => file.to_string(),
        Some(file) => format!("./{file}"),
        None => import.to_string(),
    }
}

/// The names `@import` binds: `const pricing = @import("pricing.zig");`
/// binds `pricing` to that file (also when the name is the file's, so that
/// `pricing.f()` means that file's `f` and no other's), and `const Money =
/// @import("money.zig").Money;` binds `Money` to that file's `Money`.
pub(crate) fn import_aliases(builtin: Node, module: &str, source: &str, out: &mut Vec<Alias>) {
    let module = module_path(module);
    let mut original = module.rsplit(['/', '.']).find(|s| !s.is_empty()).unwrap_or(&module).to_string();
    let mut value = builtin;
    if let Some(access) = builtin.parent().filter(|p| p.kind() == "field_expression")
        && access.child_by_field_name("object").is_some_and(|o| o.id() == builtin.id())
    {
        let Some(member) = access.child_by_field_name("member") else { return };
        original = source.get(member.start_byte()..member.end_byte()).unwrap_or_default().to_string();
        value = access;
    }
    let Some(declaration) = value.parent().filter(|p| p.kind() == "variable_declaration") else { return };
    let Some(local) = declaration.named_child(0).filter(|n| n.kind() == "identifier" && n.id() != value.id()) else { return };
    let local = source.get(local.start_byte()..local.end_byte()).unwrap_or_default();
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    if is_word(local) && is_word(&original) {
        out.push(Alias { local: local.to_string(), original, module });
    }
}

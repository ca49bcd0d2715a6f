//! PHP: how its syntax marks uses of names and calls, and the aliases of
//! `use App\Models\Invoice as Model;` and `use App\Support\{Clock, Timer as T};`.

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::LastNamed;
use crate::parse::use_rules::{Call, FIRST_NAMED_CHILD, NameTest, Rules, Shape};

/// A class or function name, bare or namespaced (`Money`, `\App\Money`).
const NAMES: &[Shape] = &[Name("name"), Wrapped { kind: "qualified_name", step: LastNamed, inner: &[Name("name")] }];

/// The uses of names in PHP code. The grammar spells every name as `name`,
/// a variable's too (`$total` is `variable_name(name)`), so names are uses
/// only where they name a type, a function, a constant or a member: a
/// variable named like a function (`$config`, `$request`) is not a use of it.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &[],
    in_field: &[
        ("member_access_expression", "name", "name"),
        ("nullsafe_member_access_expression", "name", "name"),
        ("scoped_call_expression", "scope", "name"),
        ("scoped_property_access_expression", "scope", "name"),
    ],
    in_children: &[
        // Types: parameters, results, properties, `catch`, `extends`, `implements`, a trait's `use`.
        ("named_type", "name"),
        ("base_clause", "name"),
        ("class_interface_clause", "name"),
        ("use_declaration", "name"),
        ("attribute", "name"),
        // `\App\Money` ends with its name; `Money::class`, `Status::Open`, `self::RATE`.
        ("qualified_name", "name"),
        ("class_constant_access_expression", "name"),
        // Constants as values: `f(FOO)`, `$x instanceof Money`, `return FOO;`, `[FOO => 1]`.
        ("argument", "name"),
        ("binary_expression", "name"),
        ("return_statement", "name"),
        ("assignment_expression", "name"),
        ("array_element_initializer", "name"),
        ("conditional_expression", "name"),
    ],
    calls: &[
        Call { kind: "function_call_expression", field: "function", shapes: NAMES, only: NameTest::Any },
        Call { kind: "member_call_expression", field: "name", shapes: &[Name("name")], only: NameTest::Any },
        Call { kind: "nullsafe_member_call_expression", field: "name", shapes: &[Name("name")], only: NameTest::Any },
        Call { kind: "scoped_call_expression", field: "name", shapes: &[Name("name")], only: NameTest::Any },
        // `new Money(5)` calls the class's constructor.
        Call { kind: "object_creation_expression", field: FIRST_NAMED_CHILD, shapes: NAMES, only: NameTest::Any },
    ],
};

/// The aliases a `use` binds: `use App\Models\Invoice as Model;` makes
/// `Model` stand for `Invoice`, with the imported path as its module; in a
/// group (`use App\Support\{Clock, Timer as T};`) each member's module is
/// its full path.
pub(crate) fn use_aliases(text: &str, module: &str, out: &mut Vec<Alias>) {
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    let mut push = |path: &str, local: &str, module: String| {
        let original = path.rsplit('\\').next().unwrap_or(path).trim();
        let local = local.trim();
        if is_word(local) && is_word(original) && local != original {
            out.push(Alias { local: local.to_string(), original: original.to_string(), module });
        }
    };
    if let Some((prefix, members)) = text.split_once('{') {
        let prefix = prefix.trim().trim_start_matches("use").trim();
        let prefix = prefix.trim_start_matches("function ").trim_start_matches("const ").trim().trim_end_matches('\\');
        for member in members.split('}').next().unwrap_or_default().split(',') {
            if let Some((path, local)) = member.split_once(" as ") {
                let path = path.trim().trim_start_matches("function ").trim_start_matches("const ").trim();
                push(path, local, format!("{prefix}\\{path}"));
            }
        }
        return;
    }
    if let Some((path, local)) = text.split_once(" as ") {
        push(path.trim(), local.trim_end_matches(';'), module.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Language, parse_source};

    #[test]
    fn aliases_of_clauses_and_groups() {
        let mut out = Vec::new();
        use_aliases("App\\Models\\Invoice as Model", "App\\Models\\Invoice", &mut out);
        use_aliases("use App\\Support\\{Clock, Timer as T};", "use App\\Support\\{Clock, Timer as T};", &mut out);
        let found: Vec<(&str, &str, &str)> = out.iter().map(|a| (a.local.as_str(), a.original.as_str(), a.module.as_str())).collect();
        assert_eq!(found, [("Model", "Invoice", "App\\Models\\Invoice"), ("T", "Timer", "App\\Support\\Timer")]);
    }

    #[test]
    fn a_variable_is_no_use_of_a_function() {
        let parsed = parse_source(Language::Php, "<?php\nfunction config() {}\n$config = config();\n$x = new \\App\\Money($config);\n");
        let config: Vec<bool> = parsed.references.iter().filter(|r| r.name == "config").map(|r| r.is_call).collect();
        assert_eq!(config, [true], "{:?}", parsed.references);
        assert!(parsed.references.iter().any(|r| r.name == "Money" && r.is_call), "new names its class");
    }
}

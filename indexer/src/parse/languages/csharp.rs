//! C#: how its syntax marks uses of names and calls, and the aliases of
//! `using Json = Newtonsoft.Json.JsonConvert;`.

use crate::parse::symbol::Alias;
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::{Field, FirstNamed, LastNamed};
use crate::parse::use_rules::{Call, NameTest, Rules, Shape};

/// A name as a callee: `F`, or the generic `F<T>`.
const NAMED: &[Shape] = &[Name("identifier"), Wrapped { kind: "generic_name", step: FirstNamed, inner: &[Name("identifier")] }];

/// The uses of names in C# code. The grammar spells types and values alike
/// as `identifier`, so every identifier is a use; member names
/// (`x.Total`) are identifiers too, in `member_access_expression`'s `name`.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["identifier"],
    in_field: &[],
    in_children: &[],
    calls: &[
        // `F()`, `F<T>()`, `x.F()`, `x.F<T>()`, `A.B.F()`.
        Call { kind: "invocation_expression", field: "function", shapes: NAMED, only: NameTest::Any },
        Call {
            kind: "invocation_expression",
            field: "function",
            shapes: &[Wrapped { kind: "member_access_expression", step: Field("name"), inner: NAMED }],
            only: NameTest::Any,
        },
        // `a?.F()`.
        Call {
            kind: "invocation_expression",
            field: "function",
            shapes: &[Wrapped {
                kind: "conditional_access_expression",
                step: LastNamed,
                inner: &[Wrapped { kind: "member_binding_expression", step: Field("name"), inner: NAMED }],
            }],
            only: NameTest::Any,
        },
        // `new T()`, `new List<T>()`, `new Shop.Models.Invoice()` call the constructor.
        Call {
            kind: "object_creation_expression",
            field: "type",
            shapes: &[
                Name("identifier"),
                Wrapped { kind: "generic_name", step: FirstNamed, inner: &[Name("identifier")] },
                Wrapped { kind: "qualified_name", step: Field("name"), inner: NAMED },
            ],
            only: NameTest::Any,
        },
    ],
};

/// The alias a `using` directive binds: `using Json = Newtonsoft.Json.JsonConvert;`
/// makes `Json` stand for the type (or namespace) `JsonConvert`, with the
/// aliased path as its module, as a Rust `use a::b as c` does.
pub(crate) fn using_alias(text: &str, module: &str, out: &mut Vec<Alias>) {
    let Some(rest) = text.trim().strip_prefix("global ").unwrap_or(text.trim()).strip_prefix("using ") else { return };
    let Some((local, path)) = rest.split_once('=') else { return };
    let local = local.trim();
    let path = path.trim().trim_end_matches(';').trim();
    // The original is the path's last segment, without type arguments.
    let original = path.split('<').next().unwrap_or(path).rsplit(['.', ':']).next().unwrap_or(path).trim();
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    if is_word(local) && is_word(original) && local != original {
        out.push(Alias { local: local.to_string(), original: original.to_string(), module: module.strip_prefix("global::").unwrap_or(module).to_string() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn using_aliases() {
        let mut out = Vec::new();
        using_alias("using Json = Newtonsoft.Json.JsonConvert;", "Newtonsoft.Json.JsonConvert", &mut out);
        using_alias("global using Tax = global::Shop.Shipping.Tax;", "global::Shop.Shipping.Tax", &mut out);
        using_alias("using System.Linq;", "System.Linq", &mut out);
        let got: Vec<(&str, &str, &str)> = out.iter().map(|a| (a.local.as_str(), a.original.as_str(), a.module.as_str())).collect();
        // `using Tax = ...Tax;` renames nothing: the import itself decides which `Tax` is meant.
        assert_eq!(got, vec![("Json", "JsonConvert", "Newtonsoft.Json.JsonConvert")]);
    }
}

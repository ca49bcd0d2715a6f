//! Haskell: how its syntax marks uses of names and calls, where a
//! definition's head ends, the one symbol of a function written as a type
//! signature and several equations, and the module an `import .. as`
//! names.

use crate::parse::node::truncate;
use crate::parse::symbol::{Alias, Symbol, SymbolKind};
use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::{Field, FirstNamed};
use crate::parse::use_rules::{Call, NameTest, Rules, Shape};
use rustc_hash::FxHashMap as HashMap;
use tree_sitter::Node;

/// A function or constructor named bare or through a module (`T.vat`).
const CALLEES: &[Shape] = &[
    Name("variable"),
    Name("constructor"),
    Wrapped { kind: "qualified", step: Field("id"), inner: &[Name("variable"), Name("constructor")] },
];

/// The uses of names in Haskell code: variables, constructors and type
/// names. A call is an application, whose head is the callee: `f` in
/// `f x y` (`apply (apply f x) y`, the inner application's function),
/// `T.vat` in `T.vat x`, `Cart` in `Cart [] "me"`, and the function
/// written between backticks (`x \`div\` y`).
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["variable", "constructor", "name"],
    in_field: &[],
    in_children: &[],
    calls: &[
        Call { kind: "apply", field: "function", shapes: CALLEES, only: NameTest::Any },
        Call {
            kind: "infix",
            field: "operator",
            shapes: &[Wrapped { kind: "infix_id", step: FirstNamed, inner: CALLEES }],
            only: NameTest::Any,
        },
    ],
};

/// What follows the head of a definition, which the grammar puts in no
/// `body` field: the `= ..` or guards of an equation, the `where` block of
/// a class or instance (or the comment that opens it), the constructors of
/// a GADT, the export list of a module header.
pub(crate) fn body_of(node: Node) -> Option<Node> {
    match node.kind() {
        "function" | "bind" => node.child_by_field_name("match"),
        "class" | "instance" => {
            let mut cursor = node.walk();
            node.children(&mut cursor).find(|c| matches!(c.kind(), "haddock" | "comment" | "class_declarations" | "instance_declarations"))
        }
        "data_type" | "newtype" => node.child_by_field_name("constructors").filter(|c| c.kind() == "gadt_constructors"),
        "header" => node.child_by_field_name("exports"),
        _ => None,
    }
}

/// The name `import .. as C` binds: `C` is the module imported, also when
/// `C` is the module's last segment (`import qualified Data.Map as Map`),
/// so that `C.f` means that module's `f` and no other module's.
pub(crate) fn import_aliases(import: Node, module: &str, source: &str, out: &mut Vec<Alias>) {
    let Some(alias) = import.child_by_field_name("alias") else { return };
    let local = source.get(alias.start_byte()..alias.end_byte()).unwrap_or_default().trim();
    let original = module.rsplit('.').next().unwrap_or(module);
    if !local.is_empty() && !original.is_empty() {
        out.push(Alias { local: local.to_string(), original: original.to_string(), module: module.to_string() });
    }
}

/// Merges the type signature and the equations of one function into one
/// symbol: adjacent definitions of one name under one parent (`total ::
/// Cart -> Int`, `total (Cart [] _) = 0`, `total c = ..`). The first keeps
/// its signature and doc, and spans them all; what the later ones held is
/// then held by it. Symbols stay in source order, outer before inner.
///
/// A definition still without a doc takes the comment lines right above
/// it: the grammar attaches a comment before the first declaration of a
/// block to the block before (the imports, a class's head), where the
/// siblings searched for docs do not reach.
pub(crate) fn merge_equations(symbols: &mut Vec<Symbol>, source: &str) {
    let is_function = |kind: SymbolKind| matches!(kind, SymbolKind::Function | SymbolKind::Method);
    let mut kept: Vec<Symbol> = Vec::with_capacity(symbols.len());
    // By old index, the index of the symbol it is or was merged into.
    let mut moved: Vec<u32> = Vec::with_capacity(symbols.len());
    // By parent (its new index), its last direct child so far.
    let mut last_child: HashMap<Option<u32>, usize> = HashMap::default();
    for mut symbol in symbols.drain(..) {
        symbol.parent = symbol.parent.and_then(|p| moved.get(p as usize).copied());
        if let Some(&previous) = last_child.get(&symbol.parent) {
            let earlier = &mut kept[previous];
            if earlier.name == symbol.name && is_function(earlier.kind) && is_function(symbol.kind) {
                earlier.end_byte = earlier.end_byte.max(symbol.end_byte);
                earlier.end_line = earlier.end_line.max(symbol.end_line);
                if earlier.doc.is_none() {
                    earlier.doc = symbol.doc;
                }
                moved.push(previous as u32);
                continue;
            }
        }
        last_child.insert(symbol.parent, kept.len());
        moved.push(kept.len() as u32);
        kept.push(symbol);
    }
    let lines: Vec<&str> = source.lines().collect();
    // Only a definition that starts its line: a constructor after `data T =` has no comment of its own above.
    let starts_line = |s: &Symbol| {
        let before = source.get(..s.start_byte as usize).unwrap_or_default();
        before.rsplit('\n').next().unwrap_or_default().trim().is_empty()
    };
    for symbol in kept.iter_mut().filter(|s| s.doc.is_none() && starts_line(s)) {
        let mut first = symbol.leading_line as usize;
        // `first` is 1-based: the line above is `lines[first - 2]`.
        while first >= 2 && lines.get(first - 2).is_some_and(|l| l.trim_start().starts_with("--")) {
            first -= 1;
        }
        if first == symbol.leading_line as usize {
            continue;
        }
        let doc: Vec<&str> = lines[first - 1..symbol.leading_line as usize - 1].iter().map(|l| comment_text(l)).collect();
        let doc = doc.join("\n");
        let doc = doc.trim();
        if !doc.is_empty() {
            symbol.doc = Some(truncate(doc, MAX_DOC_BYTES));
            symbol.leading_line = first as u32;
        }
    }
    *symbols = kept;
}

/// Longest doc kept, in bytes, as for other languages' doc comments.
const MAX_DOC_BYTES: usize = 1200;

/// A line comment's text: `-- | Adds an item.` is `Adds an item.`.
fn comment_text(line: &str) -> &str {
    let text = line.trim_start().trim_start_matches('-').trim_start();
    text.strip_prefix(['|', '^']).unwrap_or(text).trim()
}

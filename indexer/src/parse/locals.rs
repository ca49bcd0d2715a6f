//! Local bindings of functions: the names a function binds itself
//! (parameters, receivers, `:=`, `var`, range variables) and the type its
//! syntax gives each, so that a use of a local name is not taken for a
//! package-level definition and `x.f()` can name the type of `x`.
//!
//! This is a light, per-function inference from declarations alone: a
//! parameter's or receiver's declared type, `x := T{..}`, `x := &T{..}`,
//! `x := new(T)`, `var x T`, `x := y` of a typed `y`, the elements of a
//! typed slice or map under `range`, and `x := NewT(..)` where the same file
//! declares `NewT`'s result type. Nothing flows between functions or files.
//! Only Go is analysed; other languages bind nothing here.

use super::language::Language;
// Fx hashing: these maps are keyed by node ids and short names, hashed
// for every use of a file, where SipHash's DoS resistance buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tree_sitter::Node;

/// One name bound inside a function (by the tree here, or by the
/// Go body scan, `go::bodies`).
#[derive(Debug)]
pub(crate) struct Binding {
    /// Bytes where the binding is visible (its block, statement or function).
    pub(crate) scope: (usize, usize),
    /// Where it becomes visible (the end of its declaration).
    pub(crate) from: usize,
    /// Its type as written (`*Ledger`, `[]Invoice`, `models.Invoice`), when known.
    pub(crate) ty: Option<String>,
}

/// The bindings of one outermost function, by name, with the nodes that
/// bind them (binding sites, which are not uses).
#[derive(Debug, Default)]
struct FunctionLocals {
    bindings: HashMap<String, Vec<Binding>>,
    sites: HashSet<usize>,
}

/// What a bare identifier is, seen from the function around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LocalUse {
    /// Not bound in its function: it may name a definition.
    Free,
    /// The name a declaration binds, at that declaration.
    Site,
    /// A use of a name the function binds.
    Bound,
}

/// The local bindings of a file's functions, collected during the walk of
/// its tree (see [`Locals::visit`]).
pub(crate) struct Locals<'s, 'tree> {
    language: Language,
    source: &'s str,
    root: Node<'tree>,
    /// Keyed by the outermost function node's id.
    functions: HashMap<usize, FunctionLocals>,
    /// The functions not nested in another function, in source order.
    outermost: Vec<Node<'tree>>,
    /// The outermost function being walked: its depth and what it binds so far.
    open: Option<(usize, FunctionLocals)>,
    /// Result types of the file's functions (Go: `func NewT() *T`), by name.
    results: Option<HashMap<String, String>>,
}

impl<'s, 'tree> Locals<'s, 'tree> {
    pub(crate) fn new(language: Language, source: &'s str, root: Node<'tree>) -> Self {
        Locals { language, source, root, functions: HashMap::default(), outermost: Vec::new(), open: None, results: None }
    }

    /// Whether bindings of this language are analysed at all.
    pub(crate) fn analyses(&self) -> bool {
        self.language == Language::Go
    }

    /// Records what `node` binds. The walk of the tree calls this for every
    /// node in document order, with the nodes above it (root first): one
    /// walk serves the uses, the query's roots and the bindings, where a
    /// walk of each function of its own, and one to find the functions,
    /// were 8% of the cycles of indexing the Go tree.
    pub(crate) fn visit(&mut self, node: Node<'tree>, ancestors: &[Node<'tree>]) {
        if !self.analyses() {
            return;
        }
        let depth = ancestors.len();
        if self.open.as_ref().is_some_and(|(at, _)| depth <= *at) {
            self.close();
        }
        let kinds = go_kinds();
        if self.open.is_none() {
            if !kinds.functions.contains(&node.kind_id()) {
                return;
            }
            self.outermost.push(node);
            self.open = Some((depth, FunctionLocals::default()));
        }
        if !node.is_named() {
            return;
        }
        if self.results.is_none() {
            self.results = Some(go_results(self.root, self.source));
        }
        let (Some((at, locals)), Some(results)) = (self.open.as_mut(), self.results.as_ref()) else { return };
        let mut collector = Collector { source: self.source, results, locals, ancestors: &ancestors[*at..] };
        collector.visit(node, kinds);
    }

    /// Ends the walk: the last function's bindings are complete.
    pub(crate) fn finish(&mut self) {
        self.close();
    }

    fn close(&mut self) {
        if let (Some((_, locals)), Some(function)) = (self.open.take(), self.outermost.last()) {
            self.functions.insert(function.id(), locals);
        }
    }

    /// What the identifier at `node` is in its function.
    pub(crate) fn classify(&self, node: Node) -> LocalUse {
        let name = self.text(node);
        let Some(function) = self.function_of(node) else { return LocalUse::Free };
        if function.sites.contains(&node.id()) {
            return LocalUse::Site;
        }
        if visible(function, name, node.start_byte()).is_some() { LocalUse::Bound } else { LocalUse::Free }
    }

    /// The type of the local binding that the identifier at `node` uses,
    /// as a path (`Ledger` for a `*Ledger`, `models.Invoice`), when known.
    pub(crate) fn type_of(&self, node: Node) -> Option<String> {
        let name = self.text(node);
        let function = self.function_of(node)?;
        let ty = visible(function, name, node.start_byte())?.ty.as_deref()?;
        type_path(ty)
    }

    /// Whether `name` is bound, at `byte`, by the function holding that
    /// byte (for a use the tree does not hold: see `go::bodies`).
    pub(crate) fn is_bound_at(&self, name: &str, byte: usize) -> bool {
        self.function_at(byte).is_some_and(|function| visible(function, name, byte).is_some())
    }

    /// The type as written of the binding of `name` visible at `byte`.
    pub(crate) fn type_at(&self, name: &str, byte: usize) -> Option<String> {
        visible(self.function_at(byte)?, name, byte)?.ty.clone()
    }

    /// The declared result type of the file's function `name`.
    pub(crate) fn result_type(&self, name: &str) -> Option<&str> {
        self.results.as_ref()?.get(name).map(String::as_str)
    }

    fn function_at(&self, byte: usize) -> Option<&FunctionLocals> {
        let after = self.outermost.partition_point(|f| f.start_byte() <= byte);
        let function = self.outermost[..after].last().filter(|f| f.end_byte() > byte)?;
        self.functions.get(&function.id())
    }

    fn text(&self, node: Node) -> &'s str {
        self.source.get(node.start_byte()..node.end_byte()).unwrap_or_default()
    }

    /// The bindings of the outermost function holding `node`, found by
    /// binary search (`Node::parent` searches down from the root at every call).
    fn function_of(&self, node: Node) -> Option<&FunctionLocals> {
        let function = holding(&self.outermost, node)?;
        self.functions.get(&function.id())
    }
}

/// The function of `functions` (outermost ones, in source order) holding `node`.
fn holding<'tree>(functions: &[Node<'tree>], node: Node) -> Option<Node<'tree>> {
    let after = functions.partition_point(|f| f.start_byte() <= node.start_byte());
    functions[..after].last().copied().filter(|f| f.end_byte() >= node.end_byte())
}

/// The binding of `name` visible at `byte`: the latest declared among those whose scope holds it.
fn visible<'f>(function: &'f FunctionLocals, name: &str, byte: usize) -> Option<&'f Binding> {
    visible_among(function.bindings.get(name)?, byte)
}

/// Of one name's `bindings`, the one visible at `byte`: the latest declared
/// among those whose scope holds it.
pub(crate) fn visible_among(bindings: &[Binding], byte: usize) -> Option<&Binding> {
    bindings
        .iter()
        .filter(|b| b.scope.0 <= byte && byte < b.scope.1 && b.from <= byte)
        .max_by_key(|b| (b.from, std::cmp::Reverse(b.scope.1 - b.scope.0)))
}

/// The named type a Go type denotes, as a path: `*Ledger` is `Ledger`,
/// `models.Invoice` stays, `List[int]` is `List`; slices, maps, channels,
/// functions and anonymous structs have no path.
pub(crate) fn type_path(ty: &str) -> Option<String> {
    let ty = ty.trim_start_matches('*').trim();
    let ty = ty.split('[').next().unwrap_or(ty);
    let is_path = !ty.is_empty()
        && ty.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'))
        && ty.split('.').count() <= 2
        && !matches!(ty, "func" | "chan" | "map" | "struct" | "interface");
    is_path.then(|| ty.to_string())
}

/// The key and element types of a ranged Go type: `[]T` and `[N]T` give
/// (None, T), `map[K]V` gives (K, V).
pub(crate) fn ranged_types(ty: &str) -> (Option<String>, Option<String>) {
    let ty = ty.trim_start_matches('*');
    if let Some(rest) = ty.strip_prefix("map[") {
        let mut depth = 1;
        for (at, c) in rest.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return (Some(rest[..at].to_string()), Some(rest[at + 1..].to_string()));
                    }
                }
                _ => {}
            }
        }
        return (None, None);
    }
    if let Some(rest) = ty.strip_prefix('[')
        && let Some((_, element)) = rest.split_once(']')
    {
        return (None, Some(element.to_string()));
    }
    (None, None)
}

/// The declared result type of each function of the file under `root`,
/// when it returns one value or a value and an error.
fn go_results(root: Node, source: &str) -> HashMap<String, String> {
    let mut results = HashMap::default();
    let mut cursor = root.walk();
    for declaration in root.named_children(&mut cursor).filter(|n| n.kind() == "function_declaration") {
        let (Some(name), Some(result)) = (declaration.child_by_field_name("name"), declaration.child_by_field_name("result")) else {
            continue;
        };
        let result = if result.kind() == "parameter_list" {
            let mut inner = result.walk();
            let first = result.named_children(&mut inner).next().and_then(|p| p.child_by_field_name("type"));
            match first {
                Some(ty) => ty,
                None => continue,
            }
        } else {
            result
        };
        results.insert(text(name, source).to_string(), collapse(text(result, source)));
    }
    results
}

fn text<'s>(node: Node, source: &'s str) -> &'s str {
    source.get(node.start_byte()..node.end_byte()).unwrap_or_default()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ids of the Go node kinds that bind names (comparing ids, not kind
/// names, spares a C string conversion per node).
struct GoKinds {
    functions: [u16; 3],
    short_var_declaration: u16,
    specs: [u16; 2],
    range_clause: u16,
    type_switch_statement: u16,
    /// The fields of a function that bind names: receiver, parameters, result.
    signature_fields: [u16; 3],
}

fn go_kinds() -> &'static GoKinds {
    static KINDS: std::sync::OnceLock<GoKinds> = std::sync::OnceLock::new();
    KINDS.get_or_init(|| {
        let grammar = Language::Go.grammar();
        // Without the grammar nothing is parsed, so no id is ever compared.
        let id = |kind: &str| grammar.as_ref().map_or(u16::MAX, |g| g.id_for_node_kind(kind, true));
        GoKinds {
            functions: [id("function_declaration"), id("method_declaration"), id("func_literal")],
            short_var_declaration: id("short_var_declaration"),
            specs: [id("var_spec"), id("const_spec")],
            range_clause: id("range_clause"),
            type_switch_statement: id("type_switch_statement"),
            // Field ids, so that `child_by_field_id` need not search the grammar's field names.
            signature_fields: ["receiver", "parameters", "result"]
                .map(|f| grammar.as_ref().and_then(|g| g.field_id_for_name(f)).map_or(0, |id| id.get())),
        }
    })
}

/// Records what the nodes of one function bind.
struct Collector<'a, 'tree> {
    source: &'a str,
    results: &'a HashMap<String, String>,
    locals: &'a mut FunctionLocals,
    /// The nodes above the one visited, from the outermost function down,
    /// innermost last (given by the walk, because `Node::parent` searches
    /// down from the root).
    ancestors: &'a [Node<'tree>],
}

impl<'tree> Collector<'_, 'tree> {
    /// Records what `node` binds; its ancestors are on `self.ancestors`.
    fn visit(&mut self, node: Node<'tree>, kinds: &GoKinds) {
        let kind = node.kind_id();
        if kinds.functions.contains(&kind) {
            let scope = (node.start_byte(), node.end_byte());
            for field in kinds.signature_fields {
                if let Some(list) = node.child_by_field_id(field) {
                    self.parameters(list, scope);
                }
            }
        } else if kind == kinds.short_var_declaration {
            self.short_var(node);
        } else if kinds.specs.contains(&kind) {
            self.var_spec(node);
        } else if kind == kinds.range_clause {
            self.range(node);
        } else if kind == kinds.type_switch_statement
            && let Some(alias) = node.child_by_field_name("alias")
        {
            let scope = (node.start_byte(), node.end_byte());
            for name in identifiers(alias) {
                self.bind(name, scope, alias.end_byte(), None);
            }
        }
    }

    /// The parent of `node`, when it is the node being walked or one of its ancestors.
    fn parent_of(&self, node: Node<'tree>) -> Option<Node<'tree>> {
        if self.ancestors.last().is_some_and(|a| a.id() == node.id()) {
            return self.ancestors.len().checked_sub(2).map(|i| self.ancestors[i]);
        }
        let at = self.ancestors.iter().rposition(|a| a.id() == node.id());
        match at {
            Some(i) if i > 0 => Some(self.ancestors[i - 1]),
            Some(_) => None,
            // The node being walked is not pushed yet: its parent is the innermost ancestor.
            None => self.ancestors.last().copied(),
        }
    }

    fn bind(&mut self, name: Node, scope: (usize, usize), from: usize, ty: Option<String>) {
        let text = text(name, self.source);
        if text == "_" || text.is_empty() {
            return;
        }
        self.locals.sites.insert(name.id());
        self.locals.bindings.entry(text.to_string()).or_default().push(Binding { scope, from, ty });
    }

    fn parameters(&mut self, list: Node, scope: (usize, usize)) {
        let mut cursor = list.walk();
        for parameter in list.named_children(&mut cursor) {
            let ty = parameter.child_by_field_name("type").map(|t| collapse(text(t, self.source)));
            let mut names = parameter.walk();
            for name in parameter.children_by_field_name("name", &mut names) {
                self.bind(name, scope, scope.0, ty.clone());
            }
        }
    }

    /// The scope of a statement's bindings: the block or statement around it.
    fn scope_of(&self, statement: Node<'tree>) -> (usize, usize) {
        let holder = self.parent_of(statement).unwrap_or(statement);
        (holder.start_byte(), holder.end_byte())
    }

    fn short_var(&mut self, node: Node<'tree>) {
        let (Some(left), right) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else { return };
        let values: Vec<Node> = right.map(|r| { let mut c = r.walk(); r.named_children(&mut c).collect() }).unwrap_or_default();
        let names = identifiers(left);
        let scope = self.scope_of(node);
        for (i, name) in names.iter().enumerate() {
            // `a, b := f()` types only a one-to-one assignment (or the first of a call's results).
            let value = if names.len() == values.len() { values.get(i) } else if i == 0 { values.first() } else { None };
            let ty = value.and_then(|v| self.type_of_value(*v, node.start_byte()));
            self.bind(*name, scope, node.end_byte(), ty);
        }
    }

    fn var_spec(&mut self, node: Node<'tree>) {
        let ty = node.child_by_field_name("type").map(|t| collapse(text(t, self.source)));
        let values: Vec<Node> = node
            .child_by_field_name("value")
            .map(|v| { let mut c = v.walk(); v.named_children(&mut c).collect() })
            .unwrap_or_default();
        // The spec sits in a declaration, which sits in the block.
        let statement = std::iter::once(node)
            .chain(self.ancestors.iter().rev().copied())
            .find(|n| matches!(n.kind(), "var_declaration" | "const_declaration"))
            .unwrap_or(node);
        let scope = self.scope_of(statement);
        let mut cursor = node.walk();
        let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
        for (i, name) in names.iter().enumerate() {
            let ty = ty.clone().or_else(|| values.get(i).and_then(|v| self.type_of_value(*v, node.start_byte())));
            self.bind(*name, scope, node.end_byte(), ty);
        }
    }

    fn range(&mut self, node: Node<'tree>) {
        let Some(left) = node.child_by_field_name("left") else { return };
        let ranged = node.child_by_field_name("right").and_then(|r| self.type_of_value(r, node.start_byte()));
        let (key, element) = ranged.as_deref().map(ranged_types).unwrap_or_default();
        let scope = self.scope_of(node);
        for (i, name) in identifiers(left).into_iter().enumerate() {
            let ty = if i == 0 { key.clone() } else { element.clone() };
            self.bind(name, scope, node.end_byte(), ty);
        }
    }

    /// The type of an expression, as far as declarations show it.
    fn type_of_value(&self, value: Node, at: usize) -> Option<String> {
        match value.kind() {
            "composite_literal" => value.child_by_field_name("type").map(|t| collapse(text(t, self.source))),
            "unary_expression" if value.child_by_field_name("operator").is_some_and(|o| o.kind() == "&") => {
                self.type_of_value(value.child_by_field_name("operand")?, at)
            }
            "parenthesized_expression" => self.type_of_value(value.named_child(0)?, at),
            "identifier" => {
                let name = text(value, self.source);
                visible(self.locals, name, at)?.ty.clone()
            }
            "call_expression" => {
                let function = value.child_by_field_name("function")?;
                let name = text(function, self.source);
                if name == "new" {
                    let arguments = value.child_by_field_name("arguments")?;
                    return arguments.named_child(0).map(|t| collapse(text(t, self.source)));
                }
                if function.kind() == "identifier" {
                    return self.results.get(name).cloned();
                }
                None
            }
            _ => None,
        }
    }
}

/// The identifiers of an expression list (`a, b` in `a, b := ..`).
fn identifiers(list: Node) -> Vec<Node> {
    if list.kind() == "identifier" {
        return vec![list];
    }
    let mut cursor = list.walk();
    list.named_children(&mut cursor).filter(|n| n.kind() == "identifier").collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_paths_name_types() {
        assert_eq!(type_path("*Ledger").as_deref(), Some("Ledger"));
        assert_eq!(type_path("models.Invoice").as_deref(), Some("models.Invoice"));
        assert_eq!(type_path("List[int]").as_deref(), Some("List"));
        assert_eq!(type_path("[]Invoice"), None);
        assert_eq!(type_path("map[string]int"), None);
        assert_eq!(type_path("func(int) int"), None);
    }

    #[test]
    fn ranges_give_keys_and_elements() {
        assert_eq!(ranged_types("[]Invoice"), (None, Some("Invoice".into())));
        assert_eq!(ranged_types("map[string]*Row"), (Some("string".into()), Some("*Row".into())));
        assert_eq!(ranged_types("map[[2]int]Row"), (Some("[2]int".into()), Some("Row".into())));
    }
}

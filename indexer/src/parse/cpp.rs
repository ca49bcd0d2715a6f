//! C++'s own code: the name inside a function's declarator, found in code,
//! and the scope an out-of-line definition writes before its name
//! (`void Shape::draw()`).
//!
//! A C++ declarator wraps the function's name in pointers and references
//! (`int *f()`, `T& A::get()`) and, out of line, in scope qualifiers
//! (`void A::B::f()`). Spelling every wrapper chain out in the tag query,
//! for every context a function can be declared in, made the query take a
//! second to compile in every process that parses a C++ file, a refresh of
//! one file included. The query now captures the whole declarator as
//! `@declarator.<shape>` and this module accepts exactly the chains the
//! query used to list, returning the name node, or none (the match then
//! defines nothing, and a later pattern may claim the node).

use tree_sitter::Node;

/// Whether a file that its name calls C is C++: a line opens a template,
/// a namespace or a class body section (`template <`, `namespace x {`,
/// `public:`), which C has no syntax for. Headers are named `.h` in
/// either language.
pub(crate) fn looks_like_cpp(source: &str) -> bool {
    source.lines().any(|line| {
        let line = line.trim_start();
        let template = line.strip_prefix("template").is_some_and(|rest| rest.trim_start().starts_with('<'));
        let namespace = line.strip_prefix("namespace ").is_some_and(|rest| {
            let rest = rest.trim_end();
            rest.ends_with('{') || rest.ends_with("{}") || (rest.contains('=') && rest.ends_with(';'))
        });
        let access = matches!(line.trim_end(), "public:" | "private:" | "protected:");
        template || namespace || access
    })
}

/// What a `@declarator.<shape>` capture accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// An out-of-line member: the function's declarator is a scope path of
    /// one to three qualifiers (`A::f`, `A::B::~B`), named by its last part.
    Qualified,
    /// A plain name (`f`, `~A`, `operator==`) or a template's (`f<T>`).
    Function,
    /// A plain name only.
    Plain,
}

impl Shape {
    /// The shape a capture names after `declarator.`.
    pub(crate) fn from_capture(name: &str) -> Option<Shape> {
        match name {
            "qualified" => Some(Shape::Qualified),
            "function" => Some(Shape::Function),
            "plain" => Some(Shape::Plain),
            _ => None,
        }
    }
}

/// The kinds a function's own name can have.
const NAME_KINDS: [&str; 4] = ["identifier", "field_identifier", "destructor_name", "operator_name"];

/// Deepest scope path of an out-of-line definition (`A::B::C::f`).
const MAX_QUALIFIERS: usize = 3;

/// The name node of the function that `declarator` declares in `shape`, if
/// it is one the shape accepts.
pub(crate) fn function_name(declarator: Node<'_>, shape: Shape) -> Option<Node<'_>> {
    let function = function_declarator(declarator)?;
    let inner = function.child_by_field_name("declarator")?;
    match shape {
        Shape::Qualified => {
            let mut node = inner;
            for _ in 0..MAX_QUALIFIERS {
                if node.kind() != "qualified_identifier" {
                    return None;
                }
                node = node.child_by_field_name("name")?;
                if NAME_KINDS.contains(&node.kind()) {
                    return Some(node);
                }
            }
            None
        }
        Shape::Function if inner.kind() == "template_function" => {
            inner.child_by_field_name("name").filter(|name| name.kind() == "identifier")
        }
        Shape::Function | Shape::Plain => NAME_KINDS.contains(&inner.kind()).then_some(inner),
    }
}

/// The function declarator under the wrappers a declaration may put around
/// it: none, `*`, `**`, `&`, or `*&` (outermost first).
fn function_declarator(declarator: Node<'_>) -> Option<Node<'_>> {
    let mut node = declarator;
    let mut wrappers = String::new();
    loop {
        match node.kind() {
            "function_declarator" => break,
            "pointer_declarator" => {
                wrappers.push('*');
                node = node.child_by_field_name("declarator")?;
            }
            "reference_declarator" => {
                wrappers.push('&');
                let mut cursor = node.walk();
                // The query wrote `(reference_declarator (function_declarator ...))`:
                // any named child that is a function declarator.
                let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                node = children.iter().copied().find(|c| c.kind() == "function_declarator")?;
            }
            _ => return None,
        }
        if wrappers.len() > 2 {
            return None;
        }
    }
    matches!(wrappers.as_str(), "" | "*" | "**" | "&" | "*&").then_some(node)
}

/// The template's name of a specialization's name (`formatter` of
/// `formatter<std::byte, Char>`); any other name as it is.
pub(crate) fn specialized_template(name: Node<'_>) -> Node<'_> {
    if name.kind() == "template_type" {
        name.child_by_field_name("name").filter(|n| n.kind() == "type_identifier").unwrap_or(name)
    } else {
        name
    }
}

/// The scope written before a name, as in `Shape::draw` or `ns::Box<T>::get`.
pub(crate) fn written_scope(name: Node, source: &str) -> Option<String> {
    let mut outermost = None;
    let mut node = name;
    while let Some(parent) = node.parent() {
        if parent.kind() != "qualified_identifier" {
            break;
        }
        outermost = Some(parent);
        node = parent;
    }
    let scope = source.get(outermost?.start_byte()..name.start_byte())?;
    let scope = scope.trim_end().trim_end_matches("::").trim();
    (!scope.is_empty()).then(|| scope.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    #[test]
    fn a_header_is_cpp_when_it_opens_a_template_namespace_or_access_section() {
        for source in ["namespace fmt {\nint x;\n}\n", "template <typename T> class A {};\n", "class A {\n public:\n  int f();\n};\n", "namespace a = b::c;\n"] {
            assert!(looks_like_cpp(source), "{source}");
        }
        for source in ["#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n", "struct s { int template_count; };\n/* namespace of names */\n", "int public_x;\n"] {
            assert!(!looks_like_cpp(source), "{source}");
        }
        let parsed = crate::parse_source(Language::C, "namespace fmt {\ntemplate <typename Char> class specs_setter {\n public:\n  void on_align(int a) {}\n};\n}\n");
        let names: Vec<&str> = parsed.symbols.iter().map(|s| s.qualified_name.as_str()).collect();
        assert!(names.contains(&"fmt::specs_setter") && names.contains(&"fmt::specs_setter::on_align"), "{names:?}");
    }

    #[test]
    fn a_specialization_is_named_by_its_template() {
        let source = "namespace fmt {\ntemplate <typename T, typename Char> struct formatter {};\ntemplate <typename Char> struct formatter<std::byte, Char> {\n  auto format(std::byte b) const;\n};\n}\n";
        let parsed = crate::parse_source(Language::Cpp, source);
        let named: Vec<(&str, &str)> = parsed.symbols.iter().map(|s| (s.name.as_str(), s.qualified_name.as_str())).collect();
        assert_eq!(named, [("fmt", "fmt"), ("formatter", "fmt::formatter"), ("formatter", "fmt::formatter"), ("format", "fmt::formatter::format")]);
        assert!(parsed.symbols[2].signature.contains("formatter<std::byte, Char>"), "{}", parsed.symbols[2].signature);
    }

    /// The name each shape finds for the first function definition or
    /// declaration of `source`.
    fn names(source: &str) -> [Option<String>; 3] {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&Language::Cpp.grammar().expect("grammar")).expect("language");
        let tree = parser.parse(source, None).expect("tree");
        let root = tree.root_node();
        let item = root.named_child(0).expect("an item");
        let declarator = item.child_by_field_name("declarator").expect("a declarator");
        [Shape::Qualified, Shape::Function, Shape::Plain]
            .map(|shape| function_name(declarator, shape).map(|n| n.utf8_text(source.as_bytes()).expect("utf-8").to_string()))
    }

    #[test]
    fn accepts_exactly_the_listed_chains() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(names("int f() {}"), [None, some("f"), some("f")]);
        assert_eq!(names("int **f() {}"), [None, some("f"), some("f")]);
        assert_eq!(names("int *&f() {}"), [None, some("f"), some("f")]);
        assert_eq!(names("int ***f() {}"), [None, None, None], "three pointers were never listed");
        assert_eq!(names("void A::B::~B() {}"), [some("~B"), None, None]);
        assert_eq!(names("T& Box<T>::get() {}"), [some("get"), None, None]);
        assert_eq!(names("bool A::operator==(const A&) const {}"), [some("operator=="), None, None]);
        assert_eq!(names("void A::B::C::D::f() {}"), [None, None, None], "four qualifiers were never listed");
        assert_eq!(names("void f<int>() {}"), [None, some("f"), None]);
        assert_eq!(names("int x = 1;"), [None, None, None]);
    }
}

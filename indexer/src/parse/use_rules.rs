//! The vocabulary of use rules: how a language's syntax marks the uses of
//! names and the callees of calls, by node kind and field names, kept as
//! data per language (`uses` holds those of the first languages,
//! `languages/` those of each language added since) and compiled against
//! the grammar once per process by `uses`.

/// How a language marks uses, by node kind names.
pub(crate) struct Rules {
    /// Kinds of which every node is a use (`identifier`, `type_identifier`).
    pub(crate) everywhere: &'static [&'static str],
    /// `(parent, field, kind)`: a node of `kind` in `field` of a `parent`
    /// is a use (Go's `selector_expression field: (field_identifier)`).
    pub(crate) in_field: &'static [(&'static str, &'static str, &'static str)],
    /// `(parent, kind)`: a node of `kind` anywhere among `parent`'s children
    /// is a use (C++'s `field_initializer (field_identifier)`).
    pub(crate) in_children: &'static [(&'static str, &'static str)],
    /// The ways calls name their callee.
    pub(crate) calls: &'static [Call],
}

/// A call syntax: the callee sits in `field` of a `kind` node, in one of
/// the `shapes`.
#[derive(Clone, Copy)]
pub(crate) struct Call {
    pub(crate) kind: &'static str,
    /// [`FIRST_NAMED_CHILD`] where the grammar gives calls no fields (Kotlin's, Swift's).
    pub(crate) field: &'static str,
    pub(crate) shapes: &'static [Shape],
    /// Which callee names count as calls (`require(..)` is an import, not a call).
    pub(crate) only: NameTest,
}

/// The `field` of a [`Call`] whose callee is its first named child.
pub(crate) const FIRST_NAMED_CHILD: &str = "";

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameTest {
    Any,
    Not(&'static str),
    /// Names starting with a capital letter (JSX components, not HTML tags).
    Capitalised,
}

/// The shape of a callee, from the node in the call's field down to the name.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    /// The node is the name, of this kind.
    Name(&'static str),
    /// A node of `kind` whose child (`step`) has one of the `inner` shapes.
    Wrapped { kind: &'static str, step: Step, inner: &'static [Shape] },
}

#[derive(Clone, Copy)]
pub(crate) enum Step {
    Field(&'static str),
    FirstNamed,
    LastNamed,
}



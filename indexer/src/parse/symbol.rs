//! What parsing yields for one file: definitions, imports and references,
//! plus diagnostics. Plain data, shared by the parser, the chunker and the
//! on-disk tables.

use serde::{Deserialize, Serialize};

/// The kind of a definition, normalised across languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum SymbolKind {
    /// A free function.
    Function,
    /// A function defined inside a class, struct, trait, interface or impl.
    Method,
    /// A class.
    Class,
    /// A struct (or a C/C++/Go struct type).
    Struct,
    /// An enum.
    Enum,
    /// An interface (TypeScript, Java, Go).
    Interface,
    /// A Rust trait.
    Trait,
    /// A type alias or other named type.
    Type,
    /// A constant or top-level binding.
    Constant,
    /// A module (Rust `mod`, TypeScript `namespace`/`module`).
    Module,
    /// A Rust `impl` block; its name is the implementing type.
    Impl,
    /// A macro definition.
    Macro,
    /// A C/C++/Rust union.
    Union,
    /// A C++ namespace.
    Namespace,
}

impl SymbolKind {
    /// Parses the suffix of a `@definition.<kind>` capture.
    pub fn from_capture(kind: &str) -> Option<SymbolKind> {
        Some(match kind {
            "function" => SymbolKind::Function,
            "method" => SymbolKind::Method,
            "class" => SymbolKind::Class,
            "struct" => SymbolKind::Struct,
            "enum" => SymbolKind::Enum,
            "interface" => SymbolKind::Interface,
            "trait" => SymbolKind::Trait,
            "type" => SymbolKind::Type,
            "constant" | "variable" => SymbolKind::Constant,
            "module" => SymbolKind::Module,
            "impl" => SymbolKind::Impl,
            "macro" => SymbolKind::Macro,
            "union" => SymbolKind::Union,
            "namespace" => SymbolKind::Namespace,
            _ => return None,
        })
    }

    /// The lower-case word used in output (`function`, `class`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SymbolKind::Function => "function",
            SymbolKind::Method => "method",
            SymbolKind::Class => "class",
            SymbolKind::Struct => "struct",
            SymbolKind::Enum => "enum",
            SymbolKind::Interface => "interface",
            SymbolKind::Trait => "trait",
            SymbolKind::Type => "type",
            SymbolKind::Constant => "constant",
            SymbolKind::Module => "module",
            SymbolKind::Impl => "impl",
            SymbolKind::Macro => "macro",
            SymbolKind::Union => "union",
            SymbolKind::Namespace => "namespace",
        }
    }

    /// Whether members defined inside this kind are scoped by its name.
    pub fn is_container(self) -> bool {
        !matches!(
            self,
            SymbolKind::Function | SymbolKind::Method | SymbolKind::Constant | SymbolKind::Macro
        )
    }

    /// Whether a function defined directly inside this kind is a method.
    pub fn holds_methods(self) -> bool {
        matches!(
            self,
            SymbolKind::Class
                | SymbolKind::Struct
                | SymbolKind::Enum
                | SymbolKind::Interface
                | SymbolKind::Trait
                | SymbolKind::Impl
                | SymbolKind::Union
        )
    }
}

/// One definition found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Symbol {
    /// The defined name as written.
    pub name: String,
    /// The normalised kind.
    pub kind: SymbolKind,
    /// The name with its containers, joined by the language's separator
    /// (`Class.method`, `Type::method`).
    pub qualified_name: String,
    /// Index of the enclosing definition in the same file, if any.
    pub parent: Option<u32>,
    /// Byte span of the definition node.
    pub start_byte: u32,
    /// End of the byte span (exclusive).
    pub end_byte: u32,
    /// First line of the definition (1-based).
    pub start_line: u32,
    /// Last line of the definition (1-based, inclusive).
    pub end_line: u32,
    /// First line of the doc comments and decorators attached to it (1-based).
    pub leading_line: u32,
    /// The declaration up to its body, whitespace collapsed.
    pub signature: String,
    /// The doc comment or docstring, markers stripped.
    pub doc: Option<String>,
}

/// One import statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    /// The imported module or path as written (`os.path`, `./util`, `stdio.h`).
    pub target: String,
    /// The line of the statement (1-based).
    pub line: u32,
}

/// A name an import binds locally under another name: `from m import a as b`,
/// `use m::a as b`, `import { a as b }`, `const { a: b } = require(...)`,
/// `import b "m/a"` (Go), `import m.a as b` (a module), `import b from "m"`
/// and `const b = require("m")` (`b` is `m`'s `default`); or a name a
/// module exports under another name: `export default f`, `module.exports
/// = f` (`default` is `f`), `export { a as b }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The local name the file uses.
    pub local: String,
    /// The name it stands for (a definition, or the last segment of a module path).
    pub original: String,
    /// The module the import names, as written (cleaned like [`Import::target`]);
    /// empty for an export (`export default f`: the file binds `default` to `f`).
    pub module: String,
}

/// An identifier used in a file, kept for the symbol graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The identifier.
    pub name: String,
    /// The first line it appears on within its enclosing definition (1-based).
    pub line: u32,
    /// Index of the innermost enclosing definition in the same file.
    pub enclosing: Option<u32>,
    /// Whether the grammar shows it as a call.
    pub is_call: bool,
    /// What the name is reached through.
    pub receiver: Receiver,
    /// The last identifier of the object or path before the name
    /// (`row` in `row.total()`, `Invoice` in `Invoice::new`, `tax` in
    /// `tax::compute`), when the receiver is [`Receiver::Qualified`].
    pub qualifier: Option<String>,
    /// What the qualifier stands for beyond its last identifier, when the
    /// syntax around the use tells.
    pub qualifier_path: Option<QualifierPath>,
}

/// The path a qualifier stands for: the whole path as written
/// (`crate::shipping::tax` in `crate::shipping::tax::compute`,
/// `com.example.shipping.Tax` in `com.example.shipping.Tax.compute(..)`), or
/// the type of the local variable, parameter or receiver it names (`Invoice`
/// for `i` in `func (i Invoice) Summary() { i.Total() }`, `models.Invoice`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct QualifierPath {
    /// Identifiers joined by the language's separators (`.` or `::`).
    pub path: String,
    /// Whether the path certainly names a type or module: a `::` path, or
    /// the declared or inferred type of a local binding. A dotted chain of
    /// identifiers (`a.b.c`) may instead be a chain of values.
    pub is_static: bool,
}

/// How a referenced name is reached: the difference between `f()`,
/// `self.f()` and `x.f()` decides which definitions it can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Receiver {
    /// A bare name: `f()`.
    #[default]
    Bare,
    /// Through the enclosing type's instance or type: `self.f()`, `this.f()`, `Self::f()`.
    OwnType,
    /// Through another object, type, module or path: `x.f()`, `Type::f()`, `pkg.F()`.
    Qualified,
}

impl Receiver {
    /// The stored code.
    pub fn code(self) -> u32 {
        self as u32
    }

    /// The receiver of a stored code.
    pub fn from_code(code: u32) -> Receiver {
        match code {
            1 => Receiver::OwnType,
            2 => Receiver::Qualified,
            _ => Receiver::Bare,
        }
    }
}

/// Everything parsing found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedFile {
    /// Definitions in source order (by start, outer before inner).
    pub symbols: Vec<Symbol>,
    /// Import statements.
    pub imports: Vec<Import>,
    /// Identifier references, one per (enclosing definition, name).
    pub references: Vec<Reference>,
    /// Names that imports bind under another name (`import a as b`).
    pub aliases: Vec<Alias>,
    /// Problems met while parsing; a file with diagnostics still yields what was found.
    pub diagnostics: Vec<String>,
    /// Parsed as a generated file: the insides of its bodies and values
    /// were left out, so no uses inside them are recorded.
    #[serde(default)]
    pub generated: bool,
}

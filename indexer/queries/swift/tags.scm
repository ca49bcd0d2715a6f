; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.
; `class`, `struct`, `enum`, `actor` and `extension` are one node kind,
; told apart by their keyword.

(class_declaration
  declaration_kind: "class"
  name: (type_identifier) @name) @definition.class

(class_declaration
  declaration_kind: "actor"
  name: (type_identifier) @name) @definition.class

(class_declaration
  declaration_kind: "struct"
  name: (type_identifier) @name) @definition.struct

(class_declaration
  declaration_kind: "enum"
  name: (type_identifier) @name) @definition.enum

; `extension Cart { ... }` adds members to `Cart`: an impl named after the
; type, like a Rust `impl` (`extension Outer.Inner` is `Inner`'s).
(class_declaration
  declaration_kind: "extension"
  name: (user_type
    (type_identifier) @name .)) @definition.impl

(protocol_declaration
  name: (type_identifier) @name) @definition.interface

; Functions; in a type, an extension or a protocol, its methods.
(function_declaration
  name: (simple_identifier) @name) @definition.function

(protocol_function_declaration
  name: (simple_identifier) @name) @definition.function

; Operators: `static func + (lhs: Money, rhs: Money) -> Money`.
(function_declaration
  name: _ @name) @definition.function

(init_declaration
  name: "init" @name) @definition.function

(deinit_declaration
  "deinit" @name) @definition.function

(subscript_declaration
  "subscript" @name) @definition.method

; A computed property of a type is code like a method: `var total: Double { ... }`;
; a protocol's property requirement (`var total: Double { get }`) declares one.
((property_declaration
  name: (pattern
    bound_identifier: (simple_identifier) @name)
  computed_value: (computed_property)) @definition.method
  (#parent-kind? @definition.method "class_body" "enum_class_body"))

(protocol_property_declaration
  name: (pattern
    bound_identifier: (simple_identifier) @name)) @definition.method

; Constants: `static let maxItems = 50` in a type, and stored `let`/`var`
; at the top of a file. Other stored properties are not symbols.
((property_declaration
  (modifiers
    (property_modifier) @_static)
  (value_binding_pattern
    mutability: "let")
  name: (pattern
    bound_identifier: (simple_identifier) @name)) @definition.constant
  (#eq? @_static "static"))

((property_declaration
  name: (pattern
    bound_identifier: (simple_identifier) @name)
  !computed_value) @definition.constant
  (#parent-kind? @definition.constant "source_file"))

(typealias_declaration
  name: (type_identifier) @name) @definition.type

; Imports: `import Foundation`, `import struct Shop.Money`, `@testable import Shop`.
(import_declaration
  (identifier) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and indexer/src/parse/languages/swift.rs.

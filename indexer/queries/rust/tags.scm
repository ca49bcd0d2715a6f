; Definitions. Capture contract: see indexer/src/parse.rs.
; The first pattern matching a node wins, so specific patterns come first.

(mod_item
  name: (identifier) @name) @definition.module

(struct_item
  name: (type_identifier) @name) @definition.struct

(enum_item
  name: (type_identifier) @name) @definition.enum

(union_item
  name: (type_identifier) @name) @definition.union

(trait_item
  name: (type_identifier) @name) @definition.trait

; `impl Foo`, `impl<T> Foo<T>`, `impl Trait for path::Foo`, `impl Trait for &Foo`:
; the symbol is named after the implementing type.
(impl_item
  type: [
    (type_identifier) @name
    (generic_type type: [
      (type_identifier) @name
      (scoped_type_identifier name: (type_identifier) @name)])
    (scoped_type_identifier name: (type_identifier) @name)
    (reference_type type: [
      (type_identifier) @name
      (generic_type type: (type_identifier) @name)])
  ]) @definition.impl

; Functions; those inside an impl or trait become methods in parse.rs.
(function_item
  name: (identifier) @name) @definition.function

; Bodiless signatures: trait methods and `extern` blocks.
(function_signature_item
  name: (identifier) @name) @definition.function

(macro_definition
  name: (identifier) @name) @definition.macro

(type_item
  name: (type_identifier) @name) @definition.type

; `type Output;` in a trait.
(associated_type
  name: (type_identifier) @name) @definition.type

(const_item
  name: (identifier) @name) @definition.constant

(static_item
  name: (identifier) @name) @definition.constant

; Imports: `use a::b::{c, d};` keeps the whole argument as the path.
(use_declaration
  argument: (_) @import.path) @import

(extern_crate_declaration
  name: (identifier) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/uses.rs.

; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.

; `package shop.billing` (or chained, `package shop` then `package billing`),
; as a module: a package clause without braces holds nothing, so it
; qualifies no definition. Resolution reads the file's packages to match
; `import shop.billing.Ledger` (query/src/navigate/files.rs). A package
; with braces (`package inner { .. }`) holds and qualifies its definitions.
(package_clause
  name: (package_identifier) @name) @definition.module

(trait_definition
  name: (identifier) @name) @definition.trait

(enum_definition
  name: (identifier) @name) @definition.enum

(class_definition
  name: (identifier) @name) @definition.class

; `object Ledger`: a singleton whose members are called through its name
; (`Ledger.post(..)`), like a class's static methods.
(object_definition
  name: (identifier) @name) @definition.class

; Extension methods (`extension (x: Int) def twice`) are called through a
; receiver (`3.twice`), like members.
(extension_definition
  body: [
    (function_definition name: (identifier) @name) @definition.method
    (template_body (function_definition name: (identifier) @name) @definition.method)
  ])

(function_definition
  name: (identifier) @name) @definition.function

; Abstract methods: `def total: Double`.
(function_declaration
  name: (identifier) @name) @definition.function

(type_definition
  name: (type_identifier) @name) @definition.type

; Constants: the `val`s of objects and of the top level, and named givens.
; A class's `val`s are fields, not symbols, as in Java.
(object_definition
  body: (template_body
    (val_definition
      pattern: (identifier) @name) @definition.constant))

((val_definition
  pattern: (identifier) @name) @definition.constant
  (#parent-kind? @definition.constant "compilation_unit"))

(given_definition
  name: (identifier) @name) @definition.constant

; Imports, whole (`import shop.models.{Invoice, Cart => Basket}`): the path
; and its selectors are sibling nodes, which no single capture spans.
; `languages/scala.rs` reads the renamed selectors; resolution reads the
; path (query/src/navigate/files.rs).
(import_declaration) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and languages/scala.rs.

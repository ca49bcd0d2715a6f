; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.

; `package a.b`, as a module named `a.b`: a sibling of the file's
; declarations, so it qualifies none of them. Resolution reads it to match
; `import a.b.C` (query/src/navigate/files.rs).
(package_header
  (qualified_identifier) @name) @definition.module

(class_declaration
  "interface"
  name: (identifier) @name) @definition.interface

(class_declaration
  (modifiers (class_modifier "enum"))
  name: (identifier) @name) @definition.enum

(class_declaration
  name: (identifier) @name) @definition.class

; `object Registry`. A companion object is not a symbol: its members are
; called through the class (`Result.create()`) and are named after it.
(object_declaration
  name: (identifier) @name) @definition.class

; Extension functions (`fun Flow<T>.take(n: Int)`) are methods: they are
; called through a receiver (`flow.take(1)`) like members of its type.
(function_declaration
  [(user_type) (nullable_type) (parenthesized_type)]
  .
  name: (identifier) @name) @definition.method

(function_declaration
  name: (identifier) @name) @definition.function

(type_alias
  type: (identifier) @name) @definition.type

; Constants: `const val` anywhere (top level, objects, companions) and
; every top-level property. Other properties are not symbols, as fields
; are not in Java.
(property_declaration
  (modifiers (property_modifier "const"))
  (variable_declaration
    (identifier) @name)) @definition.constant

((property_declaration
  (variable_declaration
    (identifier) @name)) @definition.constant
  (#parent-kind? @definition.constant "source_file"))

; Imports: `import a.b.C`, `import a.b.*` (the path `a.b`), and
; `import a.b.c as d`, whose alias `languages/kotlin.rs` reads.
(import
  (qualified_identifier) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and languages/kotlin.rs.

; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.
;
; A namespace is recorded by its name alone (`Shop.Billing`), as a module:
; the name node is the definition, so that the types of a block namespace
; are not nested in it and keep the same qualified names as under a
; file-scoped `namespace Shop.Billing;`, which holds nothing. Resolution
; reads it to match `using Shop.Billing;` (query/src/navigate/files.rs).

(namespace_declaration
  name: [(identifier) (qualified_name)] @name @definition.module)

(file_scoped_namespace_declaration
  name: [(identifier) (qualified_name)] @name @definition.module)

(class_declaration
  name: (identifier) @name) @definition.class

; `record Line(..)` and `record struct Point(..)`.
(record_declaration
  name: (identifier) @name) @definition.class

(struct_declaration
  name: (identifier) @name) @definition.struct

(interface_declaration
  name: (identifier) @name) @definition.interface

(enum_declaration
  name: (identifier) @name) @definition.enum

(delegate_declaration
  name: (identifier) @name) @definition.type

(method_declaration
  name: (identifier) @name) @definition.method

(constructor_declaration
  name: (identifier) @name) @definition.method

; Properties are accessor methods (`Total { get; }`, `Total => ..`).
(property_declaration
  name: (identifier) @name) @definition.method

; A function declared inside a method body.
(local_function_statement
  name: (identifier) @name) @definition.function

; Constants: `const` fields and `static readonly` ones. Other fields are
; not symbols, as in Java.
(field_declaration
  (modifier "const")
  (variable_declaration
    (variable_declarator
      name: (identifier) @name))) @definition.constant

(field_declaration
  (modifier "static")
  (modifier "readonly")
  (variable_declaration
    (variable_declarator
      name: (identifier) @name))) @definition.constant

; Imports: `using Shop.Models;`, `using static System.Math;`, `global using X;`,
; and the aliased `using Json = Newtonsoft.Json.JsonConvert;`, whose
; alias `languages/csharp.rs` reads.
(using_directive
  name: (identifier)
  [(identifier) (qualified_name) (generic_name) (alias_qualified_name)] @import.path) @import

(using_directive
  !name
  [(identifier) (qualified_name) (alias_qualified_name)] @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and languages/csharp.rs.

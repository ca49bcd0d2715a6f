; TypeScript tags, shared by the typescript and tsx grammars: every node name
; used here must exist in both (no JSX nodes, no `<T>x` type assertions).
; Capture contract: see indexer/src/parse.rs. The first pattern that matches a
; node wins, so specific patterns come first.

; ---------------------------------------------------------------- definitions

; Methods in a class body (constructor, accessors, static, #private).
(class_body
  (method_definition
    name: [(property_identifier) (private_property_identifier)] @name) @definition.method)

; Methods of object literals: `{ run() {} }` -> function scoped by the object.
(method_definition
  name: [(property_identifier) (private_property_identifier)] @name) @definition.function

; Signatures without a body: interface and object-type members, abstract
; methods, overloads in a class.
(method_signature
  name: [(property_identifier) (private_property_identifier)] @name) @definition.method

(abstract_method_signature
  name: [(property_identifier) (private_property_identifier)] @name) @definition.method

; Class fields holding a function: `onClick = () => {}`.
(class_body
  (public_field_definition
    name: [(property_identifier) (private_property_identifier)] @name
    value: [(arrow_function) (function_expression) (generator_function)]) @definition.method)

; Other class fields: `private static count = 0`.
(class_body
  (public_field_definition
    name: [(property_identifier) (private_property_identifier)] @name) @definition.constant)

(class_declaration
  name: (type_identifier) @name) @definition.class

(abstract_class_declaration
  name: (type_identifier) @name) @definition.class

(interface_declaration
  name: (type_identifier) @name) @definition.interface

(type_alias_declaration
  name: (type_identifier) @name) @definition.type

(enum_declaration
  name: (identifier) @name) @definition.enum

; `namespace Units {}` and `module Units {}` / `declare module "pkg" {}`.
(internal_module
  name: [(identifier) (nested_identifier)] @name) @definition.module

(module
  name: [(identifier) (nested_identifier)] @name) @definition.module

(module
  name: (string (string_fragment) @name)) @definition.module

(function_declaration
  name: (identifier) @name) @definition.function

(generator_function_declaration
  name: (identifier) @name) @definition.function

; Overload signatures and `declare function`.
(function_signature
  name: (identifier) @name) @definition.function

; `const Foo = class {}`: the declaration is the definition (keeps doc comments).
(lexical_declaration
  (variable_declarator
    name: (identifier) @name
    value: (class))) @definition.class

(variable_declaration
  (variable_declarator
    name: (identifier) @name
    value: (class))) @definition.class

; `const f = () => {}`, `const f = function () {}`, `const C: FC<P> = (p) => ...`.
(lexical_declaration
  (variable_declarator
    name: (identifier) @name
    value: [(arrow_function) (function_expression) (generator_function)])) @definition.function

(variable_declaration
  (variable_declarator
    name: (identifier) @name
    value: [(arrow_function) (function_expression) (generator_function)])) @definition.function

; Object-literal properties holding a function: `{ reset: () => {} }`.
(pair
  key: (property_identifier) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.function

; Other top-level bindings (also inside namespaces): `const MAX = 10`.
; `const x = require("x")` is an import, not a definition.
(program
  (lexical_declaration
    (variable_declarator
      name: (identifier) @name
      value: (_)? @_value)) @definition.constant
  (#not-match? @_value "^require\\s*\\("))

(internal_module
  body: (statement_block
    (lexical_declaration
      (variable_declarator
        name: (identifier) @name)) @definition.constant))

(program
  (variable_declaration
    (variable_declarator
      name: (identifier) @name
      value: (_)? @_value)) @definition.constant
  (#not-match? @_value "^require\\s*\\("))

(export_statement
  declaration: (lexical_declaration
    (variable_declarator
      name: (identifier) @name)) @definition.constant)

(export_statement
  declaration: (variable_declaration
    (variable_declarator
      name: (identifier) @name)) @definition.constant)

; -------------------------------------------------------------------- imports

; `import x from "mod"`, `import type { T } from "mod"`, `import "mod"`.
(import_statement
  source: (string (string_fragment) @import.path)) @import

; `import fs = require("fs")`.
(import_statement
  (import_require_clause
    source: (string (string_fragment) @import.path))) @import

; Re-exports: `export { x } from "mod"`, `export * from "mod"`.
(export_statement
  source: (string (string_fragment) @import.path)) @import

; CommonJS: `require("mod")`.
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (string (string_fragment) @import.path))
  (#eq? @_require "require")) @import

; Dynamic import: `import("mod")`.
(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @import.path))) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/uses.rs.

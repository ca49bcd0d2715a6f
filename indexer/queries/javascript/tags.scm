; JavaScript (and JSX) tags. Capture contract: see indexer/src/parse.rs.
; The first pattern that matches a node wins, so specific patterns come first.

; ---------------------------------------------------------------- definitions

; Methods in a class body (constructor, getters, static, generators, #private).
(class_body
  (method_definition
    name: [(property_identifier) (private_property_identifier)] @name) @definition.method)

; Methods of object literals: `{ run() {} }` -> function scoped by the object.
(method_definition
  name: [(property_identifier) (private_property_identifier)] @name) @definition.function

; Class fields holding a function: `onClick = () => {}`.
(class_body
  (field_definition
    property: [(property_identifier) (private_property_identifier)] @name
    value: [(arrow_function) (function_expression) (generator_function)]) @definition.method)

; Other class fields: `static currency = "EUR"`.
(class_body
  (field_definition
    property: [(property_identifier) (private_property_identifier)] @name) @definition.constant)

(class_declaration
  name: (identifier) @name) @definition.class

(function_declaration
  name: (identifier) @name) @definition.function

(generator_function_declaration
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

; `const f = () => {}`, `const f = function () {}`, `var f = function* () {}`.
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

; Other top-level bindings: `const MAX = 10`, `export const cfg = {...}`, `let state`.
; `const x = require("x")` is an import, not a definition.
(program
  (lexical_declaration
    (variable_declarator
      name: (identifier) @name
      value: (_)? @_value)) @definition.constant
  (#not-match? @_value "^require\\s*\\("))

(program
  (variable_declaration
    (variable_declarator
      name: (identifier) @name
      value: (_)? @_value)) @definition.constant
  (#not-match? @_value "^require\\s*\\("))

(program
  (export_statement
    declaration: (lexical_declaration
      (variable_declarator
        name: (identifier) @name)) @definition.constant))

(program
  (export_statement
    declaration: (variable_declaration
      (variable_declarator
        name: (identifier) @name)) @definition.constant))

; -------------------------------------------------------------------- imports

; `import x from "mod"`, `import "mod"`.
(import_statement
  source: (string (string_fragment) @import.path)) @import

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

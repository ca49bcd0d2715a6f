; Lua definitions and imports. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.
; A function stored in a table (`function M.add()`, `M.add = function()`)
; is named by its field here; languages/lua.rs adds the table (`M.add`).

; `function Cart:total()`: a method, called with an implicit `self`.
(function_declaration
  name: (method_index_expression
    method: (identifier) @name)) @definition.method

; `function f()`, `local function f()`, `function M.add()`.
(function_declaration
  name: [
    (identifier) @name
    (dot_index_expression
      field: (identifier) @name)
  ]) @definition.function

; `local f = function() end`.
(variable_declaration
  (assignment_statement
    (variable_list
      .
      name: (identifier) @name)
    (expression_list
      .
      value: (function_definition)))) @definition.function

; `M.remove = function() end`, `f = function() end`, in a chunk or block
; (the `local` form above holds an assignment too).
((assignment_statement
  (variable_list
    .
    name: [
      (identifier) @name
      (dot_index_expression
        field: (identifier) @name)
    ])
  (expression_list
    .
    value: (function_definition))) @definition.function
  (#parent-kind? @definition.function "chunk" "block"))

; `{ new = function() end }`: a function in a table constructor.
(field
  name: (identifier) @name
  value: (function_definition)) @definition.function

; `local log = { level = "info", debug = function() .. end }` and `M = {..}`
; at the top of a file: a table of values and functions, used as a module.
; An empty table (`local M = {}`, then `function M.add()`) is no symbol of
; its own: its name is only the file's local name for the module, which
; each function's name already carries (`M.add`).
((variable_declaration
  (assignment_statement
    (variable_list
      .
      name: (identifier) @name)
    (expression_list
      .
      value: (table_constructor
        (field))))) @definition.module
  (#parent-kind? @definition.module "chunk"))

((assignment_statement
  (variable_list
    .
    name: (identifier) @name)
  (expression_list
    .
    value: (table_constructor
      (field)))) @definition.module
  (#parent-kind? @definition.module "chunk"))

; Upper-case values at the top of a file: `local MAX_ITEMS = 50`, `M.VERSION = "1.0"`
; (not tables, which are modules or nothing, nor functions).
((variable_declaration
  (assignment_statement
    (variable_list
      .
      name: (identifier) @name)
    (expression_list
      .
      value: [
        (number)
        (string)
        (true)
        (false)
        (binary_expression)
        (unary_expression)
        (function_call)
        (identifier)
        (dot_index_expression)
      ]))) @definition.constant
  (#match? @name "^[A-Z][A-Z0-9_]*$")
  (#parent-kind? @definition.constant "chunk"))

((assignment_statement
  (variable_list
    .
    name: [
      (identifier) @name
      (dot_index_expression
        field: (identifier) @name)
    ])
  (expression_list
    .
    value: [
      (number)
      (string)
      (true)
      (false)
      (binary_expression)
      (unary_expression)
      (function_call)
      (identifier)
      (dot_index_expression)
    ])) @definition.constant
  (#match? @name "^[A-Z][A-Z0-9_]*$")
  (#parent-kind? @definition.constant "chunk"))

; Imports: `require("a.b")`, `require "a.b"`.
((function_call
  name: (identifier) @_require
  arguments: (arguments
    .
    (string
      content: (string_content) @import.path))) @import
  (#eq? @_require "require"))

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/languages/lua.rs.

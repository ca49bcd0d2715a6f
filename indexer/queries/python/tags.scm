; Definitions. Capture contract: see indexer/src/parse.rs.

(class_definition
  name: (identifier) @name) @definition.class

(function_definition
  name: (identifier) @name) @definition.function

; Module-level constants and bindings: `NAME = ...`, `x: int = ...`.
(module
  (expression_statement
    (assignment
      left: (identifier) @name) @definition.constant))

; Class attributes: `field = ...` directly in a class body.
(class_definition
  body: (block
    (expression_statement
      (assignment
        left: (identifier) @name) @definition.constant)))

; Imports.
(import_statement
  name: [(dotted_name) @import.path (aliased_import name: (dotted_name) @import.path)]) @import

(import_from_statement
  module_name: [(dotted_name) (relative_import)] @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/uses.rs.

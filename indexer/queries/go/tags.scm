; Definitions. Capture contract: see indexer/src/parse.rs.
; The first pattern matching a node wins, so specific patterns come first.
;
; A lone `type X ...` / `const X = ...` / `var X = ...` is captured on the
; whole declaration so that its doc comment (a sibling of the declaration) is
; found; inside a group `type ( ... )` each spec is captured on its own. The
; lone form is told apart by its text, as anchors skip the anonymous "(".

(function_declaration
  name: (identifier) @name) @definition.function

(method_declaration
  name: (field_identifier) @name) @definition.method

; Methods listed in an interface.
(method_elem
  name: (field_identifier) @name) @definition.method

; type X struct { ... }
((type_declaration (type_spec
  name: (type_identifier) @name
  type: (struct_type))) @definition.struct
  (#not-match? @definition.struct "^type\\s*\\("))

(type_declaration "(" (type_spec
  name: (type_identifier) @name
  type: (struct_type)) @definition.struct)

; type X interface { ... }
((type_declaration (type_spec
  name: (type_identifier) @name
  type: (interface_type))) @definition.interface
  (#not-match? @definition.interface "^type\\s*\\("))

(type_declaration "(" (type_spec
  name: (type_identifier) @name
  type: (interface_type)) @definition.interface)

; Any other named type, and aliases `type X = Y`.
((type_declaration [
  (type_spec name: (type_identifier) @name)
  (type_alias name: (type_identifier) @name)]) @definition.type
  (#not-match? @definition.type "^type\\s*\\("))

(type_declaration "(" [
  (type_spec name: (type_identifier) @name)
  (type_alias name: (type_identifier) @name)] @definition.type)

; Package-level constants and variables.
(source_file
  (const_declaration (const_spec
    name: (identifier) @name)) @definition.constant
  (#not-match? @definition.constant "^const\\s*\\("))

(source_file
  (const_declaration "(" (const_spec
    name: (identifier) @name) @definition.constant))

(source_file
  (var_declaration (var_spec
    name: (identifier) @name)) @definition.constant)

(source_file
  (var_declaration (var_spec_list (var_spec
    name: (identifier) @name) @definition.constant)))

; Imports.
(import_spec
  path: (_) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/uses.rs.

; Definitions. Capture contract: see indexer/src/parse.rs.
; The first pattern matching a node wins, so specific patterns come first.

(class_declaration
  name: (identifier) @name) @definition.class

(record_declaration
  name: (identifier) @name) @definition.class

(interface_declaration
  name: (identifier) @name) @definition.interface

(annotation_type_declaration
  name: (identifier) @name) @definition.interface

(enum_declaration
  name: (identifier) @name) @definition.enum

(method_declaration
  name: (identifier) @name) @definition.method

(constructor_declaration
  name: (identifier) @name) @definition.method

; `Foo { ... }` compact constructors of records.
(compact_constructor_declaration
  name: (identifier) @name) @definition.method

; Elements of an annotation type: `String value() default "";`.
(annotation_type_element_declaration
  name: (identifier) @name) @definition.method

; Constants: `static final` fields (either order), and interface fields,
; which are implicitly static and final. Other fields are not symbols.
(field_declaration
  (modifiers "static" "final")
  declarator: (variable_declarator
    name: (identifier) @name)) @definition.constant

(field_declaration
  (modifiers "final" "static")
  declarator: (variable_declarator
    name: (identifier) @name)) @definition.constant

(constant_declaration
  declarator: (variable_declarator
    name: (identifier) @name)) @definition.constant

; Imports: `import a.b.C;`, `import static a.b.C.m;`, `import a.b.*;`.
(import_declaration
  [(scoped_identifier) (identifier)] @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/uses.rs.

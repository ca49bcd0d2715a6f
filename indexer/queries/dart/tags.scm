; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.
;
; A class member is a `member_declaration` holding a `method_declaration`
; (signature and body) or, without a body, a `declaration`: those are the
; definitions, so that a method's span holds its body; its doc comment sits
; before the `member_declaration` (a wrapper, see definitions.rs).

(class_declaration
  name: (identifier) @name) @definition.class

(mixin_declaration
  name: (identifier) @name) @definition.class

(extension_declaration
  name: (identifier) @name) @definition.class

(extension_type_declaration
  name: (extension_type_name (identifier) @name)) @definition.class

(enum_declaration
  name: (identifier) @name) @definition.enum

; Methods with bodies: `double price(int q) => ..`, getters, setters, and
; constructors: a named one (`Priced.of(..)`) by its second name.
(method_declaration
  signature: (method_signature
    [(function_signature name: (identifier) @name)
     (getter_signature name: (identifier) @name)
     (setter_signature name: (identifier) @name)])) @definition.method

(method_declaration
  signature: (method_signature
    [(constructor_signature name: (identifier) name: (identifier) @name)
     (factory_constructor_signature name: (identifier) name: (identifier) @name)
     (redirecting_factory_constructor_signature name: (identifier) name: (identifier) @name)])) @definition.method

(method_declaration
  signature: (method_signature
    [(constructor_signature name: (identifier) @name)
     (factory_constructor_signature name: (identifier) @name)
     (redirecting_factory_constructor_signature name: (identifier) @name)])) @definition.method

; Members without bodies: abstract methods and getters, constructors
; (`Priced(this.id);`, `const Priced.zero();`), and `static`/`const`
; fields as constants. Other fields are not symbols, as in Java.
(declaration
  [(function_signature name: (identifier) @name)
   (getter_signature name: (identifier) @name)
   (setter_signature name: (identifier) @name)]) @definition.method

(declaration
  [(constructor_signature name: (identifier) name: (identifier) @name)
   (constant_constructor_signature name: (identifier) name: (identifier) @name)
   (factory_constructor_signature name: (identifier) name: (identifier) @name)
   (redirecting_factory_constructor_signature name: (identifier) name: (identifier) @name)]) @definition.method

(declaration
  [(constructor_signature name: (identifier) @name)
   (constant_constructor_signature name: (identifier) @name)
   (factory_constructor_signature name: (identifier) @name)
   (redirecting_factory_constructor_signature name: (identifier) @name)]) @definition.method

(declaration
  ["static" "const"]
  (static_final_declaration_list
    (static_final_declaration
      name: (identifier) @name))) @definition.constant

; Top-level functions, getters and setters; functions inside bodies.
(function_declaration
  signature: (function_signature name: (identifier) @name)) @definition.function

(getter_declaration
  signature: (getter_signature name: (identifier) @name)) @definition.function

(setter_declaration
  signature: (setter_signature name: (identifier) @name)) @definition.function

(local_function_declaration
  (function_signature name: (identifier) @name)) @definition.function

(type_alias
  (type_identifier) @name) @definition.type

; Top-level variables, `const`, `final` or not, as constants.
(top_level_variable_declaration
  (static_final_declaration_list
    (static_final_declaration
      name: (identifier) @name))) @definition.constant

(top_level_variable_declaration
  (initialized_identifier_list
    (initialized_identifier
      name: (identifier) @name))) @definition.constant

; Imports: `import 'package:shop/models.dart' as m show Invoice;` (its
; prefix and shown names are read by `languages/dart.rs`), re-exports,
; and the parts of a library, which share its scope both ways.
(import_specification
  uri: (configurable_uri (uri) @import.path)) @import

(library_export
  uri: (configurable_uri (uri) @import.path)) @import

(part_directive
  uri: (uri) @import.path) @import

(part_of_directive
  (uri) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and languages/dart.rs.

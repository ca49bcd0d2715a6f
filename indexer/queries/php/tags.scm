; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.
; Namespaces are not definitions: `namespace App\Billing;` holds nothing
; (the classes after it are its siblings); a file's namespace is its
; folder (PSR-4), which resolution reads from the path.

(class_declaration
  name: (name) @name) @definition.class

(interface_declaration
  name: (name) @name) @definition.interface

; A trait's methods are mixed into the classes that `use` it.
(trait_declaration
  name: (name) @name) @definition.trait

(enum_declaration
  name: (name) @name) @definition.enum

(function_definition
  name: (name) @name) @definition.function

; Methods, abstract ones and interface methods included.
(method_declaration
  name: (name) @name) @definition.method

; `const LATE_FEE = 500;` in a class or a file; `case Open = 'open';` of an enum.
(const_declaration
  (const_element
    (name) @name)) @definition.constant

(enum_case
  name: (name) @name) @definition.constant

; Imports: `use App\Support\Money;`, `use App\Models\Invoice as Model;`,
; `use function App\Support\format_money;`, each clause of `use A\B, C\D;`
; one import; a group `use App\Support\{Clock, Timer as T};` whole (its
; members are read from its text).
((namespace_use_clause
  .
  [(qualified_name) (name)] @import.path) @import
  (#parent-kind? @import "namespace_use_declaration"))

(namespace_use_declaration
  body: (namespace_use_group)) @import

; `require __DIR__ . '/helpers.php';`, `include 'config.php';`.
[
  (require_expression [(string (string_content) @import.path) (binary_expression right: (string (string_content) @import.path))])
  (require_once_expression [(string (string_content) @import.path) (binary_expression right: (string (string_content) @import.path))])
  (include_expression [(string (string_content) @import.path) (binary_expression right: (string (string_content) @import.path))])
  (include_once_expression [(string (string_content) @import.path) (binary_expression right: (string (string_content) @import.path))])
] @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and indexer/src/parse/languages/php.rs.

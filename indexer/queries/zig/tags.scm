; Zig definitions and imports. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.

; `const Cart = struct { .. }`: a container, whose functions are methods.
(variable_declaration
  .
  (identifier) @name
  (struct_declaration)) @definition.struct

(variable_declaration
  .
  (identifier) @name
  (enum_declaration)) @definition.enum

(variable_declaration
  .
  (identifier) @name
  (union_declaration)) @definition.union

(variable_declaration
  .
  (identifier) @name
  (opaque_declaration)) @definition.struct

; `fn List(comptime T: type) type { return struct { .. }; }`: a generic
; type, the struct its function returns, named after the function, so
; that its functions are the type's methods (not locals of a function).
(function_declaration
  name: (identifier) @name
  body: (block
    (expression_statement
      (return_expression
        (struct_declaration) @definition.struct))))

; `fn f()`, `pub fn f()`, `extern fn f()`.
(function_declaration
  name: (identifier) @name) @definition.function

; `test "adds items" { .. }` (a test named after a declaration,
; `test helper {}`, is left out: its name is a use of that declaration).
(test_declaration
  (string
    (string_content) @name)) @definition.function

; Constants and variables of a file or container, but not imports
; (`const std = @import("std");`) nor names for a path (`const mem =
; std.mem;`), which define nothing.
((variable_declaration
  .
  (identifier) @name) @definition.constant
  (#parent-kind? @definition.constant "source_file" "struct_declaration" "enum_declaration" "union_declaration" "opaque_declaration")
  (#not-match? @definition.constant "^[^=]*=\\s*(@import\\s*\\(|[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+\\s*;)"))

; Imports: `@import("std")`, `@import("cart.zig")`.
((builtin_function
  (builtin_identifier) @_builtin
  (arguments
    .
    (string
      (string_content) @import.path))) @import
  (#eq? @_builtin "@import"))

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/languages/zig.rs.

; Definitions. Capture contract: see indexer/src/parse.rs.
; The first pattern matching a node wins, so specific patterns come first.
; `(#parent-kind? @c "kind" ...)` keeps a match only where the node @c is a
; direct child of one of those kinds (one pattern instead of one per parent:
; each costs milliseconds to compile, in every process that parses C).

; Functions: the name sits in the function_declarator, under up to two
; pointer declarators (`char **f(void)`).
(function_definition
  declarator: [
    (function_declarator declarator: (identifier) @name)
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
    (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))
  ]) @definition.function

; Prototypes (mostly in headers).
(declaration
  declarator: [
    (function_declarator declarator: (identifier) @name)
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
    (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))
  ]) @definition.function

; `typedef struct tag { ... } name;`: one symbol, named after the typedef
; and spanning the typedef (so that its doc comment is found). The inner
; specifier is not captured again: the specifier patterns below only match
; where a specifier stands on its own.
(type_definition
  type: (struct_specifier body: (_))
  declarator: (type_identifier) @name) @definition.struct

(type_definition
  type: (union_specifier body: (_))
  declarator: (type_identifier) @name) @definition.union

(type_definition
  type: (enum_specifier body: (_))
  declarator: (type_identifier) @name) @definition.enum

; Other typedefs: `typedef int id_t;`, `typedef struct foo *foo_p;`,
; `typedef int (*cmp_fn)(const void *, const void *);`, `typedef char buf_t[8];`.
(type_definition
  declarator: [
    (type_identifier) @name
    (pointer_declarator declarator: (type_identifier) @name)
    (array_declarator declarator: (type_identifier) @name)
    (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (type_identifier) @name)))
    (function_declarator declarator: (type_identifier) @name)
  ]) @definition.type

; Named struct/union/enum specifiers with a body, where they stand on their
; own (file level, inside #if blocks, in a function, in a variable
; declaration `struct s { ... } v;`, nested in another struct).

([
   (struct_specifier name: (type_identifier) @name body: (_)) @definition.struct
   (union_specifier name: (type_identifier) @name body: (_)) @definition.union
   (enum_specifier name: (type_identifier) @name body: (_)) @definition.enum
 ] @standing
 (#parent-kind? @standing "translation_unit" "preproc_if" "preproc_ifdef" "preproc_else" "preproc_elif"
   "preproc_elifdef" "compound_statement" "declaration" "field_declaration"))

; Macros: object-like ones with a value (include guards have none) and
; function-like ones.
(preproc_def
  name: (identifier) @name
  value: (_)) @definition.macro

(preproc_function_def
  name: (identifier) @name) @definition.macro

; File-level variables with an initializer: `static const double RATE = 0.1;`,
; `const char *names[] = {...};`.

((declaration
   declarator: (init_declarator
     declarator: [
       (identifier) @name
       (pointer_declarator declarator: (identifier) @name)
       (array_declarator declarator: (identifier) @name)
       (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
     ])) @definition.constant
 (#parent-kind? @definition.constant "translation_unit" "preproc_if" "preproc_ifdef" "preproc_else" "preproc_elif"
   "preproc_elifdef"))

; Imports: `#include <stdio.h>` and `#include "local.h"`.
(preproc_include
  path: (_) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/uses.rs.

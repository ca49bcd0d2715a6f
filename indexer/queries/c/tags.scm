; Definitions. Capture contract: see indexer/src/parse.rs.
; The first pattern matching a node wins, so specific patterns come first.

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

(translation_unit
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(translation_unit
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(translation_unit
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(preproc_if
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(preproc_if
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(preproc_if
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(preproc_ifdef
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(preproc_ifdef
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(preproc_ifdef
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(preproc_else
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(preproc_else
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(preproc_else
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(preproc_elif
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(preproc_elif
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(preproc_elif
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(preproc_elifdef
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(preproc_elifdef
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(preproc_elifdef
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(compound_statement
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(compound_statement
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(compound_statement
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(declaration
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(declaration
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(declaration
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)

(field_declaration
  (struct_specifier
    name: (type_identifier) @name
    body: (_)) @definition.struct)

(field_declaration
  (union_specifier
    name: (type_identifier) @name
    body: (_)) @definition.union)

(field_declaration
  (enum_specifier
    name: (type_identifier) @name
    body: (_)) @definition.enum)


; Macros: object-like ones with a value (include guards have none) and
; function-like ones.
(preproc_def
  name: (identifier) @name
  value: (_)) @definition.macro

(preproc_function_def
  name: (identifier) @name) @definition.macro

; File-level variables with an initializer: `static const double RATE = 0.1;`,
; `const char *names[] = {...};`.

(translation_unit
  (declaration
    declarator: (init_declarator
      declarator: [
        (identifier) @name
        (pointer_declarator declarator: (identifier) @name)
        (array_declarator declarator: (identifier) @name)
        (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
      ])) @definition.constant)

(preproc_if
  (declaration
    declarator: (init_declarator
      declarator: [
        (identifier) @name
        (pointer_declarator declarator: (identifier) @name)
        (array_declarator declarator: (identifier) @name)
        (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
      ])) @definition.constant)

(preproc_ifdef
  (declaration
    declarator: (init_declarator
      declarator: [
        (identifier) @name
        (pointer_declarator declarator: (identifier) @name)
        (array_declarator declarator: (identifier) @name)
        (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
      ])) @definition.constant)

(preproc_else
  (declaration
    declarator: (init_declarator
      declarator: [
        (identifier) @name
        (pointer_declarator declarator: (identifier) @name)
        (array_declarator declarator: (identifier) @name)
        (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
      ])) @definition.constant)

(preproc_elif
  (declaration
    declarator: (init_declarator
      declarator: [
        (identifier) @name
        (pointer_declarator declarator: (identifier) @name)
        (array_declarator declarator: (identifier) @name)
        (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
      ])) @definition.constant)

(preproc_elifdef
  (declaration
    declarator: (init_declarator
      declarator: [
        (identifier) @name
        (pointer_declarator declarator: (identifier) @name)
        (array_declarator declarator: (identifier) @name)
        (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
      ])) @definition.constant)


; Imports: `#include <stdio.h>` and `#include "local.h"`.
(preproc_include
  path: (_) @import.path) @import

; References.
(call_expression
  function: [
    (identifier) @name
    (field_expression field: (field_identifier) @name)
  ]) @reference.call

(identifier) @reference

(type_identifier) @reference

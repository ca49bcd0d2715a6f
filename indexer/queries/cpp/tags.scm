; C++ tags. Capture contract: see indexer/src/parse.rs.
; The first pattern that matches a node wins, so specific patterns come first.
; `(#parent-kind? @c "kind" ...)` keeps a match only where the node @c is a
; direct child of one of those kinds: one pattern instead of one per parent,
; each of which costs tens of milliseconds to compile in C++'s grammar.
; Functions defined in a class body become methods in parse.rs; a
; template_declaration is a wrapper there (its doc comment is found above it).

; ---------------------------------------------------------------- definitions

; Function names sit under declarator wrappers (`*`, `**`, `&`, `*&`) and,
; out of line, scope qualifiers. `@declarator.<shape>` captures the whole
; declarator, and indexer/src/declarators.rs finds the name in code,
; accepting exactly those wrappers; a declarator it does not accept defines
; nothing here, so a later pattern may still claim the node. (Spelling the
; chains out here made this query take a second to compile.)

; Out-of-line member definitions: `void Shape::draw() {}`, `A::B::~B() {}`,
; `T Box<T>::get() const {}`. The name is the last of one to three qualifiers.
(function_definition
  declarator: (_) @declarator.qualified) @definition.method

; Member function declarations in a class body: `virtual double area() const = 0;`.
(field_declaration
  declarator: (_) @declarator.plain) @definition.method

; Constructor declarations in a class body: `Polygon(int id);`.
(field_declaration_list
  (declaration
    declarator: (_) @declarator.plain) @definition.method)

; Function definitions (free functions, and methods defined in a class
; body), also of templates' specializations (`f<int>`).
(function_definition
  declarator: (_) @declarator.function) @definition.function

; Function prototypes: `int area(const Shape& s);`.
(declaration
  declarator: (_) @declarator.plain) @definition.function

(namespace_definition
  name: [(namespace_identifier) (nested_namespace_specifier)] @name) @definition.namespace

; `typedef struct tag { ... } name;`: one symbol named after the typedef,
; spanning the typedef (so that its doc comment is found). The inner
; specifier is not captured again: the specifier patterns below only match
; where a specifier stands on its own.
(type_definition
  type: (struct_specifier body: (_))
  declarator: (type_identifier) @name) @definition.struct

(type_definition
  type: (class_specifier body: (_))
  declarator: (type_identifier) @name) @definition.class

(type_definition
  type: (union_specifier body: (_))
  declarator: (type_identifier) @name) @definition.union

(type_definition
  type: (enum_specifier body: (_))
  declarator: (type_identifier) @name) @definition.enum

; Other typedefs: `typedef unsigned id_t;`, `typedef int (*cmp_fn)(int, int);`.
(type_definition
  declarator: [
    (type_identifier) @name
    (pointer_declarator declarator: (type_identifier) @name)
    (array_declarator declarator: (type_identifier) @name)
    (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (type_identifier) @name)))
    (function_declarator declarator: (type_identifier) @name)
  ]) @definition.type

; `using PointList = std::vector<Point>;`
(alias_declaration
  name: (type_identifier) @name) @definition.type

; Classes, structs, unions and enums (incl. `enum class`) with a body, where
; they stand on their own: at file or namespace level, in a template, in a
; class body (`struct Inner { ... };`), in a function, in `struct s {...} v;`,
; inside #if blocks.
([
   (class_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (_)) @definition.class
   (struct_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (_)) @definition.struct
   (union_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (_)) @definition.union
   (enum_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (_)) @definition.enum
 ] @standing
 (#parent-kind? @standing "translation_unit" "declaration_list" "template_declaration" "field_declaration" "declaration"
   "compound_statement" "preproc_if" "preproc_ifdef" "preproc_else" "preproc_elif" "preproc_elifdef"))

; Macros: object-like ones with a value (include guards have none) and
; function-like ones.
(preproc_def
  name: (identifier) @name
  value: (_)) @definition.macro

(preproc_function_def
  name: (identifier) @name) @definition.macro

; File- and namespace-level variables with an initializer:
; `constexpr double kEpsilon = 1e-9;`, `static const char* names[] = {...};`.
((declaration
   declarator: (init_declarator
     declarator: [
       (identifier) @name
       (pointer_declarator declarator: (identifier) @name)
       (reference_declarator (identifier) @name)
       (array_declarator declarator: (identifier) @name)
       (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
     ])) @definition.constant
 (#parent-kind? @definition.constant "translation_unit" "declaration_list" "preproc_if" "preproc_ifdef" "preproc_else"
   "preproc_elif" "preproc_elifdef"))

; -------------------------------------------------------------------- imports

; `#include <vector>` and `#include "geo/shape.hpp"`.
(preproc_include
  path: (_) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/uses.rs.

; Haskell definitions and imports. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.
; A function is written as a type signature and equations, each its own
; definition here: languages/haskell.rs merges adjacent ones of one name
; into one symbol, whose signature is then the type signature.

; `module Shop.Cart (..) where`.
(header
  module: (module) @name) @definition.module

; Types: `data`, `newtype`, `type`, type and data families. Their
; constructors and record fields are functions named after the type.
(data_type
  name: (name) @name) @definition.type

(newtype
  name: (name) @name) @definition.type

(type_synonym
  name: (name) @name) @definition.type

(type_family
  name: (name) @name) @definition.type

(data_family
  name: (name) @name) @definition.type

(data_constructor
  constructor: (prefix
    name: (constructor) @name)) @definition.function

; A record constructor is its name alone, so that its fields are the
; type's (`Cart.items`), not the constructor's.
(data_constructor
  constructor: (record
    name: (constructor) @name @definition.function))

(gadt_constructor
  name: (constructor) @name) @definition.function

(newtype_constructor
  name: (constructor) @name) @definition.function

(field
  name: (field_name
    (variable) @name)) @definition.function

; `class Priced a where ..`: its signatures and default equations are its methods.
(class
  name: (name) @name) @definition.interface

; `instance Priced Item where ..` is named after its type, like a Rust
; `impl`: the first type constructor among its types (`Maybe` for
; `instance C (Maybe a)`, `Map` for `(M.Map k v)`, `StateT` for
; `MonadState s (StateT s m)`); else after its types as written (`[a]`,
; `()`); one without types after the class.
(instance
  patterns: (type_patterns
    [
      (name) @name
      (qualified
        id: (name) @name)
      (parens
        (apply
          constructor: [
            (name) @name
            (qualified
              id: (name) @name)
          ]))
      (parens
        (apply
          constructor: (apply
            constructor: [
              (name) @name
              (qualified
                id: (name) @name)
            ])))
      (parens
        (apply
          constructor: (apply
            constructor: (apply
              constructor: [
                (name) @name
                (qualified
                  id: (name) @name)
              ]))))
    ])) @definition.impl

(instance
  patterns: (type_patterns) @name) @definition.impl

(instance
  name: (name) @name) @definition.impl

; Functions: type signatures, equations and bindings of a module, class or
; instance; equations of local functions (`where`, `let`) too, but not
; local values.
((signature
  name: [
    (variable)
    (prefix_id)
  ] @name) @definition.function
  (#parent-kind? @definition.function "declarations" "class_declarations" "instance_declarations"))

(function
  name: [
    (variable)
    (prefix_id)
  ] @name) @definition.function

((bind
  name: [
    (variable)
    (prefix_id)
  ] @name) @definition.function
  (#parent-kind? @definition.function "declarations" "class_declarations" "instance_declarations"))

(foreign_import
  signature: (signature
    name: (variable) @name)) @definition.function

; Imports: `import qualified Data.Map as M`, `import Shop.Pricing (price)`.
(import
  module: (module) @import.path) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/languages/haskell.rs.

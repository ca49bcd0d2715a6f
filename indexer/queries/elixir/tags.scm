; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.
; Everything is a call in Elixir's grammar: definitions are told apart by
; the name of the macro they call (`defmodule`, `def`, ...).

; `defmodule Shop.Billing.Invoice do`: the module `Invoice` in scope
; `Shop.Billing` (the name is one node, split by elixir::split_module_name).
(call
  target: (identifier) @_macro
  (arguments . (alias) @name)
  (#eq? @_macro "defmodule")) @definition.module

; A protocol declares functions that implementations define.
(call
  target: (identifier) @_macro
  (arguments . (alias) @name)
  (#eq? @_macro "defprotocol")) @definition.interface

; `defimpl Shop.Priced, for: Shop.Billing.Invoice`: named after the type it
; implements the protocol for, like a Rust `impl`; without `for:` (inside
; the type's own module), after the protocol.
(call
  target: (identifier) @_macro
  (arguments
    (alias)
    (keywords
      (pair
        key: (keyword) @_for
        value: (alias) @name)))
  (#eq? @_macro "defimpl")
  (#match? @_for "^for:")) @definition.impl

(call
  target: (identifier) @_macro
  (arguments . (alias) @name)
  (#eq? @_macro "defimpl")) @definition.impl

; Functions: `def f(x) do`, `def f(x), do: ...`, `def f(x) when guard`,
; `def zero, do: 0`, private ones, delegations and guards.
(call
  target: (identifier) @_macro
  (arguments
    .
    [
      (identifier) @name
      (call target: (identifier) @name)
      (binary_operator
        left: (call target: (identifier) @name)
        operator: "when")
    ])
  (#any-of? @_macro "def" "defp" "defdelegate" "defguard" "defguardp" "defn" "defnp")) @definition.function

(call
  target: (identifier) @_macro
  (arguments
    .
    [
      (identifier) @name
      (call target: (identifier) @name)
      (binary_operator
        left: (call target: (identifier) @name)
        operator: "when")
    ])
  (#any-of? @_macro "defmacro" "defmacrop")) @definition.macro

; A behaviour's callbacks: `@callback capture(payment, amount) :: result`,
; the functions its implementations define.
(unary_operator
  operator: "@"
  operand: (call
    target: (identifier) @_attribute
    (arguments
      (binary_operator
        left: (call target: (identifier) @name)
        operator: "::")))
  (#any-of? @_attribute "callback" "macrocallback")) @definition.function

; Types: `@type t :: ...`, `@typep`, `@opaque`.
(unary_operator
  operator: "@"
  operand: (call
    target: (identifier) @_attribute
    (arguments
      (binary_operator
        left: [
          (identifier) @name
          (call target: (identifier) @name)
        ]
        operator: "::")))
  (#any-of? @_attribute "type" "typep" "opaque")) @definition.type

; Module attributes set in a module's body (`@late_fee 500`) are its
; compile-time constants; the attributes Elixir itself reads are not.
((unary_operator
  operator: "@"
  operand: (call
    target: (identifier) @name
    (arguments))) @definition.constant
  (#not-any-of? @name "doc" "moduledoc" "typedoc" "spec" "impl" "type" "typep" "opaque" "callback" "macrocallback" "behaviour" "derive" "enforce_keys" "compile" "dialyzer" "optional_callbacks" "deprecated" "since" "external_resource" "on_load" "before_compile" "after_compile" "on_definition" "vsn" "file" "fallback_to_any" "nifs")
  (#parent-kind? @definition.constant "do_block"))

; Imports: `alias Shop.Billing.Money`, `alias Shop.Billing.{Money, Tax}`,
; `alias Shop.Ledger, as: L` (its alias: elixir::import_alias),
; `import Shop.Format, only: [cents: 1]`, `require Logger`, `use GenServer`.
(call
  target: (identifier) @_macro
  (arguments
    .
    [(alias) (dot)] @import.path)
  (#any-of? @_macro "alias" "import" "require" "use")) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and indexer/src/parse/languages/elixir.rs.

; Bash definitions and imports. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.

; `name() { .. }`, `function name { .. }`, `function name() ( .. )`.
(function_definition
  name: (word) @name) @definition.function

; The script's constants: `readonly X=..`, `export X=..`, `declare -r X=..`
; at the top of the file (a `local` is a function's).
((declaration_command
  (variable_assignment
    name: (variable_name) @name)) @definition.constant
  (#match? @definition.constant "^(readonly|export|declare|typeset)")
  (#parent-kind? @definition.constant "program"))

; `name=value` at the top of the file: the script's own variables, like a
; Python module's.
((variable_assignment
  name: (variable_name) @name) @definition.constant
  (#parent-kind? @definition.constant "program"))

; Imports: `source lib/x.sh`, `. "$(dirname "$0")/x.sh"`.
((command
  name: (command_name
    (word) @_source)
  .
  argument: (_) @import.path) @import
  (#any-of? @_source "source" "."))

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/languages/bash.rs.

; Definitions. Capture contract: see indexer/src/parse/file.rs.
; The first pattern matching a node wins, so specific patterns come first.

; `Point = Struct.new(:x, :y) do ... end` and `Error = Class.new(StandardError)`
; define classes; methods in their blocks are the class's.
(assignment
  left: (constant) @name
  right: (call
    receiver: (constant) @_maker
    method: (identifier) @_new)
  (#any-of? @_maker "Struct" "Class" "Data")
  (#any-of? @_new "new" "define")) @definition.class

; `class Invoice < Base`, `class Billing::Report::Aging` (the written scope
; `Billing::Report` is part of the qualified name).
(class
  name: [
    (constant) @name
    (scope_resolution name: (constant) @name)
  ]) @definition.class

(module
  name: [
    (constant) @name
    (scope_resolution name: (constant) @name)
  ]) @definition.module

; `def total`, `def self.build`: methods of a class (`Class::method`), or
; functions of a module (`Module::function`). Methods under `class << self`
; are the class's.
(method
  name: (_) @name) @definition.function

(singleton_method
  name: (_) @name) @definition.function

; `alias new_name old_name` makes another callable name.
(alias
  name: (_) @name) @definition.function

; `LATE_FEE = 5`: constants (Ruby allows no constant assignment in a method).
(assignment
  left: (constant) @name) @definition.constant

; Imports: `require "billing/money"` (a path under the load path) and
; `require_relative "../money"` (a path from this file's directory), both
; calls.
(call
  !receiver
  method: (identifier) @_require
  arguments: (argument_list
    .
    (string
      (string_content) @import.path))
  (#any-of? @_require "require" "require_relative")) @import

; References (uses of names) are found by a walk of the tree: see
; indexer/src/parse/uses.rs and indexer/src/parse/languages/ruby.rs.

; Scaffold.
(function_definition) @definition.function

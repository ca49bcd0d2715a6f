; Scaffold.
(function_declaration) @definition.function

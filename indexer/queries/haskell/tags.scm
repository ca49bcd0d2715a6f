; Scaffold.
(function) @definition.function

; Scaffold.
(call) @definition.function

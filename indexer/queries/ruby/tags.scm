; Scaffold.
(class) @definition.class

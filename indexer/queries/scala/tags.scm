; Scaffold.
(class_definition) @definition.class

; Scaffold.
(class_declaration) @definition.class

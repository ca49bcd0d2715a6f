; Scaffold: definitions and imports come in the language's own change.
(class_declaration) @definition.class

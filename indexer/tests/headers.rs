//! A `.h` header is C by its name and C++ when its text is: its classes
//! and templates are found, it counts as C++, and a refresh reuses it.

use ctx_indexer::{IndexOptions, Language, build_index, store::Generation};

#[test]
fn a_cpp_header_named_h_is_parsed_as_cpp_and_reused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("base.h"), "namespace fmt {\n/** Arguments. */\ntemplate <typename Context> class basic_format_args {\n public:\n  int size() const;\n};\n}\n").expect("write");
    std::fs::write(dir.path().join("plain.h"), "struct point { int x, y; };\nint area(struct point p);\n").expect("write");
    let first = build_index(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("index");
    let generation = Generation::open(dir.path()).expect("generation");
    let tables = generation.read_tables().expect("tables");
    let language = |path: &str| tables.files().find(|(_, f)| f.path == path).map(|(_, f)| f.language);
    assert_eq!((language("base.h"), language("plain.h")), (Some(Language::Cpp), Some(Language::C)));
    let names: Vec<&str> = tables.symbols().map(|(_, s)| s.qualified_name).collect();
    assert!(names.contains(&"fmt::basic_format_args") && names.contains(&"fmt::basic_format_args::size"), "{names:?}");
    assert!(first.manifest.stats.languages.iter().any(|l| l.language == "cpp" && l.files == 1));
    drop(tables);
    drop(generation);
    // Touch both: the refresh compares their content and parses neither.
    for name in ["base.h", "plain.h"] {
        let text = std::fs::read(dir.path().join(name)).expect("read");
        std::fs::write(dir.path().join(name), text).expect("rewrite");
    }
    let again = build_index(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("refresh");
    assert_eq!(again.changes.parsed, 0, "{:?}", again.changes);
}

//! The dependency rules of ARCHITECTURE.md, checked on the manifests:
//! embeddings <- indexer <- query <- ctx, embeddings knows nothing of
//! tree-sitter or tantivy, and only the binary knows clap, anyhow, rmcp and tokio.
//! Inside the indexer and the query crates, checked on the sources: no two
//! modules of a folder import each other, directly or around a circle.

use std::path::Path;

/// The dependency names of the `[dependencies]` table of a crate's Cargo.toml.
fn dependencies(crate_dir: &str) -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join(crate_dir).join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let mut in_dependencies = false;
    let mut names = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
            continue;
        }
        if in_dependencies && !line.is_empty() && !line.starts_with('#')
            && let Some(name) = line.split(['=', '.']).next() {
                names.push(name.trim().to_string());
            }
    }
    names
}

fn assert_none(crate_dir: &str, forbidden: &[&str]) {
    let deps = dependencies(crate_dir);
    for name in forbidden {
        // `tree-sitter` also stands for its grammar crates.
        let hit = deps.iter().any(|d| d == name || (*name == "tree-sitter" && d.starts_with("tree-sitter-")));
        assert!(!hit, "{crate_dir} must not depend on {name}: {deps:?}");
    }
}

#[test]
fn dependencies_point_one_way() {
    assert_none("embeddings", &["ctx-indexer", "ctx-query", "ctx", "tree-sitter", "tantivy", "clap", "anyhow", "rmcp", "tokio"]);
    assert_none("indexer", &["ctx-query", "ctx", "clap", "anyhow", "rmcp", "tokio", "tiktoken-rs", "bpe-openai"]);
    assert_none("query", &["ctx", "clap", "anyhow", "rmcp", "tokio"]);
    assert!(dependencies("indexer").contains(&"ctx-embeddings".to_string()));
    assert!(dependencies("query").contains(&"ctx-indexer".to_string()));
}

#[test]
fn the_library_uses_no_binary_only_crates() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in ["lib.rs", "session.rs"] {
        let text = std::fs::read_to_string(lib.join(file)).expect("source");
        // Doc examples may print; code may not.
        let code: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        for name in ["clap::", "anyhow::", "rmcp::", "tokio::", "println!"] {
            assert!(!code.iter().any(|l| l.contains(name)), "src/{file} uses {name}: only the binary may");
        }
    }
}

// The import circles of the crates' own modules.
//
// The rule. A module's file imports another module when its code names an
// item of that module: in a `use` declaration or in a qualified path
// anywhere in the file (`crate::store::Generation`, `super::lexer::Token`,
// `go::bodies::scan` from the parent that declares `go`). A path is resolved
// to the module that defines its item: through the crate root's and every
// folder's re-exports (`pub use`), which are aliases, not imports, so that
// `crate::Language` is an import of `parse::language`. A re-export is an
// import of its own file only where that file also uses the name in its
// code. Declaring a child (`mod child;`) is not an import, and neither is
// anything in a `#[cfg(test)]` item: a test module is a consumer above the
// code it tests, like an integration test, and may use any of it. Comments
// and string literals are not read.
//
// The check. At every level of the module tree, the modules of a folder
// (its own `mod.rs`, and each child file or subfolder taken whole) import
// each other in one direction only: the graph of the crate's top-level
// modules (the stages and the small modules they share) has no cycle, nor
// has any folder's, so `parse/mod.rs` may import `parse/go/` or be imported
// by it, never both. That makes the graph of files acyclic as well: any
// circle of files is a circle at the level of the deepest folder that holds
// them all.

use std::collections::{BTreeMap, BTreeSet};

/// A module path from the crate root (`["parse", "go", "bodies"]`; empty for the root).
type ModulePath = Vec<String>;

/// The module path of a source file, from its path under `src/`.
fn module_of(relative: &str) -> ModulePath {
    let mut segments: Vec<String> = relative.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if matches!(segments.last().map(String::as_str), Some("mod" | "lib")) {
        segments.pop();
    }
    segments
}

/// `text` with comments, string and character literals blanked (newlines kept).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
                out.push(' ');
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && !is_ident_char(chars.get(i.wrapping_sub(1)).copied()) && {
            let at = if c == 'b' { i + 2 } else { i + 1 };
            let hashes = chars[at.min(chars.len())..].iter().take_while(|&&h| h == '#').count();
            chars.get(at + hashes) == Some(&'"')
        } {
            // A raw string: r"..", r#".."#, br"..".
            let at = if c == 'b' { i + 2 } else { i + 1 };
            let hashes = chars[at..].iter().take_while(|&&h| h == '#').count();
            let mut j = at + hashes + 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && chars[j + 1..].iter().take(hashes).filter(|&&h| h == '#').count() == hashes {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &skipped in &chars[i..j.min(chars.len())] {
                blank(&mut out, skipped);
            }
            i = j;
        } else if c == '"' {
            blank(&mut out, c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('"', '\n', '\u{..}'), not a lifetime.
            let mut j = i + 1;
            if next == Some('\\') {
                j += 2;
            }
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            for &skipped in &chars[i..(j + 1).min(chars.len())] {
                blank(&mut out, skipped);
            }
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// `code` without its `#[cfg(test)]` items (each up to its closing brace or semicolon).
fn without_test_items(code: &str) -> String {
    let mut out = code.to_string();
    let mut from = 0;
    while let Some(at) = out[from..].find("#[cfg(test)]").map(|at| from + at) {
        let bytes = out.as_bytes();
        let mut end = at;
        let mut depth = 0usize;
        while end < bytes.len() {
            match bytes[end] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end += 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    end += 1;
                    break;
                }
                _ => {}
            }
            end += 1;
        }
        let blanked: String = out[at..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
        out.replace_range(at..end, &blanked);
        from = end;
    }
    out
}

/// One `use` declaration's paths, each with the name it binds (`None` for a glob).
fn use_tree(text: &str) -> Vec<(Vec<String>, Option<String>)> {
    let mut tokens: Vec<String> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_alphanumeric() || **c == '_') {
                word.push(c);
                chars.next();
            }
            tokens.push(word);
        } else if c == ':' {
            chars.next();
            if chars.peek() == Some(&':') {
                chars.next();
            }
            tokens.push("::".into());
        } else if "{},*".contains(c) {
            tokens.push(c.to_string());
            chars.next();
        } else {
            chars.next();
        }
    }
    fn tree(tokens: &[String], at: &mut usize, prefix: Vec<String>, out: &mut Vec<(Vec<String>, Option<String>)>) {
        let mut path = prefix;
        loop {
            match tokens.get(*at).map(String::as_str) {
                Some("{") => {
                    *at += 1;
                    while !matches!(tokens.get(*at).map(String::as_str), Some("}") | None) {
                        tree(tokens, at, path.clone(), out);
                        if tokens.get(*at).map(String::as_str) == Some(",") {
                            *at += 1;
                        }
                    }
                    *at += 1;
                    return;
                }
                Some("*") => {
                    *at += 1;
                    out.push((path, None));
                    return;
                }
                Some(word) if word != "::" && word != "," && word != "}" && word != "as" => {
                    path.push(word.to_string());
                    *at += 1;
                }
                _ => break,
            }
            if tokens.get(*at).map(String::as_str) == Some("::") {
                *at += 1;
            } else {
                break;
            }
        }
        let mut alias = None;
        if tokens.get(*at).map(String::as_str) == Some("as") {
            alias = tokens.get(*at + 1).cloned();
            *at += 2;
        }
        if path.last().map(String::as_str) == Some("self") {
            path.pop();
        }
        let name = alias.or_else(|| path.last().cloned());
        if !path.is_empty() {
            out.push((path, name));
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let before = at;
        tree(&tokens, &mut at, Vec::new(), &mut out);
        if at == before {
            at += 1;
        }
    }
    out
}

/// What one file says about modules.
#[derive(Default)]
struct FileFacts {
    /// Child modules it declares.
    children: BTreeSet<String>,
    /// Names its `use` declarations bind: name -> (path as written, re-exported).
    bindings: BTreeMap<String, (Vec<String>, bool)>,
    /// Paths it imports (as written), each with how it was written, for messages.
    imports: Vec<Vec<String>>,
}

/// Reads one file's code: its child modules, `use` declarations and qualified paths.
fn file_facts(code: &str) -> FileFacts {
    let mut facts = FileFacts::default();
    let bytes = code.as_bytes();
    let word_at = |at: usize, word: &str| {
        code[at..].starts_with(word)
            && !is_ident_char(code[..at].chars().next_back())
            && !is_ident_char(code[at + word.len()..].chars().next())
    };
    // `use` declarations, then blanked so the path scan below does not see them again.
    let mut rest = code.to_string();
    let mut reexported: Vec<String> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if word_at(at, "use") && code[at + 3..].starts_with(char::is_whitespace) {
            let end = code[at..].find(';').map_or(code.len(), |e| at + e + 1);
            let head = code[..at].trim_end();
            let public = head.ends_with("pub") || head.ends_with(')') && head.rfind("pub(").is_some_and(|p| !head[p..].contains('\n'));
            for (path, name) in use_tree(&code[at + 3..end - 1]) {
                match name {
                    Some(name) => {
                        if public {
                            reexported.push(name.clone());
                        } else {
                            facts.imports.push(path.clone());
                        }
                        facts.bindings.insert(name, (path, public));
                    }
                    None => facts.imports.push(path),
                }
            }
            rest.replace_range(at..end, &" ".repeat(end - at));
            at = end;
        } else if word_at(at, "mod") {
            let name: String = code[at + 3..].trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let after_name = code[at + 3..].trim_start()[name.len()..].trim_start();
            if after_name.starts_with(';') {
                facts.children.insert(name);
                let end = code.len() - after_name.len() + 1;
                rest.replace_range(at..end, &" ".repeat(end - at));
                at = end;
                continue;
            }
            at += 3;
        } else {
            at += code[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    // Qualified paths in code: `a::b::c` not preceded by `::`.
    let chars: Vec<(usize, char)> = rest.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !(c.is_alphabetic() || c == '_') || is_ident_char(rest[..start].chars().next_back()) || rest[..start].trim_end().ends_with("::") {
            i += 1;
            continue;
        }
        let mut path = Vec::new();
        let mut j = i;
        loop {
            let word_start = j;
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            let word_end = chars.get(j).map_or(rest.len(), |(at, _)| *at);
            path.push(rest[chars[word_start].0..word_end].to_string());
            if rest[word_end..].starts_with("::") && rest[word_end + 2..].starts_with(|c: char| c.is_alphabetic() || c == '_') {
                j += 2;
            } else {
                break;
            }
        }
        if path.len() > 1 {
            facts.imports.push(path);
        }
        i = j.max(i + 1);
    }
    // A re-exported name its own file uses in code is imported there too.
    for name in reexported {
        let mut from = 0;
        while let Some(found) = rest[from..].find(name.as_str()).map(|f| from + f) {
            if !is_ident_char(rest[..found].chars().next_back()) && !is_ident_char(rest[found + name.len()..].chars().next()) {
                facts.imports.push(vec!["self".into(), name.clone()]);
                break;
            }
            from = found + name.len();
        }
    }
    facts
}

/// The import graph of one crate's modules.
struct ModuleGraph {
    files: BTreeMap<ModulePath, (String, FileFacts)>,
}

impl ModuleGraph {
    /// From `(path under src/, text)` of every source file.
    fn new(sources: &[(String, String)]) -> ModuleGraph {
        let files = sources
            .iter()
            .map(|(relative, text)| (module_of(relative), (relative.clone(), file_facts(&without_test_items(&code_only(text))))))
            .collect();
        ModuleGraph { files }
    }

    /// `path` as written in module `from`, made absolute (no leading `crate`);
    /// `None` for another crate's path.
    fn absolute(&self, from: &ModulePath, path: &[String], depth: usize) -> Option<ModulePath> {
        let (first, rest) = path.split_first()?;
        let facts = &self.files.get(from)?.1;
        let mut base: ModulePath = match first.as_str() {
            "crate" => Vec::new(),
            "self" => from.clone(),
            "super" => {
                let mut base = from.clone();
                base.pop();
                let mut rest = rest;
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                return Some(base);
            }
            child if facts.children.contains(child) => [from.clone(), vec![child.to_string()]].concat(),
            bound if depth < 8 && facts.bindings.contains_key(bound) => {
                let (target, _) = &facts.bindings[bound];
                let mut base = self.absolute(from, target, depth + 1)?;
                base.extend(rest.iter().cloned());
                return Some(base);
            }
            _ => return None,
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The module that defines what the absolute `path` names, through re-exports.
    fn defining_module(&self, path: &[String], depth: usize) -> Option<ModulePath> {
        let module_len = (0..=path.len()).rev().find(|n| self.files.contains_key(&path[..*n]))?;
        let module = path[..module_len].to_vec();
        let Some(name) = path.get(module_len) else { return Some(module) };
        match self.files[&module].1.bindings.get(name) {
            Some((target, _)) if depth < 8 => {
                let mut target = self.absolute(&module, target, depth + 1)?;
                target.extend(path[module_len + 1..].iter().cloned());
                self.defining_module(&target, depth + 1).or(Some(module))
            }
            _ => Some(module),
        }
    }

    /// Every import of one module by another: (importer, imported, the path as written).
    fn edges(&self) -> Vec<(ModulePath, ModulePath, String)> {
        let mut edges = Vec::new();
        for (from, (_, facts)) in &self.files {
            for path in &facts.imports {
                let Some(target) = self.absolute(from, path, 0).and_then(|p| self.defining_module(&p, 0)) else { continue };
                if target != *from {
                    edges.push((from.clone(), target, path.join("::")));
                }
            }
        }
        edges
    }

    /// The first circle found among the modules of one folder (its own file
    /// and its children, each taken whole), at every folder, as lines naming
    /// each import of the circle.
    fn circles(&self) -> Vec<String> {
        let edges = self.edges();
        let mut found = Vec::new();
        let folders: BTreeSet<ModulePath> = self.files.keys().filter(|m| !m.is_empty()).map(|m| m[..m.len() - 1].to_vec()).collect();
        for folder in folders {
            let node = |m: &ModulePath| -> Option<String> {
                if !m.starts_with(&folder) {
                    return None;
                }
                Some(m.get(folder.len()).map_or_else(|| "(its mod.rs)".to_string(), |child| child.clone()))
            };
            let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
            for (from, to, written) in &edges {
                if let (Some(a), Some(b)) = (node(from), node(to))
                    && a != b
                {
                    let file = &self.files[from].0;
                    graph.entry(a).or_default().entry(b).or_insert_with(|| format!("{file} uses {written}"));
                }
            }
            for group in strongly_connected(&graph) {
                let within: BTreeMap<String, BTreeMap<String, String>> = group
                    .iter()
                    .map(|n| (n.clone(), graph.get(n).into_iter().flatten().filter(|(m, _)| group.contains(*m)).map(|(m, w)| (m.clone(), w.clone())).collect()))
                    .collect();
                let circle = find_circle(&within).unwrap_or_default();
                let name = if folder.is_empty() { "the crate root".to_string() } else { folder.join("::") };
                let steps: Vec<String> = circle.windows(2).map(|w| format!("  {} -> {}: {}", w[0], w[1], graph[&w[0]][&w[1]])).collect();
                let members: Vec<&str> = group.iter().map(String::as_str).collect();
                found.push(format!("in {name}, among {}: {}\n{}", members.join(", "), circle.join(" -> "), steps.join("\n")));
            }
        }
        found
    }
}

/// The groups of nodes of `graph` that reach each other (of two or more).
fn strongly_connected(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<BTreeSet<String>> {
    let reach = |start: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(node) = todo.pop() {
            for next in graph.get(&node).into_iter().flat_map(BTreeMap::keys) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> = graph.keys().map(|n| (n, reach(n))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for (node, from_node) in &reached {
        if groups.iter().any(|g| g.contains(*node)) || !from_node.contains(*node) {
            continue;
        }
        let group: BTreeSet<String> = from_node.iter().filter(|other| reached.get(other).is_some_and(|r| r.contains(*node))).cloned().collect();
        groups.push(group);
    }
    groups
}

/// A circle of `graph`, as its nodes with the first repeated at the end.
fn find_circle(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &BTreeMap<String, BTreeMap<String, String>>, stack: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut circle = stack[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(circle) = visit(next, graph, stack, done) {
                return Some(circle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

/// Every `.rs` file under a crate's `src/`, as (path under `src/`, text).
fn sources(crate_dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).expect("source dir").flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(base).expect("under src").to_string_lossy().replace('\\', "/");
                out.push((relative, std::fs::read_to_string(&path).expect("source")));
            }
        }
    }
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join(crate_dir).join("src");
    let mut out = Vec::new();
    walk(&base, &base, &mut out);
    out
}

fn assert_no_circles(crate_dir: &str) {
    let graph = ModuleGraph::new(&sources(crate_dir));
    assert!(graph.files.len() > 5, "{crate_dir}: too few modules found");
    let circles = graph.circles();
    assert!(circles.is_empty(), "{crate_dir}/src has import circles:\n{}", circles.join("\n"));
}

#[test]
fn the_indexer_modules_import_each_other_one_way() {
    assert_no_circles("indexer");
}

#[test]
fn the_query_modules_import_each_other_one_way() {
    assert_no_circles("query");
}

#[test]
fn the_circle_check_sees_circles_through_paths_reexports_and_parents() {
    let files = |list: &[(&str, &str)]| list.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect::<Vec<_>>();
    let circles = |list: &[(&str, &str)]| ModuleGraph::new(&files(list)).circles();
    // A qualified path in code, against a `use`.
    let stages = [("lib.rs", "mod a; mod b;"), ("a.rs", "use crate::b::X;"), ("b.rs", "pub struct X; fn f() { crate::a::g() }")];
    assert_eq!(circles(&stages).len(), 1, "{:?}", circles(&stages));
    // Through the root's re-export, with comments, strings and tests not read.
    let reexport = [
        ("lib.rs", "mod a; mod b; pub use b::X;"),
        ("a.rs", "// crate::b\nfn f() -> crate::X { \"crate::b::Y\" }"),
        ("b.rs", "pub struct X;\n#[cfg(test)]\nmod tests { use crate::a; }"),
    ];
    assert!(circles(&reexport).is_empty(), "{:?}", circles(&reexport));
    let back = [reexport[0], reexport[1], ("b.rs", "pub struct X; fn g() { super::a::f(); }")];
    assert_eq!(circles(&back).len(), 1, "{:?}", circles(&back));
    // A folder's mod.rs and its child: the child's `super::` against the parent's path.
    let folder = [
        ("lib.rs", "pub mod p;"),
        ("p/mod.rs", "mod go; pub use go::Fact; pub fn run() { go::scan(); }"),
        ("p/go.rs", "pub struct Fact; pub fn scan() {} fn f() -> super::Shared { todo!() }"),
    ];
    let found = circles(&folder);
    assert!(found.len() == 1 && found[0].starts_with("in p,"), "{found:?}");
    // Re-exports alone are not imports.
    let lean = [
        ("lib.rs", "pub mod p;"),
        ("p/mod.rs", "mod go; mod x; pub use go::{Fact, go}; pub struct Shared;"),
        ("p/go.rs", "use super::Fact as F; use super::x::Y; pub fn go() -> super::Shared { todo!() }"),
        ("p/x.rs", "pub struct Y;"),
    ];
    assert!(circles(&lean).is_empty(), "{:?}", circles(&lean));
}

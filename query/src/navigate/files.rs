//! How files see each other: a file's imports that can name another file
//! (`import_reaches`, per language), the same directory, or neither, and
//! the `Resolution` that says how strongly a use is tied to a definition.

use crate::loaded::LoadedIndex;
use ctx_indexer::Language;

/// How strongly a use in one file is tied to a definition in another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Resolution {
    SameFile,
    Import,
    SameDirectory,
    UniqueName,
    Ambiguous,
    /// An override in a derived type, reached by dynamic dispatch from its base.
    Override,
}

impl Resolution {
    /// The name `NavHit::resolution` gives it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Resolution::SameFile => "same-file",
            Resolution::Import => "import",
            Resolution::SameDirectory => "same-directory",
            Resolution::UniqueName => "unique-name",
            Resolution::Ambiguous => "ambiguous",
            Resolution::Override => "override",
        }
    }
}

/// How files see each other, remembered: one navigation asks about the
/// same few file pairs for many uses.
pub(crate) struct Links<'a> {
    pub(crate) index: &'a LoadedIndex,
    known: std::collections::HashMap<(u32, u32), Resolution>,
}

impl<'a> Links<'a> {
    pub(crate) fn new(index: &'a LoadedIndex) -> Self {
        Links { index, known: Default::default() }
    }

    /// How file `from` sees definitions in file `to`.
    pub(crate) fn link(&mut self, from: u32, to: u32) -> Resolution {
        *self.known.entry((from, to)).or_insert_with(|| link(self.index, from, to))
    }
}

/// How file `from` sees definitions in file `to`.
fn link(index: &LoadedIndex, from: u32, to: u32) -> Resolution {
    if from == to {
        return Resolution::SameFile;
    }
    let source = index.tables.file(from);
    let target = index.tables.file_path(to);
    if index.tables.imports(from).any(|i| import_reaches(source.language, source.path, i.target, target)) {
        return Resolution::Import;
    }
    if parent(source.path) == parent(target) {
        return Resolution::SameDirectory;
    }
    Resolution::Ambiguous
}

/// The directory of a `/`-separated path, `""` at the root.
pub(crate) fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(dir, _)| dir).unwrap_or("")
}

/// Whether an import written in `importer` can name a file at `target`.
/// Import paths are normalised into `/`-separated segments; the target
/// matches when its path (without extension) or its directory ends with
/// them, or with them less the last (an imported item rather than a module).
pub(crate) fn import_reaches(language: Language, importer: &str, import: &str, target: &str) -> bool {
    let mut spec = import.trim().trim_matches(|c| c == '"' || c == '\'' || c == '<' || c == '>').to_string();
    if let Some((_, rest)) = spec.split_once(" from ") {
        spec = rest.to_string();
    }
    let relative = spec.starts_with("./") || spec.starts_with("../") || (language == Language::Python && spec.starts_with('.'));
    let mut segments: Vec<String> = Vec::new();
    if relative {
        segments.extend(parent(importer).split('/').filter(|s| !s.is_empty()).map(str::to_string));
        if language == Language::Python {
            let dots = spec.chars().take_while(|c| *c == '.').count();
            for _ in 1..dots {
                segments.pop();
            }
            spec = spec.trim_start_matches('.').replace('.', "/");
        }
    } else {
        spec = spec.replace("::", "/");
        if matches!(language, Language::Python | Language::Java) {
            spec = spec.replace('.', "/");
        }
    }
    for part in spec.split('/') {
        match part {
            "" | "." | "crate" | "self" | "super" | "*" | "{" => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other.trim_matches(|c: char| c == '{' || c == '}' || c == ';').to_string()),
        }
    }
    if segments.is_empty() {
        return false;
    }
    let stem = target.rsplit_once('.').map(|(s, _)| s).unwrap_or(target);
    let stem = stem.strip_suffix("/__init__").or_else(|| stem.strip_suffix("/index")).or_else(|| stem.strip_suffix("/mod")).unwrap_or(stem);
    let dir = parent(target);
    let ends_with = |path: &str, segs: &[String]| {
        let joined = segs.join("/");
        !joined.is_empty() && (path == joined || path.ends_with(&format!("/{joined}")))
    };
    // C and C++ includes name the file itself, extension included.
    if matches!(language, Language::C | Language::Cpp) {
        return ends_with(target, &segments);
    }
    // A Go import names a package directory under a module path the index
    // does not know: the directory and the import must agree from the end
    // until one of them runs out.
    if language == Language::Go {
        let dir_parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        return !dir_parts.is_empty()
            && dir_parts.iter().rev().zip(segments.iter().rev()).all(|(a, b)| a == b);
    }
    ends_with(stem, &segments)
        || ends_with(dir, &segments)
        || (segments.len() > 1 && ends_with(stem, &segments[..segments.len() - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_reach_their_files() {
        assert!(import_reaches(Language::Python, "shop/cart.py", ".pricing", "shop/pricing.py"));
        assert!(import_reaches(Language::Python, "a/b/c.py", "a.b.util", "a/b/util.py"));
        assert!(import_reaches(Language::Python, "x.py", "a.b", "a/b/__init__.py"));
        assert!(import_reaches(Language::Python, "a/b/c.py", "..core", "a/core.py"));
        assert!(import_reaches(Language::TypeScript, "src/ui/view.ts", "../store", "src/store.ts"));
        assert!(import_reaches(Language::JavaScript, "src/a.js", "./lib", "src/lib/index.js"));
        assert!(import_reaches(Language::Go, "shop/cart.go", "example.com/shop/pricing", "pricing/pricing.go"));
        assert!(import_reaches(Language::Rust, "src/lib.rs", "crate::store::Store", "src/store.rs"));
        assert!(import_reaches(Language::Java, "com/x/A.java", "com.example.shop.Pricing", "src/main/java/com/example/shop/Pricing.java"));
        assert!(import_reaches(Language::C, "src/cart.c", "cart.h", "src/cart.h"));
        assert!(!import_reaches(Language::C, "src/cart.c", "cart.h", "src/pricing.h"));
        assert!(!import_reaches(Language::Python, "shop/cart.py", ".pricing", "other/cart.py"));
    }
}

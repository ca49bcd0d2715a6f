//! Packages and namespaces, for the languages whose files declare them
//! (Kotlin's and Scala's `package a.b`, C#'s `namespace A.B`): which
//! package a file declares, whether another file sees it (an import of it
//! or of its members, or the same package), and how the imports of C#,
//! Kotlin, Scala and Dart name files by their paths.

use crate::loaded::LoadedIndex;
use ctx_indexer::{Language, SymbolKind};

/// The directory of a `/`-separated path, `""` at the root.
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(dir, _)| dir).unwrap_or("")
}

/// The package (Kotlin, Scala) or namespaces (C#) a file declares, as
/// segments, each with the line it starts on: its module symbols outside
/// any definition (see the tag queries). Scala's chained clauses
/// (`package shop` then `package billing`) make one package, `shop.billing`.
pub(crate) fn declared_packages(index: &LoadedIndex, file: u32) -> Vec<(u32, Vec<&str>)> {
    fn segments(name: &str) -> Vec<&str> {
        name.split('.').filter(|s| !s.is_empty()).collect()
    }
    let record = index.tables.file(file);
    if !matches!(record.language, Language::CSharp | Language::Kotlin | Language::Scala) {
        return Vec::new();
    }
    let (start, end) = record.symbols;
    let symbols = (start..end).map(|s| index.tables.symbol(s));
    if record.language == Language::CSharp {
        return symbols.filter(|s| s.kind == SymbolKind::Module && s.parent.is_none()).map(|s| (s.start_line, segments(s.name))).collect();
    }
    // A package clause comes before everything else in the file.
    let mut leading = symbols.take_while(|s| s.kind == SymbolKind::Module);
    let Some(first) = leading.next() else { return Vec::new() };
    let mut package = segments(first.name);
    if record.language == Language::Scala {
        package.extend(leading.filter(|s| s.parent.is_none()).flat_map(|s| segments(s.name)));
    }
    vec![(first.start_line, package)]
}

/// Whether file `from` sees what file `to` declares in its package or
/// namespace: by importing the package (`import a.b.*`, `using A.B;`) or
/// one of its members (`import a.b.C`, `using static A.B.C;`), or by
/// declaring the same package (C#: or a namespace inside it).
pub(crate) fn sees_package(index: &LoadedIndex, language: Language, from: u32, to: u32) -> bool {
    if !matches!(language, Language::CSharp | Language::Kotlin | Language::Scala) {
        return false;
    }
    let joined = |file: u32| -> Vec<String> { declared_packages(index, file).into_iter().map(|(_, p)| p.join(".")).collect() };
    let theirs = joined(to);
    if theirs.is_empty() {
        return false;
    }
    let inside = |own: &str, package: &str| {
        own == package || (language == Language::CSharp && own.strip_prefix(package).is_some_and(|rest| rest.starts_with('.')))
    };
    if joined(from).iter().any(|own| theirs.iter().any(|package| inside(own, package))) {
        return true;
    }
    index.tables.imports(from).any(|i| {
        let path = import_path(language, i.target);
        theirs.iter().any(|package| imports_from_package(language, &path, package))
    })
}

/// The dotted path an import names: `A.B` of `using global::A.B;`,
/// `shop.models` of Scala's `import shop.models.{Invoice, Cart => Basket}`
/// (its selectors are names of that package) and of `import shop.models._`.
fn import_path(language: Language, import: &str) -> String {
    let import = import.trim();
    if language != Language::Scala {
        return import.strip_prefix("global::").unwrap_or(import).to_string();
    }
    let path = import.strip_prefix("import").unwrap_or(import).trim();
    let path = path.split(['{', ' ', ',']).next().unwrap_or(path);
    let path = path.strip_suffix("._").or_else(|| path.strip_suffix(".*")).unwrap_or(path);
    path.trim_end_matches('.').to_string()
}

/// Whether an import of `path` names `package` or one of its members:
/// the package itself (a wildcard, a C# namespace), a member of it
/// (`a.b.C`, `a.b.topLevel`), or a type nested in a member (`a.b.C.D`:
/// packages are lower case in Kotlin and Scala, types capitalised).
fn imports_from_package(language: Language, path: &str, package: &str) -> bool {
    let Some(rest) = path.strip_prefix(package) else { return false };
    let Some(member) = rest.strip_prefix('.') else { return rest.is_empty() };
    !member.contains('.') || (language != Language::CSharp && member.starts_with(|c: char| c.is_uppercase()))
}

/// How an import reaches a file by its path in the languages whose
/// imports need more than the common rule: `None` for the others.
///
/// - C#: a namespace (`using Shop.Models;`) or a type in one (`using static
///   Shop.Billing.Pricing;`) names the files of a folder whose path ends
///   with the namespace, folder names split at dots too
///   (`Src/Newtonsoft.Json/Linq/` holds `Newtonsoft.Json.Linq`), the two
///   agreeing from their ends until one runs out, as for Go.
/// - Kotlin: the common rule, and a top-level function imported from its
///   package's folder (`import a.b.helper` reaches `a/b/Helpers.kt`).
/// - Scala: the path of the import's text (see [`import_path`]), read as
///   Kotlin's; selectors name members of that package.
/// - Dart: `package:shop/models/invoice.dart` names `lib/models/invoice.dart`
///   of package `shop`; any other URI but `dart:` is relative to the
///   importing file's folder; a prefix's module lacks `.dart`.
pub(crate) fn package_path_reaches(language: Language, importer: &str, import: &str, target: &str) -> Option<bool> {
    let dir = parent(target);
    let stem = target.rsplit_once('.').map_or(target, |(s, _)| s);
    let agrees_from_end = |folder: &[&str], path: &[&str]| {
        !folder.is_empty() && !path.is_empty() && folder.iter().rev().zip(path.iter().rev()).all(|(a, b)| a == b)
    };
    let ends_with = |path: &str, tail: &str| !tail.is_empty() && (path == tail || path.ends_with(&format!("/{tail}")));
    match language {
        Language::CSharp => {
            let path = import_path(language, import);
            let segments: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
            let folder: Vec<&str> = dir.split(['/', '.']).filter(|s| !s.is_empty()).collect();
            let parent_path = &segments[..segments.len().saturating_sub(1)];
            Some(agrees_from_end(&folder, &segments) || agrees_from_end(&folder, parent_path))
        }
        Language::Kotlin | Language::Scala => {
            let path = import_path(language, import).replace('.', "/");
            let package = path.rsplit_once('/').map_or("", |(package, _)| package);
            Some(ends_with(stem, &path) || ends_with(dir, &path) || ends_with(stem, package) || ends_with(dir, package))
        }
        Language::Dart => {
            let uri = import.trim();
            if uri.starts_with("dart:") {
                return Some(false);
            }
            let uri = if uri.ends_with(".dart") { uri.to_string() } else { format!("{uri}.dart") };
            if let Some(rest) = uri.strip_prefix("package:") {
                // `package:shop/models/invoice.dart`: `lib/models/invoice.dart` of the package `shop`.
                let within = rest.split_once('/').map_or("", |(_, within)| within);
                return Some(ends_with(target, &format!("lib/{within}")) || ends_with(target, within));
            }
            let mut segments: Vec<&str> = parent(importer).split('/').filter(|s| !s.is_empty()).collect();
            for part in uri.split('/') {
                match part {
                    "" | "." => {}
                    ".." => {
                        segments.pop();
                    }
                    other => segments.push(other),
                }
            }
            Some(segments.join("/") == target)
        }
        _ => None,
    }
}

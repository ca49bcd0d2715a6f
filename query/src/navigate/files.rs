//! How files see each other: a file's imports that can name another file
//! (`import_reaches`, per language), the same directory, or neither, and
//! the `Resolution` that says how strongly a use is tied to a definition.

use crate::loaded::LoadedIndex;
use super::packages::{package_path_reaches, sees_package};
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
    /// The names each type's declaration uses (its bases as written), by type.
    declared: std::collections::HashMap<u32, Vec<u32>>,
}

impl<'a> Links<'a> {
    pub(crate) fn new(index: &'a LoadedIndex) -> Self {
        Links { index, known: Default::default(), declared: Default::default() }
    }

    /// The names of the uses that type `ty`'s own declaration holds, sorted:
    /// a scan of its file's uses, once per navigation (`refs Int` on the
    /// Scala tree asked it for each of 20,000 uses, over a file of thousands).
    pub(crate) fn declared_names(&mut self, ty: u32) -> &[u32] {
        let tables = &self.index.tables;
        self.declared.entry(ty).or_insert_with(|| {
            let file = tables.file(tables.symbol_file(ty));
            let mut names: Vec<u32> =
                (file.references.0..file.references.1).map(|r| tables.reference(r)).filter(|r| r.enclosing == Some(ty)).map(|r| r.name).collect();
            names.sort_unstable();
            names.dedup();
            names
        })
    }

    /// How file `from` sees definitions in file `to`.
    pub(crate) fn link(&mut self, from: u32, to: u32) -> Resolution {
        *self.known.entry((from, to)).or_insert_with(|| link(self.index, from, to))
    }

    /// How many pairs of files have been judged: each is a scan of the
    /// first one's imports, the costly part of resolving a use.
    pub(crate) fn judged(&self) -> usize {
        self.known.len()
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
    if sees_package(index, source.language, from, to) {
        return Resolution::Import;
    }
    if parent(source.path) == parent(target) || same_swift_module(source.language, source.path, target) {
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
    match language {
        Language::Php => return php_reaches(importer, import, target),
        Language::Elixir => return elixir_reaches(import, target),
        Language::Swift => return swift_module(target).is_some_and(|module| import.split('.').next() == Some(module)),
        Language::Bash => return sourced_file_reaches(importer, import, target),
        _ => {}
    }
    let mut spec = import.trim().trim_matches(|c| c == '"' || c == '\'' || c == '<' || c == '>').to_string();
    if let Some((_, rest)) = spec.split_once(" from ") {
        spec = rest.to_string();
    }
    if language == Language::Ruby {
        spec = spec.strip_suffix(".rb").unwrap_or(&spec).to_string();
    }
    // A Zig file is imported relative to the importing one (`@import("cart.zig")`).
    if language == Language::Zig && let Some(file) = spec.strip_suffix(".zig") {
        spec = if file.starts_with('.') { file.to_string() } else { format!("./{file}") };
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
        if matches!(language, Language::Python | Language::Java | Language::Lua | Language::Haskell) {
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
    if let Some(reaches) = package_path_reaches(language, importer, import, target) {
        return reaches;
    }
    // C and C++ includes name the file itself, extension included.
    if matches!(language, Language::C | Language::Cpp) {
        return ends_with(target, &segments);
    }
    // Ruby's `require "a/b"` names the file `a/b.rb` under the load path, or
    // beside this one (`require_relative`, which ctx does not tell apart).
    if language == Language::Ruby {
        return ends_with(stem, &segments);
    }
    // Lua's `require("a.b")` names `a/b.lua` or `a/b/init.lua` under a root of
    // its search path, Haskell's `import A.B` names `A/B.hs` under a source
    // root, Zig's `@import("x.zig")` a file beside this one and `@import("std")`
    // a package's root file: a module, never an item of one, nor a folder.
    if matches!(language, Language::Lua | Language::Haskell | Language::Zig) {
        let stem = if language == Language::Lua { stem.strip_suffix("/init").unwrap_or(stem) } else { stem };
        return ends_with(stem, &segments);
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

/// Whether Bash's `source` (or `.`) of `import` can name `target`: the path
/// after any leading expansion (`$(dirname "$0")/lib/x.sh`, `"$DIR"/x.sh`,
/// `${BASH_SOURCE%/*}/x.sh`), from this file's directory or from the
/// repository's (scripts are run from its root) when it starts with `./`
/// or `../`, else from the end (the directory of a variable, the search path).
fn sourced_file_reaches(importer: &str, import: &str, target: &str) -> bool {
    let spec = import.trim().trim_matches(|c| c == '"' || c == '\'');
    let parts: Vec<&str> = spec.split('/').collect();
    // After the last part that holds an expansion or its quotes.
    let from = parts.iter().rposition(|p| p.contains(['$', '}', ')', '"', '\''])).map_or(0, |at| at + 1);
    let parts = &parts[from..];
    let resolve = |base: &str| {
        let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
        for part in parts {
            match *part {
                "" | "." => {}
                ".." => {
                    segments.pop();
                }
                other => segments.push(other),
            }
        }
        segments.join("/")
    };
    let path = resolve("");
    if path.is_empty() {
        return false;
    }
    if from == 0 && (spec.starts_with("./") || spec.starts_with("../")) {
        return target == resolve(parent(importer)) || target == path;
    }
    target == path || target.ends_with(&format!("/{path}"))
}

/// The members of a group import: `use A\{B, C as D};` (PHP) is `A\B` and
/// `A\C`, `alias A.{B, C}` (Elixir) is `A.B` and `A.C`; `None` for one path.
fn group_members(import: &str, separator: char) -> Option<Vec<String>> {
    let (prefix, rest) = import.split_once('{')?;
    let prefix = prefix.trim().trim_end_matches(separator);
    let members = rest.split('}').next().unwrap_or_default();
    let members = members.split(',').map(|m| m.split(" as ").next().unwrap_or(m).trim()).filter(|m| !m.is_empty());
    Some(members.map(|m| format!("{prefix}{separator}{m}")).collect())
}

/// Whether a PHP `use` or `require` can name `target`. A namespace path
/// names a class file by PSR-4: `App\Support\Money` is `.../App/Support/Money.php`,
/// or below a source root holding the namespace's tail (`app/Support/Money.php`,
/// `src/Money.php` for a prefix `App\Support\` mapped to `src/`), where a
/// source root is a directory not named like a namespace (`src`, `app`, `lib`).
/// A required file (`__DIR__ . '/x.php'`, `'config.php'`) names a path from this file's directory.
fn php_reaches(importer: &str, import: &str, target: &str) -> bool {
    let import = import.trim().trim_start_matches("use ").trim_end_matches(';').trim();
    let import = import.trim_start_matches("function ").trim_start_matches("const ").trim();
    if let Some(members) = group_members(import, '\\') {
        return members.iter().any(|m| php_reaches(importer, m, target));
    }
    if import.ends_with(".php") {
        let mut segments: Vec<&str> = parent(importer).split('/').filter(|s| !s.is_empty()).collect();
        for part in import.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    segments.pop();
                }
                other => segments.push(other),
            }
        }
        let path = segments.join("/");
        return target == path || target.ends_with(&format!("/{}", import.trim_start_matches(['.', '/'])));
    }
    let Some(stem) = target.strip_suffix(".php") else { return false };
    let names: Vec<&str> = import.split('\\').filter(|s| !s.is_empty()).collect();
    let path: Vec<&str> = stem.split('/').collect();
    (0..names.len()).any(|skip| {
        let tail = &names[skip..];
        let Some(above) = path.len().checked_sub(tail.len()) else { return false };
        path[above..] == *tail && (above == 0 || path[above - 1].starts_with(|c: char| !c.is_ascii_uppercase()))
    })
}

/// Whether an Elixir `alias`, `import`, `require` or `use` of a module can
/// name `target`: `Shop.Billing.Money` lives in `.../shop/billing/money.ex` by convention.
fn elixir_reaches(import: &str, target: &str) -> bool {
    if let Some(members) = group_members(import, '.') {
        return members.iter().any(|m| elixir_reaches(m, target));
    }
    let Some(stem) = target.strip_suffix(".ex").or_else(|| target.strip_suffix(".exs")) else { return false };
    let path: Vec<String> = import.trim().split('.').map(snake_case).collect();
    let stem: Vec<&str> = stem.split('/').collect();
    !path.is_empty() && stem.len() >= path.len() && stem[stem.len() - path.len()..].iter().zip(&path).all(|(a, b)| a == b)
}

/// `Macro.underscore` of one module segment: `HTTPClient` is `http_client`.
fn snake_case(segment: &str) -> String {
    let chars: Vec<char> = segment.chars().collect();
    let mut out = String::with_capacity(segment.len() + 4);
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let after_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let before_lower = i > 0 && chars[i - 1].is_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if after_lower || before_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// The Swift module a file belongs to: the folder under `Sources/` or
/// `Tests/` (SwiftPM), else its first folder (an Xcode target).
pub(crate) fn swift_module(path: &str) -> Option<&str> {
    let folders: Vec<&str> = path.split('/').collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    let under = folders.iter().position(|f| matches!(*f, "Sources" | "Tests")).and_then(|at| folders.get(at + 1));
    under.or(folders.first()).copied()
}

/// Whether two Swift files belong to one module, whose files see each other's declarations.
pub(crate) fn same_swift_module(language: Language, from: &str, to: &str) -> bool {
    language == Language::Swift && to.ends_with(".swift") && swift_module(from).is_some_and(|m| swift_module(to) == Some(m))
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
        assert!(import_reaches(Language::Ruby, "lib/shop/cart.rb", "shop/money", "lib/shop/money.rb"));
        assert!(import_reaches(Language::Ruby, "lib/shop/report/aging.rb", "../money", "lib/shop/money.rb"));
        assert!(!import_reaches(Language::Ruby, "lib/shop/cart.rb", "shop/money", "lib/shop.rb"));
        assert!(import_reaches(Language::Php, "src/Billing/Invoice.php", "App\\Support\\Money", "src/Support/Money.php"));
        assert!(import_reaches(Language::Php, "a.php", "Illuminate\\Support\\Collection", "src/Illuminate/Support/Collection.php"));
        assert!(!import_reaches(Language::Php, "a.php", "Illuminate\\Support\\Collection", "src/Illuminate/Database/Eloquent/Collection.php"));
        assert!(import_reaches(Language::Php, "a.php", "use App\\Support\\{Clock, Timer as T};", "src/Support/Timer.php"));
        assert!(import_reaches(Language::Php, "src/a.php", "/helpers.php", "src/helpers.php"));
        assert!(import_reaches(Language::Elixir, "lib/shop/cart.ex", "Shop.Billing.{Money, Tax}", "lib/shop/billing/tax.ex"));
        assert!(import_reaches(Language::Elixir, "lib/shop/cart.ex", "MyApp.HTTPClient", "lib/my_app/http_client.ex"));
        assert!(!import_reaches(Language::Elixir, "lib/shop/cart.ex", "Shop.Billing.Money", "lib/shop/shipping/money.ex"));
        assert!(import_reaches(Language::Swift, "Sources/App/main.swift", "Shop", "Sources/Shop/Cart.swift"));
        assert!(import_reaches(Language::Swift, "App/main.swift", "Shop.Money", "Shop/Models/Money.swift"));
        assert!(!import_reaches(Language::Swift, "Sources/App/main.swift", "Shop", "Sources/Billing/Shop.swift"));
        assert!(import_reaches(Language::CSharp, "src/App.cs", "Shop.Models", "src/Shop/Models/Invoice.cs"));
        assert!(import_reaches(Language::CSharp, "src/App.cs", "Newtonsoft.Json.Linq", "Src/Newtonsoft.Json/Linq/JObject.cs"));
        assert!(import_reaches(Language::CSharp, "src/App.cs", "Shop.Billing.Pricing", "Billing/Pricing.cs"));
        assert!(!import_reaches(Language::CSharp, "src/App.cs", "Shop.Models", "src/Shop/Billing/Pricing.cs"));
        assert!(import_reaches(Language::Kotlin, "a/App.kt", "com.shop.billing.Ledger", "src/main/kotlin/com/shop/billing/Ledger.kt"));
        assert!(import_reaches(Language::Kotlin, "a/App.kt", "com.shop.billing.post", "src/com/shop/billing/Helpers.kt"));
        assert!(!import_reaches(Language::Kotlin, "a/App.kt", "com.shop.billing.Ledger", "src/com/shop/shipping/Ledger.kt"));
        assert!(import_reaches(Language::Scala, "a/App.scala", "import shop.models.{Invoice, Cart => Basket}", "src/shop/models/Cart.scala"));
        assert!(import_reaches(Language::Scala, "a/App.scala", "import shop.tax._", "shop/tax/Tax.scala"));
        assert!(import_reaches(Language::Dart, "lib/app.dart", "package:shop/models/invoice.dart", "lib/models/invoice.dart"));
        assert!(import_reaches(Language::Dart, "lib/billing/checkout.dart", "../tax.dart", "lib/tax.dart"));
        assert!(import_reaches(Language::Dart, "lib/billing/checkout.dart", "ledger.dart", "lib/billing/ledger.dart"));
        assert!(import_reaches(Language::Dart, "lib/a.dart", "package:shop/tax", "lib/tax.dart"));
        assert!(!import_reaches(Language::Dart, "lib/billing/checkout.dart", "ledger.dart", "lib/ledger.dart"));
        assert!(!import_reaches(Language::Dart, "lib/a.dart", "dart:math", "lib/math.dart"));
        assert!(import_reaches(Language::Lua, "lua/shop/cart.lua", "shop.pricing", "lua/shop/pricing.lua"));
        assert!(import_reaches(Language::Lua, "src/app.lua", "shop", "src/shop/init.lua"));
        assert!(!import_reaches(Language::Lua, "src/app.lua", "shop.pricing", "src/shop.lua"));
        assert!(import_reaches(Language::Bash, "bin/deploy.sh", "./lib/log.sh", "bin/lib/log.sh"));
        assert!(import_reaches(Language::Bash, "bin/deploy.sh", "./lib/log.sh", "lib/log.sh"));
        assert!(import_reaches(Language::Bash, "bin/deploy.sh", "$(dirname \"$0\")/lib/util.sh", "bin/lib/util.sh"));
        assert!(import_reaches(Language::Bash, "bin/deploy.sh", "${BASH_SOURCE%/*}/util.sh", "bin/util.sh"));
        assert!(!import_reaches(Language::Bash, "bin/deploy.sh", "./lib/log.sh", "other/lib/log.sh"));
        assert!(import_reaches(Language::Haskell, "src/Shop/Cart.hs", "Shop.Pricing", "src/Shop/Pricing.hs"));
        assert!(!import_reaches(Language::Haskell, "src/Shop/Cart.hs", "Shop.Pricing", "src/Shop.hs"));
        assert!(import_reaches(Language::Zig, "src/cart.zig", "pricing.zig", "src/pricing.zig"));
        assert!(import_reaches(Language::Zig, "src/shop/cart.zig", "../core/money.zig", "src/core/money.zig"));
        assert!(import_reaches(Language::Zig, "src/cart.zig", "./pricing", "src/pricing.zig"));
        assert!(!import_reaches(Language::Zig, "src/cart.zig", "pricing.zig", "lib/pricing.zig"));
        assert!(import_reaches(Language::Zig, "src/cart.zig", "std", "lib/std/std.zig"));
    }

    #[test]
    fn a_types_declared_names_are_its_own_uses_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("Shapes.java"), "class Base {}\nclass Derived extends Base {\n  void draw() { Helper h = new Helper(); }\n}\n").expect("write");
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("index");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        let derived = index.symbols_named("Derived")[0];
        let mut links = Links::new(&index);
        let names: Vec<&str> = links.declared_names(derived).to_vec().into_iter().map(|n| index.tables.name(n)).collect();
        assert!(names.contains(&"Base") && !names.contains(&"Helper"), "{names:?}");
        // Remembered: the second ask scans nothing.
        assert_eq!(links.declared.len(), 1);
        assert_eq!(links.declared_names(derived).len(), names.len());
    }
}

//! Resolution: which definitions a use kept in the tables can mean. The
//! syntax of the use decides first (`syntax_rank`), then how its file sees
//! each definition's file: the same file, then files it imports, then the
//! same directory, then a name defined only once in the repository.

use super::files::{Links, Resolution, import_reaches, parent, same_swift_module};
use super::packages::declared_packages;
use crate::loaded::LoadedIndex;
use ctx_indexer::{Language, Receiver, ReferenceRecord, SymbolKind};

/// The name id a use means: the original name when its file imports the
/// name under an alias (`from m import a as b`: a use of `b` means `a`).
pub(crate) fn meaning(index: &LoadedIndex, reference: &ReferenceRecord) -> u32 {
    unalias(index, reference.file, reference.name)
}

fn unalias(index: &LoadedIndex, file: u32, name: u32) -> u32 {
    let Some((_, original, module)) = index.tables.aliases(file).find(|(local, _, _)| *local == name) else { return name };
    exported(index, file, module, original).unwrap_or(original)
}

/// The definition a JavaScript or TypeScript module that `file` imports as
/// `module` exports under the name `name` (`export default f`,
/// `module.exports = f`, `export { f as name }`), if any.
fn exported(index: &LoadedIndex, file: u32, module: &str, name: u32) -> Option<u32> {
    let source = index.tables.file(file);
    if module.is_empty() || !matches!(source.language, Language::JavaScript | Language::TypeScript | Language::Tsx) {
        return None;
    }
    index
        .tables
        .exports()
        .find(|&(exporter, local, _)| local == name && import_reaches(source.language, source.path, module, index.tables.file_path(exporter)))
        .map(|(_, _, original)| original)
}

/// The module an aliased name was imported from, if `name` is an alias in `file`.
fn alias_module(index: &LoadedIndex, file: u32, name: u32) -> Option<&str> {
    index.tables.aliases(file).find(|(local, _, _)| *local == name).map(|(_, _, module)| module)
}

/// Whether the import of `module` in `file` (importing `item` from it, when
/// not empty and not already the module's last segment) can name `target`.
fn module_reaches(index: &LoadedIndex, file: u32, module: &str, item: &str, target: u32) -> bool {
    let source = index.tables.file(file);
    let target = index.tables.file_path(target);
    let last = module.rsplit(['.', '/', ':']).next().unwrap_or(module);
    // A default import names the module's own export.
    if item.is_empty() || item == last || item == "default" {
        return import_reaches(source.language, source.path, module, target);
    }
    let separator = if module.contains('/') { "/" } else if module.contains("::") { "::" } else { "." };
    import_reaches(source.language, source.path, &format!("{module}{separator}{item}"), target)
}

/// The definitions whose name is exactly `name`.
pub(crate) fn definitions_named(index: &LoadedIndex, name: &str) -> Vec<u32> {
    let Some(id) = index.tables.name_id(name) else { return Vec::new() };
    index.symbols_named(name).iter().copied().filter(|&s| index.tables.symbol_name_id(s) == id).collect()
}

/// How `reference` reaches `definition`, one of the `candidates` its name
/// could mean; `None` when the use cannot mean it or another candidate is
/// clearly closer. The syntax of the use decides first (see [`syntax_rank`]),
/// then how its file sees the definition's file.
pub(crate) fn resolution(links: &mut Links<'_>, reference: &ReferenceRecord, definition: u32, candidates: &[u32]) -> Option<Resolution> {
    Candidates::rank(links, reference, candidates).resolution(links, reference, definition)
}

/// The candidates a use's name can mean, ranked once for that use: a
/// use's answer for each of them then costs a lookup, not another ranking
/// of all of them (which made `refs` of a name defined hundreds of times
/// quadratic in the definitions, for every use).
pub(crate) struct Candidates {
    /// The candidates that the use's syntax allows, with their syntax ranks, by candidate.
    ranks: Vec<(u32, u8)>,
    /// The best syntax rank.
    best_syntax: Option<u8>,
    /// How many candidates have the best syntax rank.
    best_count: usize,
    /// The best file link among the candidates of the best syntax rank.
    best_link: Option<Resolution>,
}

impl Candidates {
    /// Ranks `candidates` for `reference`.
    pub(crate) fn rank(links: &mut Links<'_>, reference: &ReferenceRecord, candidates: &[u32]) -> Candidates {
        let index = links.index;
        let mut ranks: Vec<(u32, u8)> =
            candidates.iter().filter_map(|&c| syntax_rank(links, reference, c).map(|r| (c, r))).collect();
        // By candidate, so that each definition's rank is a binary search away.
        ranks.sort_unstable();
        let best_syntax = ranks.iter().map(|r| r.1).min();
        let kept = ranks.iter().filter(|r| Some(r.1) == best_syntax);
        let best_count = kept.clone().count();
        let best_link = kept.map(|&(c, _)| links.link(reference.file, index.tables.symbol_file(c))).min();
        Candidates { ranks, best_syntax, best_count, best_link }
    }

    /// How the use reaches `definition`, one of the candidates ranked.
    pub(crate) fn resolution(&self, links: &mut Links<'_>, reference: &ReferenceRecord, definition: u32) -> Option<Resolution> {
        let index = links.index;
        if dispatches_to(links, reference, definition) {
            return Some(Resolution::Override);
        }
        let at = self.ranks.binary_search_by_key(&definition, |r| r.0).ok()?;
        let mine = self.ranks[at].1;
        let best_syntax = self.best_syntax?;
        if mine > best_syntax {
            return None;
        }
        let mine = links.link(reference.file, index.tables.symbol_file(definition));
        // A method called on a value of unknown type: only where the file can see the type's file.
        if best_syntax == UNKNOWN_RECEIVER && mine == Resolution::Ambiguous {
            return None;
        }
        if mine > self.best_link? {
            return None;
        }
        Some(match mine {
            Resolution::Ambiguous if self.best_count == 1 => Resolution::UniqueName,
            other => other,
        })
    }
}

/// Whether `self.f()` / `this.f()` in a base type's method reaches
/// `definition` by dynamic dispatch: it is an `f` of a type whose
/// declaration names the enclosing type (the template method pattern: the
/// base's loop calls each subclass's hook). The base cannot see its derived
/// types' files, so this bypasses the file links. Go has no virtual
/// dispatch: a method of an embedded struct calls its own.
fn dispatches_to(links: &mut Links<'_>, reference: &ReferenceRecord, definition: u32) -> bool {
    let index = links.index;
    let tables = &index.tables;
    if reference.receiver != Receiver::OwnType || tables.file(reference.file).language == Language::Go {
        return false;
    }
    let Some(own) = enclosing_type(index, reference.enclosing) else { return false };
    let Some(derived) = tables.symbol(definition).parent.filter(|&p| tables.symbol(p).kind.holds_methods()) else {
        return false;
    };
    tables.symbol_name(derived) != own && type_names(links, derived, own)
}

/// Whether a definition is a member of a type (a method or field).
fn is_member(index: &LoadedIndex, symbol: u32) -> bool {
    let record = index.tables.symbol(symbol);
    record.kind == SymbolKind::Method || record.parent.is_some_and(|p| index.tables.symbol(p).kind.holds_methods())
}

/// The name of the type a member belongs to (a Rust `impl` block is named
/// after its type, so all blocks of a type agree). A method defined outside
/// its type names it: a C++ `Shape::draw` by its scope, a Go method by its
/// receiver (`func (c *Cart) Total()`).
fn owner_name(index: &LoadedIndex, symbol: u32) -> Option<&str> {
    let record = index.tables.symbol(symbol);
    if let Some(parent) = record.parent {
        let holder = index.tables.symbol(parent);
        return holder.kind.holds_methods().then_some(holder.name);
    }
    if record.kind != SymbolKind::Method {
        return None;
    }
    if let Some((scope, _)) = record.qualified_name.rsplit_once("::").or_else(|| record.qualified_name.rsplit_once('.')) {
        return scope.rsplit(['.', ':']).next().filter(|s| !s.is_empty());
    }
    go_receiver_type(record.signature)
}

/// The type of a Go method's receiver, from its signature: `Cart` in
/// `func (c *Cart) Total() float64` and in `func (Cart[T]) Total()`.
fn go_receiver_type(signature: &str) -> Option<&str> {
    let receiver = signature.strip_prefix("func (")?.split(')').next()?;
    let ty = receiver.split_whitespace().last()?.trim_start_matches('*');
    let ty = ty.split('[').next().unwrap_or(ty);
    (!ty.is_empty() && ty.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(ty)
}

/// The module path of a file, as segments: its directory for languages
/// whose modules are directories (Go packages, Java packages, where the
/// class is already part of a qualified name), else its path without the
/// extension or a module's index file (`mod.rs`, `lib.rs`, `__init__.py`,
/// `index.ts`).
fn module_segments(language: Language, path: &str) -> Vec<&str> {
    let module = match language {
        Language::Go | Language::Java | Language::C | Language::Cpp | Language::CSharp | Language::Kotlin | Language::Scala => parent(path),
        // PHP's namespaces are folders (PSR-4); Ruby's and Elixir's qualified
        // names hold their modules; a Swift file's module is its target folder.
        Language::Php => parent(path),
        Language::Ruby | Language::Elixir => return Vec::new(),
        Language::Swift => return super::files::swift_module(path).into_iter().collect(),
        _ => {
            let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
            let index_files: &[&str] = match language {
                Language::Rust => &["/mod", "/lib", "/main"],
                Language::Python => &["/__init__"],
                Language::Lua => &["/init"],
                _ => &["/index"],
            };
            index_files.iter().find_map(|f| stem.strip_suffix(f)).unwrap_or(stem)
        }
    };
    module.split('/').filter(|s| !s.is_empty()).collect()
}

/// The full path of a definition: its file's module path, its containers
/// and its name (`src/shipping` + `tax::compute`; `billing` + `Ledger` +
/// `Compute` for a Go method, whose owner is its receiver's type).
fn definition_path(index: &LoadedIndex, symbol: u32) -> Vec<&str> {
    let record = index.tables.symbol(symbol);
    let file = index.tables.file(record.file);
    let mut segments = module_segments(file.language, file.path);
    // A declared package or namespace is the module, wherever the file lies:
    // the last one declared before the definition.
    let packages = declared_packages(index, record.file);
    if let Some((_, package)) = packages.iter().rev().find(|(line, _)| *line <= record.start_line).or(packages.first()) {
        segments = package.clone();
    }
    let containers: Vec<&str> = record.qualified_name.split("::").flat_map(|s| s.split('.')).filter(|s| !s.is_empty()).collect();
    if containers.len() <= 1 && let Some(owner) = owner_name(index, symbol) {
        segments.push(owner);
    }
    segments.extend(containers);
    segments
}

/// The segments of a path written in `file` (a qualifier path or an
/// import's module), with its first segment expanded when the file imports
/// it under an alias, and Rust's `self::` and `super::` resolved against
/// the file's own module. A leading `crate::` is dropped: the crate's root
/// folder is not known, so such a path is matched from its end.
fn written_path(index: &LoadedIndex, file: u32, path: &str) -> Vec<String> {
    let split = |p: &str| -> Vec<String> {
        p.split("::").flat_map(|s| s.split(['.', '/', '\\'])).filter(|s| !s.is_empty() && *s != "*").map(str::to_string).collect()
    };
    let mut segments = split(path);
    if let Some(first) = segments.first()
        && let Some(module) = index.tables.name_id(first).and_then(|id| alias_module(index, file, id))
    {
        let mut expanded = split(module);
        let item = tables_name_or(index, index.tables.name_id(first).map(|id| unalias(index, file, id)));
        // A module alias names the module itself; an item alias ends with the item it names.
        if expanded.last().map(String::as_str) != item && item != Some("default") {
            expanded.extend(item.map(str::to_string));
        }
        segments.splice(0..1, expanded);
    } else if let Some(path) = segments.first().and_then(|first| used_path(index, file, first)) {
        let expanded = split(&path);
        segments.splice(0..1, expanded);
    }
    let record = index.tables.file(file);
    if record.language == Language::Rust && matches!(segments.first().map(String::as_str), Some("self" | "super")) {
        let mut base: Vec<String> = module_segments(Language::Rust, record.path).into_iter().map(str::to_string).collect();
        while let Some(first) = segments.first().map(String::as_str) {
            match first {
                "self" => {}
                "super" => {
                    base.pop();
                }
                _ => break,
            }
            segments.remove(0);
        }
        base.extend(segments);
        return base;
    }
    if matches!(segments.first().map(String::as_str), Some("crate" | "$crate")) {
        segments.remove(0);
    }
    segments
}

/// The path an import gives a name without renaming it: `Tax` after
/// PHP's `use App\Shipping\Tax;` is `App\Shipping\Tax`, after Elixir's
/// `alias Shipping.Tax` (or `alias Shipping.{Tax, Duty}`) `Shipping.Tax`;
/// `None` in other languages, or where no import ends with the name.
fn used_path(index: &LoadedIndex, file: u32, name: &str) -> Option<String> {
    let separator = match index.tables.file(file).language {
        Language::Php => '\\',
        Language::Elixir => '.',
        _ => return None,
    };
    let renamed: Vec<&str> = index.tables.aliases(file).map(|(_, _, module)| module).collect();
    index.tables.imports(file).map(|i| i.target).filter(|t| !renamed.contains(t)).find_map(|target| {
        let target = target.trim().trim_start_matches("use ").trim_end_matches(';').trim();
        let Some((prefix, members)) = target.split_once('{') else {
            return (target.rsplit(separator).next() == Some(name)).then(|| target.to_string());
        };
        // A group: `A\{B, C as D}` gives `B` the path `A\B`; a renamed member is an alias.
        let members = members.split('}').next().unwrap_or_default().split(',').map(str::trim);
        members.filter(|m| !m.contains(" as ")).find(|m| m.rsplit(separator).next() == Some(name)).map(|m| format!("{prefix}{m}"))
    })
}

fn tables_name_or(index: &LoadedIndex, id: Option<u32>) -> Option<&str> {
    id.map(|id| index.tables.name(id))
}

/// Whether a written path (ending with the used name) spells the path of a
/// definition: the two agree from their ends until one runs out, over at
/// least the name and what qualifies it.
fn spells(written: &[String], definition: &[&str]) -> bool {
    written.len() >= 2
        && definition.len() >= 2
        && written.iter().rev().zip(definition.iter().rev()).all(|(w, d)| w == d)
}

/// Whether a definition named `name` is a type, so that a member used
/// through it may come from a base type it names.
fn is_type_name(index: &LoadedIndex, name: &str) -> bool {
    definitions_named(index, name).iter().any(|&s| {
        let kind = index.tables.symbol(s).kind;
        kind.holds_methods() || kind == SymbolKind::Type
    })
}

/// The type enclosing a use: the nearest enclosing definition that holds methods.
fn enclosing_type(index: &LoadedIndex, at: Option<u32>) -> Option<&str> {
    enclosing_type_id(index, at).map(|id| index.tables.symbol_name(id))
}

fn enclosing_type_id(index: &LoadedIndex, mut at: Option<u32>) -> Option<u32> {
    while let Some(id) = at {
        let record = index.tables.symbol(id);
        if record.kind.holds_methods() {
            return Some(id);
        }
        at = record.parent;
    }
    None
}

/// The module enclosing a use: the nearest enclosing definition that is a module.
fn enclosing_module(index: &LoadedIndex, mut at: Option<u32>) -> Option<u32> {
    while let Some(id) = at {
        let record = index.tables.symbol(id);
        if record.kind == SymbolKind::Module {
            return Some(id);
        }
        at = record.parent;
    }
    None
}

/// Whether a use inside the definition `at` sits in the scope that holds
/// the definition named `qualified` (`Shop::Money` is seen from inside `Shop::Cart::total`).
fn nests(index: &LoadedIndex, at: Option<u32>, qualified: &str) -> bool {
    let Some((scope, _)) = qualified.rsplit_once("::") else { return false };
    let Some(at) = at else { return false };
    let inside = index.tables.symbol(at).qualified_name;
    inside == scope || inside.strip_prefix(scope).is_some_and(|rest| rest.starts_with("::"))
}

/// Whether the declaration of type `ty` names `name` (its bases, as written).
fn type_names(links: &mut Links<'_>, ty: u32, name: &str) -> bool {
    let Some(name) = links.index.tables.name_id(name) else { return false };
    links.declared_names(ty).binary_search(&name).is_ok()
}

/// Syntax rank: the use spells the definition's path (`a::b::f`,
/// `com.x.T.f`, a local of type `T` in `x.f()`), or names it through an import alias.
const SPELLS_PATH: u8 = 0;
/// Syntax rank: the use names the definition's type or module.
const NAMES_OWNER: u8 = 1;
/// Syntax rank: the use fits the definition.
const FITS: u8 = 2;
/// Syntax rank: the use may mean the definition (an inherited member, a static import).
const POSSIBLE: u8 = 3;
/// Syntax rank: a member reached through a value of unknown type.
const UNKNOWN_RECEIVER: u8 = 4;

/// How well the syntax of a use fits a definition: `None` when it cannot
/// mean it, else one of the ranks above, lower is closer.
///
/// - A definition nested in a function is visible only inside that function.
/// - A bare name means a free function or type, never a method, except in
///   languages with an implicit `this` (Java, C++), where it means a member
///   of the enclosing type.
/// - `self.f()` / `this.f()` means a member, of the enclosing type first.
/// - `x.f()` / `X::f()` / `pkg.F()` means a member of type `X`, a function of
///   module or package `x`, or (the type of `x` being unknown) any member.
///   When the use writes a whole path (`a::b::f`, `com.x.T.f`) or `x` is a
///   local whose type is known, the definition that path spells wins; a
///   path that certainly names a type (`Vec::new`, a local of type `T`)
///   means only that type's members, or members it may inherit when the
///   type is defined in the repository.
fn syntax_rank(links: &mut Links<'_>, reference: &ReferenceRecord, definition: u32) -> Option<u8> {
    let index = links.index;
    let tables = &index.tables;
    let record = tables.symbol(definition);
    if let Some(parent) = record.parent {
        let holder = tables.symbol(parent);
        if matches!(holder.kind, SymbolKind::Function | SymbolKind::Method) {
            let mut at = reference.enclosing;
            let mut inside = false;
            while let Some(id) = at {
                if id == parent {
                    inside = true;
                    break;
                }
                at = tables.symbol(id).parent;
            }
            if !inside {
                return None;
            }
        }
    }
    let member = is_member(index, definition);
    let language = tables.file(reference.file).language;
    match reference.receiver {
        Receiver::Bare => {
            if !member {
                // An aliased name means what its import statement names.
                if let Some(module) = alias_module(index, reference.file, reference.name) {
                    let reaches = module_reaches(index, reference.file, module, "", record.file)
                        || spells(&written_path(index, reference.file, module), &definition_path(index, definition));
                    // A definition outside the module's file is not ruled out where modules re-export what
                    // they import (Zig's `pub const X = @import("x.zig").X;`, Haskell's export lists) or
                    // a module's path names another file (a Lua rockspec maps `luassert.util` to `src/util.lua`).
                    if reaches || !matches!(language, Language::Lua | Language::Zig | Language::Haskell) {
                        return reaches.then_some(SPELLS_PATH);
                    }
                }
                // PHP: a class name a `use` imports (`Tax` after `use App\Shipping\Tax;`) means that class only.
                if language == Language::Php && record.kind.holds_methods() && let Some(path) = used_path(index, reference.file, tables.name(reference.name)) {
                    return import_reaches(language, tables.file_path(reference.file), &path, tables.file_path(record.file)).then_some(SPELLS_PATH);
                }
                // Ruby: a constant named inside `module Shop` is `Shop::...` first (lexical scope);
                // Swift: a module's own declarations shadow those of the modules it imports.
                if (language == Language::Ruby && nests(index, reference.enclosing, record.qualified_name))
                    || same_swift_module(language, tables.file_path(reference.file), tables.file_path(record.file))
                {
                    return Some(NAMES_OWNER);
                }
                return Some(FITS);
            }
            // Haskell has no receivers: class methods (and so their instances') are called by bare name.
            if language == Language::Haskell {
                return Some(FITS);
            }
            let implicit_this = matches!(language, Language::Java | Language::Cpp | Language::CSharp | Language::Kotlin | Language::Scala | Language::Dart | Language::Ruby | Language::Swift);
            if !implicit_this {
                return None;
            }
            // A member of the enclosing type, else of a base type it names, else a static import.
            let own = enclosing_type_id(index, reference.enclosing);
            let owner = owner_name(index, definition);
            if own.is_some() && own.map(|t| tables.symbol_name(t)) == owner {
                return Some(FITS);
            }
            let from_base = own.zip(owner).is_some_and(|(t, o)| type_names(links, t, o));
            let imported = tables.imports(reference.file).any(|i| i.target.ends_with(record.name));
            (from_base || imported).then_some(POSSIBLE)
        }
        Receiver::OwnType => {
            if !member {
                // Elixir's `__MODULE__.f()`: a function of the enclosing module.
                let module = enclosing_module(index, reference.enclosing);
                return (language == Language::Elixir && module.is_some() && record.parent == module).then_some(FITS);
            }
            let own = enclosing_type(index, reference.enclosing);
            Some(if own.is_some() && own == owner_name(index, definition) { FITS } else { POSSIBLE })
        }
        Receiver::Qualified => {
            if let Some(module) = reference.qualifier.and_then(|q| alias_module(index, reference.file, q)) {
                let item = tables.name(unalias(index, reference.file, reference.qualifier.unwrap_or_default()));
                if !member {
                    let reaches = module_reaches(index, reference.file, module, item, record.file);
                    // As for a bare name: re-exports (Zig, Haskell), module paths naming another file (Lua).
                    if reaches || !matches!(language, Language::Lua | Language::Zig | Language::Haskell) {
                        return reaches.then_some(SPELLS_PATH);
                    }
                }
            }
            // Elixir: `Tax.compute` after `alias Shipping.Tax` is `Shipping.Tax.compute`, and nothing else.
            if language == Language::Elixir && reference.qualifier_path.is_none()
                && let Some(path) = reference.qualifier.and_then(|q| used_path(index, reference.file, tables.name(q)))
            {
                let mut written: Vec<String> = path.split('.').map(str::to_string).collect();
                written.push(tables.name(meaning(index, reference)).to_string());
                return (written == definition_path(index, definition)).then_some(SPELLS_PATH);
            }
            if let Some(path) = reference.qualifier_path {
                let mut written = written_path(index, reference.file, tables.name(path));
                written.push(tables.name(meaning(index, reference)).to_string());
                // An Elixir module path is whole (`Billing.Money` is no `Shop.Billing.Money`).
                let whole = language != Language::Elixir || written.len() == definition_path(index, definition).len();
                if spells(&written, &definition_path(index, definition)) && whole {
                    return Some(SPELLS_PATH);
                }
                // PHP: `\App\Shipping\Tax::compute` names its class's file as a `use` would (PSR-4).
                if language == Language::Php && written.len() > 2 {
                    let class = written[..written.len() - 1].join("\\");
                    return import_reaches(language, tables.file_path(reference.file), &class, tables.file_path(record.file)).then_some(SPELLS_PATH);
                }
                // `Vec::new`, `x.f()` with `x: T`: a member of that type, or one it may inherit.
                if reference.static_path && member {
                    // `crate::f` spells no type: a path to a free item never means a member.
                    let Some(ty) = written.len().checked_sub(2).and_then(|at| written.get(at)) else {
                        return None;
                    };
                    return if owner_name(index, definition) == Some(ty.as_str()) {
                        Some(NAMES_OWNER)
                    } else {
                        is_type_name(index, ty).then_some(UNKNOWN_RECEIVER)
                    };
                }
            }
            let qualifier = reference.qualifier.map(|q| tables.name(unalias(index, reference.file, q)));
            let Some(qualifier) = qualifier else { return Some(POSSIBLE) };
            // Ruby: `Tax.compute` inside `module Billing` is `Billing::Tax`'s first (lexical scope);
            // a path (`Shipping::Tax.compute`) is looked up whole, above.
            let lexical = || {
                language == Language::Ruby
                    && reference.qualifier_path.is_none()
                    && record.parent.is_some_and(|p| nests(index, reference.enclosing, tables.symbol(p).qualified_name))
            };
            // Swift: a module's own declarations shadow those of the modules it imports.
            let own_module = || same_swift_module(language, tables.file_path(reference.file), tables.file_path(record.file));
            if member {
                return Some(match owner_name(index, definition) == Some(qualifier) {
                    true if lexical() || own_module() => SPELLS_PATH,
                    true => NAMES_OWNER,
                    false => UNKNOWN_RECEIVER,
                });
            }
            // A free definition through a qualifier: the qualifier must name its module or package.
            let path = tables.file_path(record.file);
            let stem = path.rsplit('/').next().unwrap_or(path).split('.').next().unwrap_or_default();
            let directory = path.rsplit('/').nth(1).unwrap_or_default();
            // Ruby's `Pricing.discount`, Elixir's `Money.round`: the qualifier names the module holding the function.
            let container = record.parent.map(|p| tables.symbol_name(p));
            if matches!(language, Language::Ruby | Language::Elixir) && container == Some(qualifier) {
                // Elixir: an unaliased `Supervisor` is the top-level module of that
                // name, or a module nested in one around the use (nesting aliases it).
                let holder = record.parent.map_or("", |p| tables.symbol(p).qualified_name);
                let nested = |scope: &str| {
                    let mut at = reference.enclosing;
                    std::iter::from_fn(|| {
                        let id = at?;
                        at = tables.symbol(id).parent;
                        Some(tables.symbol(id))
                    })
                    .any(|s| s.kind == SymbolKind::Module && s.qualified_name == scope)
                };
                let named = holder == qualifier || holder.strip_suffix(qualifier).and_then(|s| s.strip_suffix('.')).is_some_and(nested);
                if language == Language::Elixir && !named {
                    return None;
                }
                return Some(if lexical() { SPELLS_PATH } else { NAMES_OWNER });
            }
            // Lua's `M.add()`: the table the function is stored in (`function M.add()`, `M = { add = .. }`).
            if language == Language::Lua && record.qualified_name.rsplit_once('.').is_some_and(|(table, _)| table.rsplit('.').next() == Some(qualifier)) {
                return Some(NAMES_OWNER);
            }
            // Ruby's and Elixir's modules are named by constants, never by their files.
            if (stem == qualifier || directory == qualifier) && !matches!(language, Language::Ruby | Language::Elixir) {
                return Some(NAMES_OWNER);
            }
            let aliased = tables.imports(reference.file).any(|i| {
                i.target.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| word == qualifier)
            });
            aliased.then_some(POSSIBLE)
        }
    }
}

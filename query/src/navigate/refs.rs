//! Refs, callers and callees: the uses of the definitions of a name, and
//! the definitions that the definitions of a name call, each resolved and
//! ranked by how it was resolved.

use super::files::{Links, Resolution};
use super::resolve::{definitions_named, meaning, resolution};
use crate::loaded::LoadedIndex;
use serde::{Deserialize, Serialize};

/// One use of a definition, or one definition used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NavHit {
    /// The file of the use (for refs and callers) or of the definition (for callees).
    pub path: String,
    /// The line of the use or of the definition.
    pub line: u32,
    /// The definition that holds the use (refs, callers) or that is used (callees).
    pub symbol: Option<String>,
    /// The kind of that definition.
    pub kind: Option<String>,
    /// The definition this hit concerns (the target of refs and callers; the caller of callees).
    pub target: String,
    /// Whether the use is a call.
    pub is_call: bool,
    /// How the use was tied to the definition: `same-file`, `import`,
    /// `same-directory`, `unique-name` or `ambiguous`.
    pub resolution: String,
}

/// Definitions named `name`: by qualified name (`Type.method`,
/// `Type::method`), else by plain name.
pub fn resolve_name(index: &LoadedIndex, name: &str) -> Vec<u32> {
    let tables = &index.tables;
    let plain = name.rsplit(['.', ':']).next().unwrap_or(name);
    let candidates = index.symbols_named(plain);
    let by_qualified: Vec<u32> = candidates.iter().copied().filter(|&s| tables.symbol(s).qualified_name == name).collect();
    if !by_qualified.is_empty() {
        return by_qualified;
    }
    candidates.iter().copied().filter(|&s| tables.symbol_name(s) == name).collect()
}

/// Uses of the definitions named `name` (calls only, with `calls_only`).
pub fn references_to(index: &LoadedIndex, name: &str, calls_only: bool, limit: usize) -> Vec<NavHit> {
    let targets = resolve_name(index, name);
    let Some(&first) = targets.first() else { return Vec::new() };
    let plain = index.tables.symbol_name(first);
    let Some(name_id) = index.tables.name_id(plain) else { return Vec::new() };
    let candidates = definitions_named(index, plain);
    let mut links = Links::new(index);
    let mut hits: Vec<(Resolution, NavHit)> = Vec::new();
    // Uses under the name itself, and under the local names imports give it.
    let mut uses: Vec<u32> = index.tables.references_named(name_id).to_vec();
    let mut locals: Vec<(u32, u32)> =
        index.tables.all_aliases().filter(|(_, _, original)| *original == name_id).map(|(file, local, _)| (file, local)).collect();
    // Imports of a module's export of the name under another (`export default f`): any file's alias of that export may be one.
    for (_, exported_as, _) in index.tables.exports().filter(|(_, _, original)| *original == name_id) {
        locals.extend(index.tables.all_aliases().filter(|(_, _, original)| *original == exported_as).map(|(file, local, _)| (file, local)));
    }
    locals.sort_unstable();
    locals.dedup();
    for (file, local) in locals {
        let range = index.tables.file(file).references;
        uses.extend((range.0..range.1).filter(|&r| index.tables.reference(r).name == local));
    }
    for reference in uses.iter().map(|&r| index.tables.reference(r)) {
        if (calls_only && !reference.is_call) || meaning(index, &reference) != name_id {
            continue;
        }
        // The best-placed target this use reaches, if any.
        let reached = targets
            .iter()
            .filter_map(|&t| resolution(&mut links, &reference, t, &candidates).map(|r| (r, t)))
            .min();
        let Some((how, target)) = reached else { continue };
        let holder = reference.enclosing.map(|s| index.tables.symbol(s));
        hits.push((
            how,
            NavHit {
                path: index.tables.file_path(reference.file).to_string(),
                line: reference.line,
                symbol: holder.map(|s| s.qualified_name.to_string()),
                kind: holder.map(|s| s.kind.as_str().to_string()),
                target: index.tables.symbol(target).qualified_name.to_string(),
                is_call: reference.is_call,
                resolution: how.as_str().to_string(),
            },
        ));
    }
    hits.sort_by(|a, b| (a.0, &a.1.path, a.1.line).cmp(&(b.0, &b.1.path, b.1.line)));
    hits.into_iter().take(limit).map(|(_, h)| h).collect()
}

/// The definitions called from inside the definitions named `name`.
pub fn callees_of(index: &LoadedIndex, name: &str, limit: usize) -> Vec<NavHit> {
    let mut hits: Vec<(Resolution, NavHit)> = Vec::new();
    let mut links = Links::new(index);
    let mut named: std::collections::HashMap<u32, Vec<u32>> = Default::default();
    for caller in resolve_name(index, name) {
        let record = index.tables.symbol(caller);
        let file = index.tables.file(record.file);
        let inside = |s: Option<u32>| {
            let mut current = s;
            while let Some(id) = current {
                if id == caller {
                    return true;
                }
                current = index.tables.symbol(id).parent;
            }
            false
        };
        for reference in (file.references.0..file.references.1).map(|r| index.tables.reference(r)) {
            if !reference.is_call || !inside(reference.enclosing) {
                continue;
            }
            let name = meaning(index, &reference);
            let candidates = named.entry(name).or_insert_with(|| definitions_named(index, index.tables.name(name)));
            for &target in candidates.iter() {
                let Some(how) = resolution(&mut links, &reference, target, candidates) else { continue };
                let definition = index.tables.symbol(target);
                hits.push((
                    how,
                    NavHit {
                        path: index.tables.file_path(definition.file).to_string(),
                        line: definition.start_line,
                        symbol: Some(definition.qualified_name.to_string()),
                        kind: Some(definition.kind.as_str().to_string()),
                        target: record.qualified_name.to_string(),
                        is_call: true,
                        resolution: how.as_str().to_string(),
                    },
                ));
            }
        }
    }
    hits.sort_by(|a, b| (a.0, &a.1.path, a.1.line).cmp(&(b.0, &b.1.path, b.1.line)));
    hits.dedup_by(|a, b| a.1.path == b.1.path && a.1.line == b.1.line && a.1.target == b.1.target);
    hits.into_iter().take(limit).map(|(_, h)| h).collect()
}

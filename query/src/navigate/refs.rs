//! Refs, callers and callees: the uses of the definitions of a name, and
//! the definitions that the definitions of a name call, each resolved and
//! ranked by how it was resolved.

use super::files::{Links, Resolution};
use super::resolve::{Candidates, definitions_named, meaning};
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

/// An answer of refs, callers or callees: the hits, best-resolved first,
/// and whether resolution stopped early.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Navigation {
    /// The hits, best-resolved first, at most the limit asked for.
    pub hits: Vec<NavHit>,
    /// Why the hits are only some of them, when resolution stopped at its
    /// work budget (a name used and defined very often); `None` when complete.
    pub partial: Option<String>,
}

/// Work one navigation may do, counted as candidate definitions ranked for
/// a use (and a few units per use): about a second of resolution (`refs
/// kotlin` on the Kotlin compiler's tree ran 10 s with five times this). A
/// name defined and used everywhere (`Model` in a large Python project,
/// `kotlin`, `init` in a kernel) then gets the hits found so far, marked
/// partial, instead of no answer; `refs Model` on pydantic stays whole.
const WORK_BUDGET: usize = 5_000_000;

/// The work of one use besides ranking its candidates (finding its meaning, its holder).
const USE_WORK: usize = 4;

/// The work of judging how one file sees another (a scan of its imports).
const LINK_WORK: usize = 16;

/// Counts a navigation's work against [`WORK_BUDGET`].
struct Work {
    spent: usize,
    budget: usize,
    done: usize,
    total: usize,
    /// File pairs judged so far that `spent` already counts.
    links_counted: usize,
}

impl Work {
    fn new(total: usize, budget: usize) -> Work {
        Work { spent: 0, budget, done: 0, total, links_counted: 0 }
    }

    /// Spends `units` on the next item; false when the budget is gone.
    fn spend(&mut self, units: usize) -> bool {
        if self.spent + units > self.budget && self.done > 0 {
            return false;
        }
        self.spent += units;
        self.done += 1;
        true
    }

    /// The partial note, if the work stopped before the last item.
    fn partial(&self, what: &str) -> Option<String> {
        (self.done < self.total).then(|| {
            format!("partial: resolved {} of {} {what} within the work budget; a qualified name (Type.method) narrows it", self.done, self.total)
        })
    }
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
pub fn references_to(index: &LoadedIndex, name: &str, calls_only: bool, limit: usize) -> Navigation {
    references_within(index, name, calls_only, limit, WORK_BUDGET)
}

/// [`references_to`] within `budget` units of work.
fn references_within(index: &LoadedIndex, name: &str, calls_only: bool, limit: usize, budget: usize) -> Navigation {
    let targets = resolve_name(index, name);
    let Some(&first) = targets.first() else { return Navigation::default() };
    let plain = index.tables.symbol_name(first);
    let Some(name_id) = index.tables.name_id(plain) else { return Navigation::default() };
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
    let mut work = Work::new(uses.len(), budget);
    let mut judged = 0;
    for reference in uses.iter().map(|&r| index.tables.reference(r)) {
        // The file pairs the previous use judged are counted with this one.
        let new_links = links.judged() - judged;
        judged = links.judged();
        if !work.spend(USE_WORK + candidates.len() + targets.len() + LINK_WORK * new_links) {
            break;
        }
        if (calls_only && !reference.is_call) || meaning(index, &reference) != name_id {
            continue;
        }
        // The best-placed target this use reaches, if any.
        let ranked = Candidates::rank(&mut links, &reference, &candidates);
        let reached = targets.iter().filter_map(|&t| ranked.resolution(&mut links, &reference, t).map(|r| (r, t))).min();
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
    Navigation { hits: hits.into_iter().take(limit).map(|(_, h)| h).collect(), partial: work.partial("uses") }
}

/// The definitions called from inside the definitions named `name`.
pub fn callees_of(index: &LoadedIndex, name: &str, limit: usize) -> Navigation {
    let mut hits: Vec<(Resolution, NavHit)> = Vec::new();
    let mut links = Links::new(index);
    let mut named: std::collections::HashMap<u32, Vec<u32>> = Default::default();
    let callers = resolve_name(index, name);
    let mut work = Work::new(callers.len(), WORK_BUDGET);
    for caller in callers {
        if !work.spend(0) {
            break;
        }
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
            // A caller's calls are resolved whole; the budget stops between callers.
            work.spent += candidates.len() * 2 + LINK_WORK * links.judged().saturating_sub(work.links_counted);
            work.links_counted = links.judged();
            let ranked = Candidates::rank(&mut links, &reference, candidates);
            for &target in candidates.iter() {
                let Some(how) = ranked.resolution(&mut links, &reference, target) else { continue };
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
    Navigation { hits: hits.into_iter().take(limit).map(|(_, h)| h).collect(), partial: work.partial("callers' definitions") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Python repository where `Model` is defined in every file and used in all of them.
    fn common_name_index() -> (tempfile::TempDir, LoadedIndex) {
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..40 {
            let uses: String = (0..20).map(|j| format!("\n\ndef build_{i}_{j}():\n    return Model()\n")).collect();
            let text = format!("class Model:\n    pass\n{uses}");
            std::fs::write(dir.path().join(format!("m{i}.py")), text).expect("write");
        }
        ctx_indexer::build_index(dir.path(), &ctx_indexer::IndexOptions::default(), &mut |_| {}).expect("index");
        let index = LoadedIndex::open_root(dir.path()).expect("open");
        (dir, index)
    }

    #[test]
    fn a_name_used_and_defined_everywhere_gets_a_partial_answer_that_says_so() {
        let (_dir, index) = common_name_index();
        let whole = references_to(&index, "Model", false, 10_000);
        assert_eq!((whole.hits.len(), whole.partial.as_deref()), (800, None));
        // A budget of a fraction of that work stops early, and says where.
        let part = references_within(&index, "Model", false, 10_000, 20_000);
        assert!(!part.hits.is_empty() && part.hits.len() < 800, "{} hits", part.hits.len());
        let note = part.partial.expect("marked partial");
        assert!(note.contains("of 800 uses") && note.starts_with("partial: resolved "), "{note}");
        // What it found is what the whole answer found for the same uses.
        assert!(part.hits.iter().all(|h| whole.hits.contains(h)));
    }
}

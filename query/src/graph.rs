//! The symbol graph around a task, and a personalised PageRank over it.
//!
//! Nodes are definitions. Edges are resolved on demand from the stored
//! references (see [`crate::navigate`] for how a use is tied to the
//! definitions its file can see): a definition points to what it uses and
//! calls, to the definitions that use it, to its container and members, and
//! a method to the same-named methods of its base or derived types. Only
//! the neighbourhood of the seeds is ever resolved, so the cost of a walk
//! depends on the task, not on the size of the repository.

use crate::loaded::LoadedIndex;
use crate::navigate::{Candidates, Links, Resolution, definitions_named, meaning, resolution};
use std::collections::HashMap;

/// Why one definition leads to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// The source calls the target.
    Calls,
    /// The source names the target without calling it (types, bases, constants).
    Uses,
    /// The target calls or names the source.
    UsedBy,
    /// The target contains the source.
    Container,
    /// The target is a member of the source.
    Member,
    /// Same-named methods of a type and of its base or derived type.
    Override,
}

impl EdgeKind {
    /// What the target of the edge is to its source, in explanations
    /// ("called by `source`").
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Calls => "called by",
            EdgeKind::Uses => "used by",
            EdgeKind::UsedBy => "calls or uses",
            EdgeKind::Container => "contains",
            EdgeKind::Member => "member of",
            EdgeKind::Override => "overrides or is overridden by",
        }
    }

    /// Relative weight of the edge kind in the walk, before normalisation.
    fn weight(self) -> f32 {
        match self {
            EdgeKind::Calls => 1.0,
            EdgeKind::Uses => 0.6,
            EdgeKind::UsedBy => 0.8,
            EdgeKind::Container => 0.3,
            EdgeKind::Member => 0.3,
            EdgeKind::Override => 0.8,
        }
    }
}

/// Names defined more often than this are too ambiguous to follow.
const MAX_CANDIDATES: usize = 12;
/// Uses of a name beyond this are not followed back (the name is generic).
const MAX_USES_FOLLOWED: usize = 200;
/// Members beyond this are not followed down from a container.
const MAX_MEMBERS: usize = 64;

/// Resolves and remembers the edges of definitions.
pub(crate) struct SymbolGraph<'a> {
    index: &'a LoadedIndex,
    links: Links<'a>,
    named: HashMap<u32, Vec<u32>>,
    edges: HashMap<u32, Vec<(u32, f32, EdgeKind)>>,
}

fn resolution_weight(how: Resolution) -> f32 {
    match how {
        Resolution::SameFile | Resolution::Import | Resolution::Override => 1.0,
        Resolution::SameDirectory => 0.8,
        Resolution::UniqueName => 0.6,
        Resolution::Ambiguous => 0.25,
    }
}

impl<'a> SymbolGraph<'a> {
    pub(crate) fn new(index: &'a LoadedIndex) -> Self {
        SymbolGraph { index, links: Links::new(index), named: HashMap::new(), edges: HashMap::new() }
    }

    fn definitions(&mut self, name: u32) -> Vec<u32> {
        let index = self.index;
        self.named.entry(name).or_insert_with(|| definitions_named(index, index.tables.name(name))).clone()
    }

    /// The weighted edges out of `symbol`, weights summing to 1 (or none).
    pub(crate) fn edges(&mut self, symbol: u32) -> &[(u32, f32, EdgeKind)] {
        if !self.edges.contains_key(&symbol) {
            let mut edges = self.resolve(symbol);
            edges.retain(|(target, _, _)| *target != symbol);
            // One edge per target: the strongest reason.
            edges.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            edges.dedup_by_key(|e| e.0);
            let total: f32 = edges.iter().map(|e| e.1).sum();
            if total > 0.0 {
                for edge in &mut edges {
                    edge.1 /= total;
                }
            }
            self.edges.insert(symbol, edges);
        }
        &self.edges[&symbol]
    }

    fn resolve(&mut self, symbol: u32) -> Vec<(u32, f32, EdgeKind)> {
        let tables = &self.index.tables;
        let record = tables.symbol(symbol);
        let file = tables.file(record.file);
        let mut edges = Vec::new();

        // What it uses and calls.
        for reference in (file.references.0..file.references.1).map(|r| tables.reference(r)) {
            if reference.enclosing != Some(symbol) {
                continue;
            }
            let candidates = self.definitions(meaning(self.index, &reference));
            if candidates.is_empty() || candidates.len() > MAX_CANDIDATES {
                continue;
            }
            let ranked = Candidates::rank(&mut self.links, &reference, &candidates);
            let reached: Vec<(u32, Resolution)> =
                candidates.iter().filter_map(|&c| ranked.resolution(&mut self.links, &reference, c).map(|how| (c, how))).collect();
            let kind = if reference.is_call { EdgeKind::Calls } else { EdgeKind::Uses };
            let share = 1.0 / reached.len().max(1) as f32;
            for (target, how) in reached {
                edges.push((target, kind.weight() * resolution_weight(how) * share, kind));
            }
        }

        // What uses it.
        let name = tables.symbol_name_id(symbol);
        let uses = tables.references_named(name);
        if uses.len() <= MAX_USES_FOLLOWED {
            let candidates = self.definitions(name);
            if candidates.len() <= MAX_CANDIDATES {
                for reference in uses.iter().map(|&r| tables.reference(r)) {
                    let Some(user) = reference.enclosing else { continue };
                    if let Some(how) = resolution(&mut self.links, &reference, symbol, &candidates) {
                        let weight = EdgeKind::UsedBy.weight() * resolution_weight(how) / (uses.len() as f32).sqrt();
                        edges.push((user, weight, EdgeKind::UsedBy));
                    }
                }
            }
        }

        // Container and members.
        if let Some(parent) = record.parent {
            edges.push((parent, EdgeKind::Container.weight(), EdgeKind::Container));
            self.overrides(symbol, parent, &mut edges);
        }
        if record.kind.is_container() {
            let members: Vec<u32> =
                (symbol + 1..file.symbols.1).filter(|&s| tables.symbol(s).parent == Some(symbol)).take(MAX_MEMBERS).collect();
            let share = 1.0 / (members.len().max(1) as f32).sqrt();
            let member_names: Vec<u32> = members.iter().map(|&m| tables.symbol_name_id(m)).collect();
            for &member in &members {
                edges.push((member, EdgeKind::Member.weight() * share, EdgeKind::Member));
            }
            self.derived_overrides(symbol, &member_names, &mut edges);
        }
        edges
    }

    /// Same-named methods of the types that name `container` (derived
    /// types, through their base lists) and of the types `container` names.
    fn overrides(&mut self, method: u32, container: u32, edges: &mut Vec<(u32, f32, EdgeKind)>) {
        let tables = &self.index.tables;
        if !tables.symbol(container).kind.holds_methods() {
            return;
        }
        let mut related = self.derived_types(container);
        // Bases: types the container's header names.
        let file = tables.file(tables.symbol_file(container));
        for reference in (file.references.0..file.references.1).map(|r| tables.reference(r)) {
            if reference.enclosing == Some(container) {
                let candidates = self.definitions(reference.name);
                if candidates.len() <= MAX_CANDIDATES {
                    related.extend(candidates.into_iter().filter(|&s| tables.symbol(s).kind.holds_methods()));
                }
            }
        }
        related.sort_unstable();
        related.dedup();
        let name = [tables.symbol_name_id(method)];
        for other in related.into_iter().filter(|&o| o != container) {
            self.push_members_named(other, &name, edges);
        }
    }

    /// From a type to the members of its derived types that override one
    /// of its members: a task that describes a base type's contract often
    /// means the implementation that breaks it.
    fn derived_overrides(&self, base: u32, member_names: &[u32], edges: &mut Vec<(u32, f32, EdgeKind)>) {
        if member_names.is_empty() || !self.index.tables.symbol(base).kind.holds_methods() {
            return;
        }
        for derived in self.derived_types(base) {
            self.push_members_named(derived, member_names, edges);
        }
    }

    /// Types whose own declaration names `base` (its derived types), sorted;
    /// none when the name is too common to follow.
    fn derived_types(&self, base: u32) -> Vec<u32> {
        let tables = &self.index.tables;
        let uses = tables.references_named(tables.symbol_name_id(base));
        if uses.len() > MAX_USES_FOLLOWED {
            return Vec::new();
        }
        let mut derived: Vec<u32> = uses
            .iter()
            .filter_map(|&r| tables.reference(r).enclosing)
            .filter(|&d| d != base && tables.symbol(d).kind.holds_methods())
            .collect();
        derived.sort_unstable();
        derived.dedup();
        derived
    }

    /// Override edges to the members of type `ty` whose names are in `names`.
    fn push_members_named(&self, ty: u32, names: &[u32], edges: &mut Vec<(u32, f32, EdgeKind)>) {
        let tables = &self.index.tables;
        let file = tables.file(tables.symbol_file(ty));
        for member in ty + 1..file.symbols.1 {
            if tables.symbol(member).parent == Some(ty) && names.contains(&tables.symbol_name_id(member)) {
                edges.push((member, EdgeKind::Override.weight(), EdgeKind::Override));
            }
        }
    }


}

/// How a definition came to be ranked by the walk: the seed it was reached
/// from and the last edge taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reached {
    /// The seed definition the strongest path started at.
    pub seed: u32,
    /// The definition the last edge left from.
    pub from: u32,
    /// The last edge.
    pub edge: EdgeKind,
    /// Hops from the seed (1 or 2).
    pub hops: u8,
    /// The definition reached.
    pub to: u32,
}

/// Probability of continuing the walk at each step (1 − restart probability).
const CONTINUE: f32 = 0.5;
/// Hop-one nodes whose edges are followed further.
const SECOND_HOP_FRONTIER: usize = 48;

/// Personalised PageRank from `seeds` (definition, weight), truncated at
/// two hops: the mass each definition receives from walks that start at
/// the seeds and stop with probability 1 − [`CONTINUE`] at every step.
/// Truncation keeps the walk in the seeds' neighbourhood, where the stored
/// references can be resolved on demand; a third hop adds little mass
/// (0.125 of the total) at a much larger cost.
pub(crate) fn personalised_pagerank(graph: &mut SymbolGraph<'_>, seeds: &[(u32, f32)]) -> HashMap<u32, (f32, Reached)> {
    let total: f32 = seeds.iter().map(|s| s.1).sum();
    if total <= 0.0 {
        return HashMap::new();
    }
    // Per definition: total mass, the largest single contribution, and its path.
    let mut result: HashMap<u32, (f32, f32, Reached)> = HashMap::new();
    let add = |result: &mut HashMap<u32, (f32, f32, Reached)>, node: u32, mass: f32, reached: Reached| {
        let entry = result.entry(node).or_insert((0.0, mass, reached));
        entry.0 += mass;
        if mass > entry.1 {
            entry.1 = mass;
            entry.2 = reached;
        }
    };
    let mut first: HashMap<u32, (f32, u32)> = HashMap::new();
    for &(seed, weight) in seeds {
        let start = weight / total;
        for &(target, w, edge) in graph.edges(seed).to_vec().iter() {
            let mass = start * CONTINUE * w;
            add(&mut result, target, mass, Reached { seed, from: seed, edge, hops: 1, to: target });
            let slot = first.entry(target).or_insert((0.0, seed));
            slot.0 += mass;
        }
    }
    let mut frontier: Vec<(u32, f32, u32)> = first.into_iter().map(|(n, (m, seed))| (n, m, seed)).collect();
    frontier.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    frontier.truncate(SECOND_HOP_FRONTIER);
    for (node, mass, seed) in frontier {
        for &(target, w, edge) in graph.edges(node).to_vec().iter() {
            let passed = mass * CONTINUE * w;
            add(&mut result, target, passed, Reached { seed, from: node, edge, hops: 2, to: target });
        }
    }
    result.into_iter().map(|(node, (mass, _, reached))| (node, (mass, reached))).collect()
}

//! The tables of a generation as readers see them: one tables file (the
//! base), or the base and a small delta that a refresh wrote over it.
//!
//! A refresh of a large tree that changed few files writes only those files
//! into the delta (a tables file of its own, with its own ids and names)
//! and lists the base's files they replace or delete as hidden; it does not
//! rewrite the base. This view joins the two: ids are global, the base's
//! first and the delta's after them (`id - base length` in the delta), a
//! name shared by both has the base's id, and nothing of a hidden file is
//! found by a lookup or an iteration. A hidden file's rows keep their ids;
//! only [`is_live_file`](TablesView::is_live_file) and its kin tell them
//! apart. When the delta outgrows a share of the base, the next refresh
//! merges both into one tables file again (see `pipeline::layers`).

use super::manifest::{IndexStats, LanguageStats};
use super::rows::{ChunkRow, NONE, ReferenceRow, SymbolRow};
use super::tables::{ChunkRecord, FileRecord, ImportRecord, ReferenceRecord, Segment, SymbolRecord};
use crate::discover::SkippedFile;
use either::Either;
use std::borrow::Cow;

/// The tables of one generation, read in place from their (mapped) bytes.
pub struct TablesView {
    base: Segment,
    delta: Option<Delta>,
}

impl std::fmt::Debug for TablesView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TablesView")
            .field("base", &self.base)
            .field("delta", &self.delta.as_ref().map(|d| (&d.rows, d.hidden.files.len())))
            .finish()
    }
}

/// The lengths of the base's tables: where the delta's ids start.
#[derive(Debug, Clone, Copy)]
struct Offsets {
    files: u32,
    symbols: u32,
    chunks: u32,
    references: u32,
    imports: u32,
    diagnostics: u32,
    aliases: u32,
    names: u32,
}

/// What the delta hides of the base: files, and the id ranges of their rows.
#[derive(Debug, Default)]
struct Hidden {
    /// Base file ids, sorted.
    files: Vec<u32>,
    /// One flag per base file.
    is_hidden: Vec<bool>,
    /// Id ranges (start, end) of the hidden files' rows, sorted.
    symbols: Vec<(u32, u32)>,
    chunks: Vec<(u32, u32)>,
    references: Vec<(u32, u32)>,
    /// Totals of the hidden ranges.
    symbols_hidden: usize,
    chunks_hidden: usize,
    references_hidden: usize,
}

/// Whether `id` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[(u32, u32)], id: u32) -> bool {
    let at = ranges.partition_point(|r| r.1 <= id);
    at < ranges.len() && ranges[at].0 <= id
}

/// The ids of sorted `ids` outside the sorted `ranges`, in one merge.
fn outside_ranges(ids: &[u32], ranges: &[(u32, u32)]) -> Vec<u32> {
    let mut out = Vec::with_capacity(ids.len());
    let mut at = 0;
    for &id in ids {
        while at < ranges.len() && ranges[at].1 <= id {
            at += 1;
        }
        if at == ranges.len() || id < ranges[at].0 {
            out.push(id);
        }
    }
    out
}

#[derive(Debug)]
struct Delta {
    rows: Segment,
    at: Offsets,
    hidden: Hidden,
    /// The global id of each of the delta's names.
    names_global: Vec<u32>,
    /// (base name id, delta name id) of the names both have, by base id.
    shared: Vec<(u32, u32)>,
    /// The delta's names the base lacks, by global id minus `at.names`.
    own: Vec<u32>,
}

impl Delta {
    fn file(&self, local: u32) -> u32 {
        local + self.at.files
    }

    fn symbol(&self, local: u32) -> u32 {
        if local == NONE { NONE } else { local + self.at.symbols }
    }

    fn name(&self, local: u32) -> u32 {
        if local == NONE { NONE } else { self.names_global[local as usize] }
    }

    /// The delta's id of global name `name`, if the delta has it.
    fn local_name(&self, name: u32) -> Option<u32> {
        if name >= self.at.names {
            return self.own.get((name - self.at.names) as usize).copied();
        }
        self.shared.binary_search_by_key(&name, |s| s.0).ok().map(|at| self.shared[at].1)
    }
}

/// Where a global id lives.
enum At {
    Base(u32),
    Delta(u32),
}

impl TablesView {
    /// Tables of one file.
    pub(crate) fn single(base: Segment) -> TablesView {
        TablesView { base, delta: None }
    }

    /// The base with `delta` over it, hiding the base's files `hidden`
    /// (sorted, distinct, each a file of the base).
    pub(crate) fn layered(base: Segment, delta: Segment, hidden: &[u32]) -> Result<TablesView, String> {
        let files = base.files_len();
        if hidden.windows(2).any(|w| w[0] >= w[1]) || hidden.last().is_some_and(|&h| h as usize >= files) {
            return Err("the hidden files are not sorted files of the base".into());
        }
        let (imports, diagnostics, aliases) = base.file_extras_len();
        let at = Offsets {
            files: files as u32,
            symbols: base.symbols_len() as u32,
            chunks: base.chunks_len() as u32,
            references: base.references_len() as u32,
            imports: imports as u32,
            diagnostics: diagnostics as u32,
            aliases: aliases as u32,
            names: base.names_len() as u32,
        };
        let total = |n: usize, of_delta: usize| u32::try_from(n + of_delta).is_ok_and(|t| t < NONE);
        if !(total(files, delta.files_len())
            && total(at.symbols as usize, delta.symbols_len())
            && total(at.chunks as usize, delta.chunks_len())
            && total(at.references as usize, delta.references_len())
            && total(at.names as usize, delta.names_len()))
        {
            return Err("the delta's ids would pass the 32-bit ids of the tables".into());
        }
        let mut hide = Hidden { files: hidden.to_vec(), is_hidden: vec![false; files], ..Hidden::default() };
        for &file in hidden {
            hide.is_hidden[file as usize] = true;
            let record = base.file(file);
            let push = |ranges: &mut Vec<(u32, u32)>, total: &mut usize, (from, to): (u32, u32)| {
                if from < to {
                    ranges.push((from, to));
                    *total += (to - from) as usize;
                }
            };
            push(&mut hide.symbols, &mut hide.symbols_hidden, record.symbols);
            push(&mut hide.chunks, &mut hide.chunks_hidden, record.chunks);
            push(&mut hide.references, &mut hide.references_hidden, record.references);
        }
        // The delta's names in the base's name space, as its writer
        // recorded them. Finding them by comparing the names (one merge of
        // both sorted lists) was three quarters of opening the Linux tree
        // after a refresh of 1,000 files, and touched the base's names.
        let in_base = delta.names_in_base();
        if in_base.len() != delta.names_len() || in_base.iter().any(|&id| id != NONE && id >= at.names) {
            return Err("the delta's record of the base's names does not match the base".into());
        }
        let mut names_global = Vec::with_capacity(delta.names_len());
        let mut shared = Vec::new();
        let mut own = Vec::new();
        for (local, &base_id) in (0..delta.names_len() as u32).zip(in_base) {
            if base_id == NONE {
                names_global.push(at.names + own.len() as u32);
                own.push(local);
            } else {
                names_global.push(base_id);
                shared.push((base_id, local));
            }
        }
        shared.sort_unstable();
        Ok(TablesView { base, delta: Some(Delta { rows: delta, at, hidden: hide, names_global, shared, own }) })
    }

    fn delta_start(&self) -> u32 {
        self.delta.as_ref().map_or(self.base.files_len() as u32, |d| d.at.files)
    }

    fn file_at(&self, id: u32) -> At {
        match &self.delta {
            Some(d) if id >= d.at.files => At::Delta(id - d.at.files),
            _ => At::Base(id),
        }
    }

    fn symbol_at(&self, id: u32) -> At {
        match &self.delta {
            Some(d) if id >= d.at.symbols => At::Delta(id - d.at.symbols),
            _ => At::Base(id),
        }
    }

    fn delta(&self) -> &Delta {
        self.delta.as_ref().expect("a delta id comes from layered tables")
    }

    /// Whether a delta lies over the base (see the module's documentation).
    pub fn is_layered(&self) -> bool {
        self.delta.is_some()
    }

    /// The base's files the delta hides, sorted (none without a delta).
    pub fn hidden_files(&self) -> &[u32] {
        self.delta.as_ref().map_or(&[], |d| &d.hidden.files)
    }

    /// Whether file `id` is part of the tables (not hidden by the delta).
    pub fn is_live_file(&self, id: u32) -> bool {
        match &self.delta {
            Some(d) if id < d.at.files => !d.hidden.is_hidden[id as usize],
            _ => (id as usize) < self.files_len(),
        }
    }

    /// Number of the base's files (hidden ones included): the delta's ids start there.
    pub fn base_files_len(&self) -> usize {
        self.delta_start() as usize
    }

    /// Whether file `id` is one of the base's (not the delta's).
    pub fn is_base_file(&self, id: u32) -> bool {
        id < self.delta_start()
    }

    /// Whether definition `id` belongs to a live file.
    pub fn is_live_symbol(&self, id: u32) -> bool {
        self.delta.as_ref().is_none_or(|d| id >= d.at.symbols || !in_ranges(&d.hidden.symbols, id))
    }

    /// Whether chunk `id` belongs to a live file.
    pub fn is_live_chunk(&self, id: u32) -> bool {
        self.delta.as_ref().is_none_or(|d| id >= d.at.chunks || !in_ranges(&d.hidden.chunks, id))
    }

    /// Whether reference `id` belongs to a live file.
    pub fn is_live_reference(&self, id: u32) -> bool {
        self.delta.as_ref().is_none_or(|d| id >= d.at.references || !in_ranges(&d.hidden.references, id))
    }

    /// The order of files `a` and `b` in a full index of the same tree (by
    /// path): their ids' order within one layer, their paths' across layers.
    /// Ties of a ranking break by it, so that layers never change an answer.
    pub fn cmp_files(&self, a: u32, b: u32) -> std::cmp::Ordering {
        if self.is_base_file(a) == self.is_base_file(b) { a.cmp(&b) } else { self.file_path(a).cmp(self.file_path(b)) }
    }

    /// The order of definitions `a` and `b` in a full index (see [`TablesView::cmp_files`]).
    pub fn cmp_symbols(&self, a: u32, b: u32) -> std::cmp::Ordering {
        match &self.delta {
            Some(d) if (a >= d.at.symbols) != (b >= d.at.symbols) => self.file_path(self.symbol_file(a)).cmp(self.file_path(self.symbol_file(b))),
            _ => a.cmp(&b),
        }
    }

    /// The order of chunks `a` and `b` in a full index (see [`TablesView::cmp_files`]).
    pub fn cmp_chunks(&self, a: u32, b: u32) -> std::cmp::Ordering {
        match &self.delta {
            Some(d) if (a >= d.at.chunks) != (b >= d.at.chunks) => self.file_path(self.chunk(a).file).cmp(self.file_path(self.chunk(b).file)),
            _ => a.cmp(&b),
        }
    }

    /// The bound of file ids (hidden ones included): every file id is below it.
    pub fn files_len(&self) -> usize {
        self.base.files_len() + self.delta.as_ref().map_or(0, |d| d.rows.files_len())
    }

    /// Number of live files.
    pub fn live_files_len(&self) -> usize {
        self.files_len() - self.hidden_files().len()
    }

    /// File `id`.
    pub fn file(&self, id: u32) -> FileRecord<'_> {
        match self.file_at(id) {
            At::Base(id) => self.base.file(id),
            At::Delta(local) => {
                let d = self.delta();
                let r = d.rows.file(local);
                let shift = |(from, to): (u32, u32), by: u32| (from + by, to + by);
                FileRecord {
                    symbols: shift(r.symbols, d.at.symbols),
                    chunks: shift(r.chunks, d.at.chunks),
                    references: shift(r.references, d.at.references),
                    imports: shift(r.imports, d.at.imports),
                    diagnostics: shift(r.diagnostics, d.at.diagnostics),
                    aliases: shift(r.aliases, d.at.aliases),
                    ..r
                }
            }
        }
    }

    /// All live files with their ids, in path order.
    pub fn files(&self) -> impl Iterator<Item = (u32, FileRecord<'_>)> + '_ {
        let start = self.delta_start();
        let mut base = (0..start).filter(move |&id| self.is_live_file(id)).peekable();
        let mut delta = (start..self.files_len() as u32).peekable();
        std::iter::from_fn(move || {
            let next = match (base.peek(), delta.peek()) {
                (Some(&b), Some(&d)) if self.file_path(b) < self.file_path(d) => base.next(),
                (Some(_), Some(_)) | (None, Some(_)) => delta.next(),
                (Some(_), None) => base.next(),
                (None, None) => None,
            }?;
            Some((next, self.file(next)))
        })
    }

    /// The path of file `id` (cheaper than [`file`](Self::file)).
    pub fn file_path(&self, id: u32) -> &str {
        match self.file_at(id) {
            At::Base(id) => self.base.file_path(id),
            At::Delta(local) => self.delta().rows.file_path(local),
        }
    }

    /// The imports of file `id`.
    pub fn imports(&self, file: u32) -> impl ExactSizeIterator<Item = ImportRecord<'_>> + '_ {
        match self.file_at(file) {
            At::Base(id) => Either::Left(self.base.imports(id)),
            At::Delta(local) => Either::Right(self.delta().rows.imports(local)),
        }
    }

    /// The problems met while reading or parsing file `id`.
    pub fn diagnostics(&self, file: u32) -> impl ExactSizeIterator<Item = &str> + '_ {
        match self.file_at(file) {
            At::Base(id) => Either::Left(self.base.diagnostics(id)),
            At::Delta(local) => Either::Right(self.delta().rows.diagnostics(local)),
        }
    }

    /// The import aliases of file `id`: (local name id, original name id, module as written).
    pub fn aliases(&self, file: u32) -> impl ExactSizeIterator<Item = (u32, u32, &str)> + '_ {
        match self.file_at(file) {
            At::Base(id) => Either::Left(self.base.aliases(id)),
            At::Delta(local) => {
                let d = self.delta();
                Either::Right(d.rows.aliases(local).map(|(l, o, module)| (d.name(l), d.name(o), module)))
            }
        }
    }

    /// Every import alias of the live files: (file, local name id, original name id).
    pub fn all_aliases(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        let base = self.base.all_aliases().filter(|(file, _, _)| self.is_live_file(*file));
        let delta = self.delta.iter().flat_map(|d| d.rows.all_aliases().map(|(f, l, o)| (d.file(f), d.name(l), d.name(o))));
        base.chain(delta)
    }

    /// Every name a live file exports under another name (an alias whose
    /// module is empty, see [`Alias`](crate::Alias)): (file, exported name id, original name id).
    pub fn exports(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        let base = self.base.exports().filter(|(file, _, _)| self.is_live_file(*file));
        let delta = self.delta.iter().flat_map(|d| d.rows.exports().map(|(f, l, o)| (d.file(f), d.name(l), d.name(o))));
        base.chain(delta)
    }

    /// The bound of definition ids (those of hidden files included).
    pub fn symbols_len(&self) -> usize {
        self.base.symbols_len() + self.delta.as_ref().map_or(0, |d| d.rows.symbols_len())
    }

    /// Number of live definitions.
    pub fn live_symbols_len(&self) -> usize {
        self.symbols_len() - self.delta.as_ref().map_or(0, |d| d.hidden.symbols_hidden)
    }

    /// Definition `id`.
    pub fn symbol(&self, id: u32) -> SymbolRecord<'_> {
        match self.symbol_at(id) {
            At::Base(id) => self.base.symbol(id),
            At::Delta(local) => {
                let d = self.delta();
                let s = d.rows.symbol(local);
                SymbolRecord { file: d.file(s.file), parent: s.parent.map(|p| d.symbol(p)), ..s }
            }
        }
    }

    /// All live definitions with their ids, grouped by file.
    pub fn symbols(&self) -> impl Iterator<Item = (u32, SymbolRecord<'_>)> + '_ {
        (0..self.symbols_len() as u32).filter(|&id| self.is_live_symbol(id)).map(|id| (id, self.symbol(id)))
    }

    /// The name of definition `id` (cheaper than [`symbol`](Self::symbol)).
    pub fn symbol_name(&self, id: u32) -> &str {
        match self.symbol_at(id) {
            At::Base(id) => self.base.symbol_name(id),
            At::Delta(local) => self.delta().rows.symbol_name(local),
        }
    }

    /// The name id of definition `id` (see [`name`](Self::name)).
    pub fn symbol_name_id(&self, id: u32) -> u32 {
        match self.symbol_at(id) {
            At::Base(id) => self.base.symbol_name_id(id),
            At::Delta(local) => {
                let d = self.delta();
                d.name(d.rows.symbol_name_id(local))
            }
        }
    }

    /// The file of definition `id`.
    pub fn symbol_file(&self, id: u32) -> u32 {
        match self.symbol_at(id) {
            At::Base(id) => self.base.symbol_file(id),
            At::Delta(local) => {
                let d = self.delta();
                d.file(d.rows.symbol_file(local))
            }
        }
    }

    /// The bound of chunk ids (those of hidden files included).
    pub fn chunks_len(&self) -> usize {
        self.base.chunks_len() + self.delta.as_ref().map_or(0, |d| d.rows.chunks_len())
    }

    /// Number of live chunks: the documents of the text index.
    pub fn live_chunks_len(&self) -> usize {
        self.chunks_len() - self.delta.as_ref().map_or(0, |d| d.hidden.chunks_hidden)
    }

    /// Chunk `id`.
    pub fn chunk(&self, id: u32) -> ChunkRecord {
        match &self.delta {
            Some(d) if id >= d.at.chunks => {
                let c = d.rows.chunk(id - d.at.chunks);
                ChunkRecord { file: d.file(c.file), symbol: c.symbol.map(|s| d.symbol(s)), ..c }
            }
            _ => self.base.chunk(id),
        }
    }

    /// All live chunks with their ids, grouped by file.
    pub fn chunks(&self) -> impl Iterator<Item = (u32, ChunkRecord)> + '_ {
        (0..self.chunks_len() as u32).filter(|&id| self.is_live_chunk(id)).map(|id| (id, self.chunk(id)))
    }

    /// The bound of reference ids (those of hidden files included).
    pub fn references_len(&self) -> usize {
        self.base.references_len() + self.delta.as_ref().map_or(0, |d| d.rows.references_len())
    }

    /// Reference `id`.
    pub fn reference(&self, id: u32) -> ReferenceRecord {
        match &self.delta {
            Some(d) if id >= d.at.references => {
                let r = d.rows.reference(id - d.at.references);
                ReferenceRecord {
                    file: d.file(r.file),
                    name: d.name(r.name),
                    enclosing: r.enclosing.map(|s| d.symbol(s)),
                    qualifier: r.qualifier.map(|n| d.name(n)),
                    qualifier_path: r.qualifier_path.map(|n| d.name(n)),
                    ..r
                }
            }
            _ => self.base.reference(id),
        }
    }

    /// Number of the base's names: a delta's own names are numbered after them.
    pub(crate) fn base_names_len(&self) -> usize {
        self.delta.as_ref().map_or(self.base.names_len(), |d| d.at.names as usize)
    }

    /// Number of interned names.
    pub fn names_len(&self) -> usize {
        self.base.names_len() + self.delta.as_ref().map_or(0, |d| d.own.len())
    }

    /// Interned name `id` of references.
    pub fn name(&self, id: u32) -> &str {
        match &self.delta {
            Some(d) if id >= d.at.names => d.rows.name(d.own[(id - d.at.names) as usize]),
            _ => self.base.name(id),
        }
    }

    /// The id of a reference name, if any reference uses exactly `name`.
    pub fn name_id(&self, name: &str) -> Option<u32> {
        self.base.name_id(name).or_else(|| {
            let d = self.delta.as_ref()?;
            d.rows.name_id(name).map(|local| d.name(local))
        })
    }

    /// The references of live files to name id `name`, in id order.
    pub fn references_named(&self, name: u32) -> Cow<'_, [u32]> {
        let base = if (name as usize) < self.base.names_len() { self.base.references_named(name) } else { &[] };
        let Some(d) = &self.delta else { return Cow::Borrowed(base) };
        let delta = d.local_name(name).map_or(&[][..], |local| d.rows.references_named(local));
        if delta.is_empty() && d.hidden.references.is_empty() {
            return Cow::Borrowed(base);
        }
        let mut ids = outside_ranges(base, &d.hidden.references);
        ids.extend(delta.iter().map(|&r| r + d.at.references));
        Cow::Owned(ids)
    }

    /// Live definitions whose name matches `name` ignoring case and
    /// underscores (see [`name_key`](super::tables::name_key)), in id order.
    pub fn symbols_named(&self, name: &str) -> Cow<'_, [u32]> {
        let base = self.base.symbols_named(name);
        let Some(d) = &self.delta else { return Cow::Borrowed(base) };
        let delta = d.rows.symbols_named(name);
        if delta.is_empty() && d.hidden.symbols.is_empty() {
            return Cow::Borrowed(base);
        }
        let mut ids = outside_ranges(base, &d.hidden.symbols);
        ids.extend(delta.iter().map(|&s| s + d.at.symbols));
        Cow::Owned(ids)
    }

    /// The live file whose text-index key (see [`file_key`](crate::text_index::file_key)) is `key`.
    pub fn file_by_key(&self, key: u64) -> Option<u32> {
        let in_delta = self.delta.as_ref().and_then(|d| d.rows.file_by_key(key).map(|local| d.file(local)));
        in_delta.or_else(|| self.base.file_by_key(key).filter(|&id| self.is_live_file(id)))
    }

    /// The ids of `paths` (sorted, as a walk gives them), found by merging
    /// them with the files, which are sorted by path too; `None` for a path
    /// not indexed.
    pub fn files_by_sorted_paths<'p>(&self, paths: impl Iterator<Item = &'p str>) -> Vec<Option<u32>> {
        let Some(d) = &self.delta else { return self.base.files_by_sorted_paths(paths) };
        let paths: Vec<&str> = paths.collect();
        let in_base = self.base.files_by_sorted_paths(paths.iter().copied());
        let in_delta = d.rows.files_by_sorted_paths(paths.iter().copied());
        in_delta
            .into_iter()
            .zip(in_base)
            .map(|(delta, base)| delta.map(|local| d.file(local)).or(base.filter(|&id| self.is_live_file(id))))
            .collect()
    }

    /// Whether a live file's path starts with `prefix`.
    pub fn has_file_under(&self, prefix: &str) -> bool {
        self.delta.as_ref().is_some_and(|d| !d.rows.files_under(prefix).is_empty()) || self.base.files_under(prefix).any(|id| self.is_live_file(id))
    }

    /// The id of the live file at `path`, if indexed.
    pub fn file_by_path(&self, path: &str) -> Option<u32> {
        let in_delta = self.delta.as_ref().and_then(|d| d.rows.file_by_path(path).map(|local| d.file(local)));
        in_delta.or_else(|| self.base.file_by_path(path).filter(|&id| self.is_live_file(id)))
    }

    /// Files passed over, with reasons, sorted by path (the delta lists
    /// them all anew: the walk that wrote it saw every one).
    pub fn skipped(&self) -> Vec<SkippedFile> {
        match &self.delta {
            Some(d) => d.rows.skipped(),
            None => self.base.skipped(),
        }
    }

    /// The bytes of the base's payload after the frame, for comparing two
    /// builds: all of the tables unless [`is_layered`](Self::is_layered).
    pub fn payload(&self) -> &[u8] {
        self.base.payload()
    }

    // What a builder reads to carry rows over (see `TablesBuilder::reuse`).

    /// The stored row of definition `id` with global ids, and the segment
    /// whose strings it points into.
    pub(crate) fn symbol_row(&self, id: u32) -> (SymbolRow, &Segment) {
        match self.symbol_at(id) {
            At::Base(id) => (*self.base.symbol_row(id), &self.base),
            At::Delta(local) => {
                let d = self.delta();
                let row = *d.rows.symbol_row(local);
                (SymbolRow { name: d.name(row.name), file: d.file(row.file), parent: d.symbol(row.parent), ..row }, &d.rows)
            }
        }
    }

    /// The stored row of chunk `id`, with global ids.
    pub(crate) fn chunk_row(&self, id: u32) -> ChunkRow {
        match &self.delta {
            Some(d) if id >= d.at.chunks => {
                let row = *d.rows.chunk_row(id - d.at.chunks);
                ChunkRow { file: d.file(row.file), symbol: d.symbol(row.symbol), ..row }
            }
            _ => *self.base.chunk_row(id),
        }
    }

    /// The stored row of reference `id`, with global ids.
    pub(crate) fn reference_row(&self, id: u32) -> ReferenceRow {
        match &self.delta {
            Some(d) if id >= d.at.references => {
                let row = *d.rows.reference_row(id - d.at.references);
                ReferenceRow {
                    file: d.file(row.file),
                    name: d.name(row.name),
                    enclosing: d.symbol(row.enclosing),
                    qualifier: d.name(row.qualifier),
                    qualifier_path: d.name(row.qualifier_path),
                    ..row
                }
            }
            _ => *self.base.reference_row(id),
        }
    }

    /// The bytes of name `id`.
    pub(crate) fn name_bytes(&self, id: u32) -> &[u8] {
        match &self.delta {
            Some(d) if id >= d.at.names => {
                let local = d.own[(id - d.at.names) as usize];
                d.rows.str_bytes(d.rows.name_ref(local))
            }
            _ => self.base.str_bytes(self.base.name_ref(id)),
        }
    }

    /// Name ids sorted by name.
    pub(crate) fn names_sorted(&self) -> Cow<'_, [u32]> {
        let base = self.base.names_sorted();
        let Some(d) = &self.delta else { return Cow::Borrowed(base) };
        let own: Vec<u32> = d.rows.names_sorted().iter().map(|&local| d.name(local)).filter(|&id| id >= d.at.names).collect();
        if own.is_empty() {
            return Cow::Borrowed(base);
        }
        let mut sorted = Vec::with_capacity(base.len() + own.len());
        let mut from = 0;
        for id in own {
            let at = from + base[from..].partition_point(|&b| self.name_bytes(b) < self.name_bytes(id));
            sorted.extend_from_slice(&base[from..at]);
            sorted.push(id);
            from = at;
        }
        sorted.extend_from_slice(&base[from..]);
        Cow::Owned(sorted)
    }

    /// Bytes of the string arenas.
    pub(crate) fn strings_len(&self) -> usize {
        self.base.strings_len() + self.delta.as_ref().map_or(0, |d| d.rows.strings_len())
    }

    /// Number of imports, diagnostics and aliases of all files.
    pub(crate) fn file_extras_len(&self) -> (usize, usize, usize) {
        let (i, d, a) = self.base.file_extras_len();
        let (di, dd, da) = self.delta.as_ref().map_or((0, 0, 0), |d| d.rows.file_extras_len());
        (i + di, d + dd, a + da)
    }

    /// The counts a generation's stats hold of live file `id` alone.
    pub(crate) fn file_stats(&self, id: u32) -> IndexStats {
        let file = self.file(id);
        let mut field_terms = [0u64; 4];
        for chunk in file.chunks.0..file.chunks.1 {
            for (total, terms) in field_terms.iter_mut().zip(self.chunk(chunk).field_terms) {
                *total += u64::from(terms);
            }
        }
        let symbols = u64::from(file.symbols.1 - file.symbols.0);
        IndexStats {
            files: 1,
            symbols,
            chunks: u64::from(file.chunks.1 - file.chunks.0),
            skipped: 0,
            lines: u64::from(file.lines),
            bytes: file.size,
            generated: u64::from(file.generated),
            languages: vec![LanguageStats { language: file.language.name().to_string(), files: 1, symbols, text_only: file.language.grammar().is_none() }],
            field_terms: Some(field_terms),
        }
    }

    /// The number of files, definitions, chunks and references of the delta.
    pub(crate) fn delta_sizes(&self) -> (usize, usize, usize, usize) {
        self.delta.as_ref().map_or((0, 0, 0, 0), |d| (d.rows.files_len(), d.rows.symbols_len(), d.rows.chunks_len(), d.rows.references_len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_inside_ranges_are_found_in_one_merge() {
        let ranges = [(2, 4), (7, 8), (10, 10)];
        assert!(!in_ranges(&ranges, 1));
        assert!(in_ranges(&ranges, 2) && in_ranges(&ranges, 3) && in_ranges(&ranges, 7));
        assert!(!in_ranges(&ranges, 4) && !in_ranges(&ranges, 8) && !in_ranges(&ranges, 10));
        assert_eq!(outside_ranges(&[0, 2, 3, 4, 6, 7, 9, 10], &ranges), vec![0, 4, 6, 9, 10]);
        assert_eq!(outside_ranges(&[1, 5], &[]), vec![1, 5]);
    }

    /// The tables of the index of `root`, with the delta's segment.
    fn layers_of(root: &std::path::Path) -> TablesView {
        let tables = crate::store::Generation::open(root).expect("open").read_tables().expect("tables");
        assert!(tables.is_layered(), "the refresh wrote a delta");
        tables
    }

    #[test]
    fn a_delta_records_the_base_id_of_each_of_its_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |i: usize, extra: &str| {
            std::fs::write(dir.path().join(format!("m{i:04}.py")), format!("def f{i}(x):\n    return g{}(x) + shared(x){extra}\n", i / 2)).expect("write");
        };
        for i in 0..1_100 {
            write(i, "");
        }
        let index = || crate::build_index(dir.path(), &crate::IndexOptions::default(), &mut |_| {}).expect("index");
        index();
        // Names the base has (f3, g1, shared), names new to the delta, and
        // names of a file the delta hides; then a second delta over the
        // first, which carries the first delta's own names.
        for (round, files) in [(0, [3, 40, 41]), (1, [41, 500, 501])] {
            for i in files {
                write(i, &format!(" + fresh_{round}_{i}(x) + f{}(x)", i + 1));
            }
            index();
            let tables = layers_of(dir.path());
            let delta = tables.delta.as_ref().expect("delta");
            let recorded: Vec<Option<u32>> = delta.rows.names_in_base().iter().map(|&id| (id != NONE).then_some(id)).collect();
            assert_eq!(recorded, tables.base.name_ids_of(&delta.rows), "round {round}");
            assert!(recorded.iter().any(Option::is_some) && recorded.iter().any(Option::is_none), "round {round}: {recorded:?}");
            for local in 0..delta.rows.names_len() as u32 {
                assert_eq!(tables.name(delta.name(local)), delta.rows.name(local), "round {round}");
            }
        }
    }
}

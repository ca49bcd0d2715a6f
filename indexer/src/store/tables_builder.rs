//! Writes the tables of a generation (see [`tables`](super::tables)): files are
//! appended in path order, whether parsed anew or carried over from the
//! previous generation, through the same calls, so an incremental build
//! yields exactly the bytes of a full one.

use super::rows::{
    self, AliasRow, CHUNK_KINDS, ChunkRow, FileKeyRow, FileRow, ImportRow, NONE, ReferenceRow, SECTIONS, SYMBOL_KINDS, SkippedRow,
    StrRef, SymbolRow, code_of, language_of,
};
use super::manifest::{IndexStats, LanguageStats};
use super::layered::TablesView;
use super::tables::{self, ChunkRecord, SymbolRecord};
use crate::discover::{SkipReason, SkippedFile};
use crate::parse::{Language, Reference};

/// The interning hash of a name's bytes.
fn name_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// What a new file row needs besides its symbols, chunks and references.
pub(crate) struct FileFacts<'a> {
    pub path: &'a str,
    pub language: Language,
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
    pub blob: [u8; 20],
    pub lines: u32,
    pub generated: bool,
}

/// Appends files and their rows, assigning global ids.
#[derive(Default)]
pub(crate) struct TablesBuilder<'p> {
    /// The generation a refresh starts from: the source of reused files,
    /// and of name ids (see `carried_names`).
    previous: Option<&'p TablesView>,
    files: Vec<FileRow>,
    symbols: Vec<SymbolRow>,
    chunks: Vec<ChunkRow>,
    references: Vec<ReferenceRow>,
    names: Vec<StrRef>,
    imports: Vec<ImportRow>,
    diagnostics: Vec<StrRef>,
    aliases: Vec<AliasRow>,
    strings: Vec<u8>,
    // The id of each name interned so far, found by the xxh3 of its text
    // and compared with the text in `strings`: a slot holds only the id, not
    // a copy of the name (on the Linux tree a boxed copy per name was about
    // a tenth of the builder). Interning runs over every reference of the
    // repository, so xxh3 rather than SipHash. On a refresh it holds only
    // names of parsed files (see `carried_names`).
    name_ids: hashbrown::HashTable<u32>,
    /// Where the current file's rows start.
    open: FileStart,
    /// The id here of each name of the previous generation, `NONE` until
    /// first used. A name the previous generation has is found through
    /// this table whether a reused or a parsed file uses it first (parsed
    /// files find its old id by binary search), so reused rows never hash
    /// a name: hashing them was most of a refresh's copying. Ids are still
    /// given in order of first use, as in a full build.
    carried_names: Vec<u32>,
    /// A delta's builder: how many names the base under `previous` has.
    /// A name of the delta that is one of them was carried (`previous`
    /// numbers the base's names first), so the delta can record each of
    /// its names' base id for readers (`Section::NamesInBase`), who would
    /// otherwise find them by comparing names.
    base_names: Option<usize>,
}

#[derive(Default, Clone, Copy)]
struct FileStart {
    symbols: u32,
    chunks: u32,
    references: u32,
    imports: u32,
    diagnostics: u32,
    aliases: u32,
}

/// The arena is addressed with 32-bit offsets.
#[derive(Debug, thiserror::Error)]
#[error("the index's string table would exceed 4 GiB")]
pub struct TooLarge;

impl<'p> TablesBuilder<'p> {
    fn string(&mut self, s: &str) -> StrRef {
        self.string_bytes(s.as_bytes())
    }

    fn string_bytes(&mut self, bytes: &[u8]) -> StrRef {
        let offset = self.strings.len() as u32;
        self.strings.extend_from_slice(bytes);
        // Overflow is checked once in `finish`; offsets past it are never read.
        StrRef { offset, len: bytes.len() as u32 }
    }

    fn intern(&mut self, name: &str) -> u32 {
        let hash = name_hash(name.as_bytes());
        let (names, strings) = (&self.names, &self.strings);
        if let Some(&id) = self.name_ids.find(hash, |&id| &strings[names[id as usize].range()] == name.as_bytes()) {
            return id;
        }
        let id = match self.previous.and_then(|previous| previous.name_id(name)) {
            // Parsed files use a name many times: search for it once.
            Some(old) => self.carry_name(old),
            None => {
                let id = self.names.len() as u32;
                let stored = self.string(name);
                self.names.push(stored);
                id
            }
        };
        let (names, strings) = (&self.names, &self.strings);
        self.name_ids.insert_unique(hash, id, |&id| name_hash(&strings[names[id as usize].range()]));
        id
    }

    /// The id here of name `old` of the previous generation (see `carried_names`).
    fn carry_name(&mut self, old: u32) -> u32 {
        match self.carried_names[old as usize] {
            NONE => {
                let previous = self.previous.expect("carried names come from the previous tables");
                let id = self.names.len() as u32;
                let stored = self.string_bytes(previous.name_bytes(old));
                self.names.push(stored);
                self.carried_names[old as usize] = id;
                id
            }
            id => id,
        }
    }

    /// [`carry_name`](Self::carry_name) of an optional name id.
    fn carry_optional_name(&mut self, old: u32) -> u32 {
        if old == NONE { NONE } else { self.carry_name(old) }
    }

    /// A builder with room for a generation like `previous` (a refresh
    /// rebuilds tables of about the same size; growing them step by step
    /// was a third of a one-file refresh).
    pub fn sized_like(previous: &'p TablesView) -> TablesBuilder<'p> {
        let room = |n: usize| n + n / 16 + 64;
        let (imports, diagnostics, aliases) = previous.file_extras_len();
        TablesBuilder {
            previous: Some(previous),
            carried_names: vec![NONE; previous.names_len()],
            files: Vec::with_capacity(room(previous.files_len())),
            symbols: Vec::with_capacity(room(previous.symbols_len())),
            chunks: Vec::with_capacity(room(previous.chunks_len())),
            references: Vec::with_capacity(room(previous.references_len())),
            names: Vec::with_capacity(room(previous.names_len())),
            imports: Vec::with_capacity(room(imports)),
            diagnostics: Vec::with_capacity(room(diagnostics)),
            aliases: Vec::with_capacity(room(aliases)),
            strings: Vec::with_capacity(room(previous.strings_len())),
            ..TablesBuilder::default()
        }
    }

    /// A builder of a delta over `previous` (see [`TablesView`]'s
    /// layers), with room for its delta and `parsed_bytes` of parsed source.
    /// Names are its own, carried from `previous` as a refresh carries them.
    pub fn for_delta(previous: &'p TablesView, files: usize, parsed_bytes: u64) -> TablesBuilder<'p> {
        let (delta_files, symbols, chunks, references) = previous.delta_sizes();
        let per = |ratio: f64, carried: usize| (parsed_bytes as f64 * ratio) as usize + carried + 64;
        TablesBuilder {
            previous: Some(previous),
            carried_names: vec![NONE; previous.names_len()],
            files: Vec::with_capacity(files.max(delta_files) + 64),
            symbols: Vec::with_capacity(per(0.006, symbols)),
            chunks: Vec::with_capacity(per(0.004, chunks) + files),
            references: Vec::with_capacity(per(0.014, references)),
            base_names: Some(previous.base_names_len()),
            ..TablesBuilder::default()
        }
    }

    /// A builder with room for the rows of `files` files of `bytes` bytes
    /// of source, from what real trees hold per byte (the Linux and Go
    /// trees: about 0.01 references, 0.003 to 0.004 definitions, 0.002 to
    /// 0.003 chunks and 0.3 string bytes per source byte), with a margin. A
    /// cold build that grows its largest vectors by doubling holds the old
    /// and the new copy at once, which was the peak of its memory; room
    /// reserved and not used is address space, not resident memory.
    pub fn sized_for(files: usize, bytes: u64) -> TablesBuilder<'p> {
        let per = |ratio: f64| (bytes as f64 * ratio) as usize + 64;
        TablesBuilder {
            files: Vec::with_capacity(files + 64),
            symbols: Vec::with_capacity(per(0.006)),
            chunks: Vec::with_capacity(per(0.004) + files),
            references: Vec::with_capacity(per(0.014)),
            names: Vec::with_capacity(per(0.003)),
            strings: Vec::with_capacity(per(0.4)),
            ..TablesBuilder::default()
        }
    }

    /// The id the next file will get.
    pub fn next_file(&self) -> u32 {
        self.files.len() as u32
    }

    /// The id the next symbol will get.
    pub fn next_symbol(&self) -> u32 {
        self.symbols.len() as u32
    }

    /// Number of chunks so far.
    pub fn chunks_len(&self) -> usize {
        self.chunks.len()
    }

    /// Appends a definition of the file being built (global ids).
    pub fn push_symbol(&mut self, symbol: &SymbolRecord<'_>) {
        let name = self.intern(symbol.name);
        self.push_symbol_named(symbol, name);
    }

    /// [`push_symbol`](Self::push_symbol) with the name already interned.
    fn push_symbol_named(&mut self, symbol: &SymbolRecord<'_>, name: u32) {
        let row = SymbolRow {
            name,
            qualified_name: self.string(symbol.qualified_name),
            signature: self.string(symbol.signature),
            doc: self.string(symbol.doc.unwrap_or_default()),
            file: self.next_file(),
            kind: code_of(&SYMBOL_KINDS, &symbol.kind),
            parent: symbol.parent.unwrap_or(NONE),
            start_line: symbol.start_line,
            end_line: symbol.end_line,
            has_doc: u32::from(symbol.doc.is_some()),
        };
        self.symbols.push(row);
    }

    /// Appends a chunk of the file being built (global ids).
    pub fn push_chunk(&mut self, chunk: &ChunkRecord) {
        self.chunks.push(ChunkRow {
            file: self.next_file(),
            start_line: chunk.start_line,
            end_line: chunk.end_line,
            symbol: chunk.symbol.unwrap_or(NONE),
            kind: code_of(&CHUNK_KINDS, &chunk.kind),
            field_terms: chunk.field_terms,
        });
    }

    /// Appends a reference of the file being built, held by definition
    /// `enclosing` (a global id).
    pub fn push_reference(&mut self, reference: &Reference, enclosing: Option<u32>) {
        let name = self.intern(&reference.name);
        let qualifier = reference.qualifier.as_deref().map_or(NONE, |q| self.intern(q));
        let path = reference.qualifier_path.as_ref();
        let qualifier_path = path.map_or(NONE, |p| self.intern(&p.path));
        self.references.push(ReferenceRow {
            file: self.next_file(),
            name,
            line: reference.line,
            enclosing: enclosing.unwrap_or(NONE),
            flags: rows::reference_flags(reference.is_call, reference.receiver, path.is_some_and(|p| p.is_static)),
            qualifier,
            qualifier_path,
        });
    }

    /// Appends an import of the file being built.
    pub fn push_import(&mut self, target: &str, line: u32) {
        let target = self.string(target);
        self.imports.push(ImportRow { target, line, _pad: 0 });
    }

    /// Appends a diagnostic of the file being built.
    pub fn push_diagnostic(&mut self, message: &str) {
        let message = self.string(message);
        self.diagnostics.push(message);
    }

    /// Appends an import alias of the file being built.
    pub fn push_alias(&mut self, local: &str, original: &str, module: &str) {
        let local = self.intern(local);
        let original = self.intern(original);
        let module = self.string(module);
        self.aliases.push(AliasRow { file: self.next_file(), local, original, module });
    }

    /// Closes the file being built; the next pushes belong to the next file.
    pub fn finish_file(&mut self, facts: &FileFacts<'_>) {
        let start = self.open;
        let end = FileStart {
            symbols: self.symbols.len() as u32,
            chunks: self.chunks.len() as u32,
            references: self.references.len() as u32,
            imports: self.imports.len() as u32,
            diagnostics: self.diagnostics.len() as u32,
            aliases: self.aliases.len() as u32,
        };
        let path = self.string(facts.path);
        self.files.push(FileRow {
            path,
            size: facts.size,
            mtime_ns: facts.mtime_ns,
            hash: facts.hash,
            language: rows::language_code(facts.language),
            lines: facts.lines,
            symbols: [start.symbols, end.symbols],
            chunks: [start.chunks, end.chunks],
            references: [start.references, end.references],
            imports: [start.imports, end.imports],
            diagnostics: [start.diagnostics, end.diagnostics],
            aliases: [start.aliases, end.aliases],
            blob: facts.blob,
            flags: if facts.generated { rows::FILE_GENERATED } else { 0 },
        });
        self.open = end;
    }

    /// Copies file `id` of the previous generation with everything it
    /// owns, as if it were parsed again with `mtime_ns` (and `blob`, which
    /// differs from the record's only when git came or went since). Rows
    /// and strings are copied as stored, with ids moved to their new
    /// places; names are carried in the order a parse would intern them.
    pub fn reuse(&mut self, id: u32, mtime_ns: u64, blob: [u8; 20]) {
        let previous = self.previous.expect("reused files come from the previous tables");
        let record = previous.file(id);
        let file = self.next_file();
        let symbol_base = self.next_symbol();
        let shift = |old: u32| if old == NONE { NONE } else { old - record.symbols.0 + symbol_base };
        for old in record.symbols.0..record.symbols.1 {
            let (row, segment) = previous.symbol_row(old);
            let name = self.carry_name(row.name);
            let qualified_name = self.string_bytes(segment.str_bytes(row.qualified_name));
            let signature = self.string_bytes(segment.str_bytes(row.signature));
            let doc = self.string_bytes(segment.str_bytes(row.doc));
            self.symbols.push(SymbolRow { name, qualified_name, signature, doc, file, parent: shift(row.parent), ..row });
        }
        for old in record.chunks.0..record.chunks.1 {
            let row = previous.chunk_row(old);
            self.chunks.push(ChunkRow { file, symbol: shift(row.symbol), ..row });
        }
        for old in record.references.0..record.references.1 {
            let row = previous.reference_row(old);
            let name = self.carry_name(row.name);
            let qualifier = self.carry_optional_name(row.qualifier);
            let qualifier_path = self.carry_optional_name(row.qualifier_path);
            self.references.push(ReferenceRow { file, name, enclosing: shift(row.enclosing), qualifier, qualifier_path, ..row });
        }
        for import in previous.imports(id) {
            self.push_import(import.target, import.line);
        }
        for diagnostic in previous.diagnostics(id) {
            self.push_diagnostic(diagnostic);
        }
        for (local, original, module) in previous.aliases(id) {
            let local = self.carry_name(local);
            let original = self.carry_name(original);
            let module = self.string(module);
            self.aliases.push(AliasRow { file, local, original, module });
        }
        self.finish_file(&FileFacts {
            path: record.path,
            language: record.language,
            size: record.size,
            mtime_ns,
            hash: record.hash,
            blob,
            lines: record.lines,
            generated: record.generated,
        });
    }

    /// Number of files parsed as generated files.
    pub fn generated_files(&self) -> usize {
        self.files.iter().filter(|f| f.flags & rows::FILE_GENERATED != 0).count()
    }

    /// Number of files with diagnostics.
    pub fn files_with_diagnostics(&self) -> usize {
        self.files.iter().filter(|f| f.diagnostics[0] < f.diagnostics[1]).count()
    }

    /// Summary counts: files, symbols, chunks, lines, bytes.
    /// The terms of each text-index field over all chunks (BM25's
    /// statistics), summed once here so that no reader sums them at open.
    pub fn field_term_totals(&self) -> [u64; 4] {
        let mut totals = [0u64; 4];
        for chunk in &self.chunks {
            for (total, terms) in totals.iter_mut().zip(chunk.field_terms) {
                *total += u64::from(terms);
            }
        }
        totals
    }

    /// Files and definitions per language, most files first.
    pub fn language_counts(&self) -> Vec<LanguageStats> {
        let mut by_code: std::collections::BTreeMap<u32, (u64, u64)> = std::collections::BTreeMap::new();
        for file in &self.files {
            let entry = by_code.entry(file.language).or_default();
            entry.0 += 1;
            entry.1 += u64::from(file.symbols[1] - file.symbols[0]);
        }
        let mut counts: Vec<LanguageStats> = by_code
            .into_iter()
            .map(|(code, (files, symbols))| {
                let language = language_of(code);
                LanguageStats { language: language.name().to_string(), files, symbols, text_only: language.grammar().is_none() }
            })
            .collect();
        counts.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.language.cmp(&b.language)));
        counts
    }

    /// The counts of the files built so far (skipped files not among them).
    pub fn stats(&self) -> IndexStats {
        let (files, symbols, chunks, lines, bytes) = self.counts();
        IndexStats {
            files,
            symbols,
            chunks,
            skipped: 0,
            lines,
            bytes,
            generated: self.generated_files() as u64,
            languages: self.language_counts(),
            field_terms: Some(self.field_term_totals()),
        }
    }

    pub fn counts(&self) -> (u64, u64, u64, u64, u64) {
        (
            self.files.len() as u64,
            self.symbols.len() as u64,
            self.chunks.len() as u64,
            self.files.iter().map(|f| u64::from(f.lines)).sum(),
            self.files.iter().map(|f| f.size).sum(),
        )
    }

    /// Name ids in byte order of their names. On a refresh the previous
    /// generation's order of the names carried over is kept, and only the
    /// names new to this one are sorted and placed by binary search.
    fn names_sorted<'s>(&self, str_at: &impl Fn(StrRef) -> &'s [u8]) -> Vec<u32> {
        let text = |id: u32| str_at(self.names[id as usize]);
        let Some(previous) = self.previous else { return sort_names(0..self.names.len() as u32, str_at, &self.names) };
        let carried: Vec<u32> = previous
            .names_sorted()
            .iter()
            .filter_map(|&old| Some(self.carried_names[old as usize]).filter(|&id| id != NONE))
            .collect();
        let mut is_carried = vec![false; self.names.len()];
        for &id in &carried {
            is_carried[id as usize] = true;
        }
        let fresh = sort_names((0..self.names.len() as u32).filter(|&id| !is_carried[id as usize]), str_at, &self.names);
        let mut sorted = Vec::with_capacity(self.names.len());
        let mut from = 0;
        for id in fresh {
            let at = from + carried[from..].partition_point(|&c| text(c) < text(id));
            sorted.extend_from_slice(&carried[from..at]);
            sorted.push(id);
            from = at;
        }
        sorted.extend_from_slice(&carried[from..]);
        sorted
    }

    /// The base's id of each of a delta's names, `NONE` where the base
    /// lacks it; empty for tables that are not a delta.
    fn names_in_base(&self) -> Vec<u32> {
        let Some(base_names) = self.base_names else { return Vec::new() };
        let mut in_base = vec![NONE; self.names.len()];
        for (old, &id) in self.carried_names.iter().enumerate().take(base_names) {
            if id != NONE {
                in_base[id as usize] = old as u32;
            }
        }
        in_base
    }

    /// The sorted sections, computed from the rows.
    fn lookups<'s>(&self, str_at: &(impl Fn(StrRef) -> &'s [u8] + Sync)) -> Lookups {
        // Definitions by name key, then id. Keys are made once per distinct
        // name (not per definition) into one buffer, names are ranked by key
        // (comparing the first eight bytes as one word first), and a counting
        // sort by rank keeps id order within a key. Allocating a string per
        // key was a tenth of a refresh of the Linux tree.
        let mut defined: Vec<u32> = self.symbols.iter().map(|s| s.name).collect();
        defined.sort_unstable();
        defined.dedup();
        let mut key_bytes: Vec<u8> = Vec::with_capacity(defined.len() * 16);
        let mut keyed: Vec<(u64, u32, u32, u32)> = defined
            .into_iter()
            .map(|name| {
                let from = key_bytes.len();
                tables::push_name_key(std::str::from_utf8(str_at(self.names[name as usize])).unwrap_or_default(), &mut key_bytes);
                let key = &key_bytes[from..];
                (prefix_word(key), from as u32, key.len() as u32, name)
            })
            .collect();
        let key_of = |k: &(u64, u32, u32, u32)| &key_bytes[k.1 as usize..(k.1 + k.2) as usize];
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| key_of(a).cmp(key_of(b))));
        let mut rank_of_name = vec![0u32; self.names.len()];
        let mut ranks = 0u32;
        for (i, entry) in keyed.iter().enumerate() {
            if i > 0 && key_of(entry) != key_of(&keyed[i - 1]) {
                ranks += 1;
            }
            rank_of_name[entry.3 as usize] = ranks;
        }
        let symbols_by_name =
            counting_sort(self.symbols.len(), ranks as usize + 1, |id| rank_of_name[self.symbols[id].name as usize]);

        // Reference names are dense ids already.
        let references_by_name = counting_sort(self.references.len(), self.names.len(), |id| self.references[id].name);
        let names_sorted = self.names_sorted(str_at);

        let mut file_keys: Vec<FileKeyRow> = self
            .files
            .iter()
            .enumerate()
            .map(|(id, f)| {
                let path = std::str::from_utf8(str_at(f.path)).unwrap_or_default();
                FileKeyRow { key: crate::text_index::file_key(path), file: id as u32, _pad: 0 }
            })
            .collect();
        file_keys.sort_unstable_by_key(|k| (k.key, k.file));
        Lookups { symbols_by_name, references_by_name, names_sorted, file_keys }
    }

    /// Writes the payload of the tables file (section directory and
    /// 8-aligned sections) to `out`, and returns its length and xxh3.
    /// Streaming it, rather than assembling the file in memory first,
    /// saves a copy of the whole tables and the page faults of fresh memory
    /// for it: a fifth of a one-file refresh of the Go tree.
    pub fn finish(mut self, skipped: &[SkippedFile], out: &mut impl std::io::Write) -> Result<(u64, u64), FinishError> {
        // The interning table is done with, and on a large tree it is a
        // tenth of the builder (a boxed string and a slot per name): freed
        // before the lookups are sorted and the rows written.
        self.name_ids = hashbrown::HashTable::new();
        let skipped: Vec<SkippedRow> = skipped
            .iter()
            .map(|s| {
                let (reason, bytes, detail) = match &s.reason {
                    SkipReason::TooLarge { bytes } => (0, *bytes, ""),
                    SkipReason::Binary => (1, 0, ""),
                    SkipReason::Symlink => (2, 0, ""),
                    SkipReason::Unreadable(why) => (3, 0, why.as_str()),
                    SkipReason::LinkOutside(target) => (4, 0, target.as_str()),
                    SkipReason::LinkDangling => (5, 0, ""),
                    SkipReason::LinkLoop => (6, 0, ""),
                    SkipReason::LinkDuplicate(path) => (7, 0, path.as_str()),
                };
                SkippedRow {
                    path: self.string(&s.path),
                    detail: self.string(detail),
                    size: s.size,
                    mtime_ns: s.mtime_ns,
                    bytes,
                    reason,
                    _pad: 0,
                }
            })
            .collect();
        if self.strings.len() > u32::MAX as usize {
            return Err(FinishError::TooLarge(TooLarge));
        }
        let strings = std::mem::take(&mut self.strings);
        let str_at = |s: StrRef| &strings[s.offset as usize..(s.offset + s.len) as usize];
        let this = &self;

        // The rows go to the file while another thread sorts the lookups,
        // which follow them: on a large tree, sorting is a second or more
        // of CPU and writing the rows as long again of disk. The lookups'
        // lengths are known up front, so the directory can go first.
        let id_bytes = size_of::<u32>();
        let lookup_lens = [
            this.symbols.len() * id_bytes,
            this.references.len() * id_bytes,
            this.names.len() * id_bytes,
            this.files.len() * size_of::<FileKeyRow>(),
        ];
        let rows: [&[u8]; 8] = [
            bytemuck::cast_slice(&this.files),
            bytemuck::cast_slice(&this.symbols),
            bytemuck::cast_slice(&this.chunks),
            bytemuck::cast_slice(&this.references),
            bytemuck::cast_slice(&this.names),
            bytemuck::cast_slice(&this.imports),
            bytemuck::cast_slice(&this.diagnostics),
            bytemuck::cast_slice(&skipped),
        ];
        let names_in_base = this.names_in_base();
        let section_lens: Vec<usize> = rows
            .iter()
            .map(|s| s.len())
            .chain(lookup_lens)
            .chain([bytemuck::cast_slice::<AliasRow, u8>(&this.aliases).len(), names_in_base.len() * id_bytes, strings.len()])
            .collect();
        debug_assert_eq!(section_lens.len(), SECTIONS);
        // Checked here, once, as a reader of an unknown file checks them:
        // readers of this file, while it is the one written, do not check again.
        let checked_rows = tables::Rows {
            files: &this.files,
            symbols: &this.symbols,
            chunks: &this.chunks,
            references: &this.references,
            names: &this.names,
            imports: &this.imports,
            diagnostics: &this.diagnostics,
            skipped: &skipped,
            aliases: &this.aliases,
            strings: strings.len(),
        };
        checked_rows.check().map_err(FinishError::Invalid)?;
        let directory = 8 + 16 * SECTIONS;
        let mut writer = HashingWriter { out, hasher: xxhash_rust::xxh3::Xxh3Default::new(), written: 0 };
        let mut head = Vec::with_capacity(directory);
        head.extend_from_slice(&(SECTIONS as u64).to_le_bytes());
        let mut offset = directory;
        for len in &section_lens {
            head.extend_from_slice(&(offset as u64).to_le_bytes());
            head.extend_from_slice(&(*len as u64).to_le_bytes());
            offset += len.next_multiple_of(8);
        }
        let (written, lookups) = std::thread::scope(|scope| {
            let lookups = scope.spawn(|| this.lookups(&str_at));
            let written = writer.write(&head).and_then(|()| rows.iter().try_for_each(|section| writer.write_section(section)));
            (written, lookups.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        written?;
        let Lookups { symbols_by_name, references_by_name, names_sorted, file_keys } = lookups;
        let checked_lookups = tables::Lookups { symbols_by_name: &symbols_by_name, references_by_name: &references_by_name, names_sorted: &names_sorted, file_keys: &file_keys };
        checked_rows.check_lookups(&checked_lookups).map_err(FinishError::Invalid)?;
        let rest: [&[u8]; 7] = [
            bytemuck::cast_slice(&symbols_by_name),
            bytemuck::cast_slice(&references_by_name),
            bytemuck::cast_slice(&names_sorted),
            bytemuck::cast_slice(&file_keys),
            bytemuck::cast_slice(&this.aliases),
            bytemuck::cast_slice(&names_in_base),
            &strings,
        ];
        for (section, len) in rest.iter().zip(&section_lens[8..]) {
            debug_assert_eq!(section.len(), *len);
            writer.write_section(section)?;
        }
        debug_assert_eq!(writer.written, offset as u64);
        Ok((writer.written, writer.hasher.digest()))
    }
}

/// The sections sorted for lookups.
struct Lookups {
    symbols_by_name: Vec<u32>,
    references_by_name: Vec<u32>,
    names_sorted: Vec<u32>,
    file_keys: Vec<FileKeyRow>,
}

/// Why the tables could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FinishError {
    /// The string arena outgrew its 32-bit offsets.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    /// Writing failed (a full disk, an I/O error).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The rows built do not hold together (a bug of the builder).
    #[error("the tables built are inconsistent: {0}")]
    Invalid(String),
}

/// Passes bytes on and hashes them on the way.
struct HashingWriter<'a, W: std::io::Write> {
    out: &'a mut W,
    hasher: xxhash_rust::xxh3::Xxh3Default,
    written: u64,
}

impl<W: std::io::Write> HashingWriter<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.hasher.update(bytes);
        self.written += bytes.len() as u64;
        self.out.write_all(bytes)
    }

    /// A section and its padding to a multiple of 8 bytes.
    fn write_section(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.write(bytes)?;
        self.write(&[0u8; 8][..bytes.len().next_multiple_of(8) - bytes.len()])
    }
}

/// The first eight bytes of `bytes` as one big-endian word, zero-padded:
/// words order as the byte strings do, except that equal words need the
/// whole strings compared. Sorting by it first keeps most comparisons out
/// of the string arena.
fn prefix_word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    u64::from_be_bytes(word)
}

/// `ids` in byte order of their names (by [`prefix_word`], then whole).
fn sort_names<'s>(ids: impl Iterator<Item = u32>, str_at: &impl Fn(StrRef) -> &'s [u8], names: &[StrRef]) -> Vec<u32> {
    let text = |id: u32| str_at(names[id as usize]);
    let mut by_prefix: Vec<(u64, u32)> = ids.map(|id| (prefix_word(text(id)), id)).collect();
    by_prefix.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| text(a.1).cmp(text(b.1))));
    by_prefix.into_iter().map(|(_, id)| id).collect()
}

/// The ids `0..len` ordered by `bucket(id)` (each below `buckets`), in id
/// order within a bucket.
fn counting_sort(len: usize, buckets: usize, bucket: impl Fn(usize) -> u32) -> Vec<u32> {
    let mut starts = vec![0u32; buckets + 1];
    for id in 0..len {
        starts[bucket(id) as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut sorted = vec![0u32; len];
    for id in 0..len {
        let at = &mut starts[bucket(id) as usize];
        sorted[*at as usize] = id as u32;
        *at += 1;
    }
    sorted
}

//! The tables of an index generation: files, symbols, chunks, references,
//! imports and skipped files, with global ids, plus the sorted lookups that
//! queries need (symbols by name, references by name, files by key).
//!
//! They are stored as fixed-size little-endian rows in sections of one
//! file, with every string in one arena, so a reader maps the file and uses
//! it in place: opening the tables of a two-million-line repository costs a
//! checksum pass, not a decode into millions of allocations. The layout is
//! in `docs/format.md` and its rows in `rows`; `tables_builder::TablesBuilder`
//! writes it.

use super::file_bytes::FileBytes;
use super::frame::TABLES_HEADER_BYTES;
use super::rows::{
    AliasRow, CHUNK_KINDS, ChunkRow, FILE_GENERATED, FileKeyRow, FileRow, ImportRow, NONE, ReferenceRow, SECTIONS, STATIC_PATH,
    SYMBOL_KINDS, Section, SkippedRow, StrRef, SymbolRow, language_of,
};
use crate::discover::{SkipReason, SkippedFile};
use crate::parse::{ChunkKind, Language, PARSED_LANGUAGES, Receiver, SymbolKind};
use bytemuck::Pod;
use std::ops::Range;

/// One indexed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRecord<'a> {
    /// Path relative to the root, `/`-separated.
    pub path: &'a str,
    /// Detected language.
    pub language: Language,
    /// Size in bytes when indexed.
    pub size: u64,
    /// Modification time (ns since the epoch) when indexed.
    pub mtime_ns: u64,
    /// xxh3 of the content when indexed.
    pub hash: u64,
    /// Git blob id (SHA-1 of `blob <len>\0` and the bytes as read, no
    /// filters) of the content when indexed inside a git work tree; zeros
    /// elsewhere. A refresh compares it with the id in git's index.
    pub blob: [u8; 20],
    /// Number of lines.
    pub lines: u32,
    /// Parsed as a generated file: no uses inside its bodies and values
    /// are recorded (see [`crate::ParsedFile::generated`]).
    pub generated: bool,
    /// Range of this file's symbol ids.
    pub symbols: (u32, u32),
    /// Range of this file's chunk ids.
    pub chunks: (u32, u32),
    /// Range of this file's reference ids.
    pub references: (u32, u32),
    pub(crate) imports: (u32, u32),
    pub(crate) diagnostics: (u32, u32),
    pub(crate) aliases: (u32, u32),
}

/// One definition, with global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SymbolRecord<'a> {
    /// The file it is defined in.
    pub file: u32,
    /// The name.
    pub name: &'a str,
    /// The kind.
    pub kind: SymbolKind,
    /// The qualified name.
    pub qualified_name: &'a str,
    /// The enclosing definition.
    pub parent: Option<u32>,
    /// First line (1-based).
    pub start_line: u32,
    /// Last line (inclusive).
    pub end_line: u32,
    /// The declaration up to its body.
    pub signature: &'a str,
    /// The doc comment.
    pub doc: Option<&'a str>,
}

/// One chunk, with global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkRecord {
    /// The file.
    pub file: u32,
    /// First line (1-based).
    pub start_line: u32,
    /// Last line (inclusive).
    pub end_line: u32,
    /// The definition it belongs to.
    pub symbol: Option<u32>,
    /// What it holds.
    pub kind: ChunkKind,
    /// Terms in each text field (path, names, doc, body), for exact BM25
    /// statistics however the text index is segmented.
    pub field_terms: [u32; 4],
}

/// One identifier use, kept for the symbol graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceRecord {
    /// The file it appears in.
    pub file: u32,
    /// Name id (see [`TablesView::name`](super::layered::TablesView::name)).
    pub name: u32,
    /// Line of its first use in the enclosing definition.
    pub line: u32,
    /// The enclosing definition.
    pub enclosing: Option<u32>,
    /// Whether it is a call.
    pub is_call: bool,
    /// What the name is reached through.
    pub receiver: Receiver,
    /// Name id of the last identifier of the object or path before the name.
    pub qualifier: Option<u32>,
    /// Name id of what the qualifier stands for beyond its last identifier:
    /// the whole path, or the type of the variable it names (see
    /// [`QualifierPath`](crate::QualifierPath)).
    pub qualifier_path: Option<u32>,
    /// Whether that path certainly names a type or module.
    pub static_path: bool,
}

/// One import statement of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportRecord<'a> {
    /// The imported module or path as written.
    pub target: &'a str,
    /// Its line (1-based).
    pub line: u32,
}

fn id_option(id: u32) -> Option<u32> {
    (id != NONE).then_some(id)
}

/// The lookup key of a name: lower-cased, underscores removed, so
/// `parse_line`, `parseLine` and `ParseLine` meet.
pub fn name_key(name: &str) -> String {
    let mut key = Vec::with_capacity(name.len());
    push_name_key(name, &mut key);
    String::from_utf8(key).unwrap_or_default()
}

/// Appends the UTF-8 bytes of [`name_key`] of `name` to `out`.
pub(crate) fn push_name_key(name: &str, out: &mut Vec<u8>) {
    if name.is_ascii() {
        // Most identifiers: the same key, a byte at a time.
        out.extend(name.bytes().filter(|b| *b != b'_').map(|b| b.to_ascii_lowercase()));
        return;
    }
    for c in name_key_chars(name) {
        out.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
    }
}

/// The characters of [`name_key`], without allocating.
fn name_key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase)
}

/// One tables file of a generation, read in place from its (mapped)
/// bytes: the whole tables, or the base or the delta of layered ones
/// (see [`TablesView`](super::layered::TablesView)).
pub(crate) struct Segment {
    bytes: FileBytes,
    /// Byte range of each section within `bytes`.
    sections: [Range<usize>; SECTIONS],
}

impl std::fmt::Debug for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segment").field("files", &self.files_len()).field("symbols", &self.symbols_len()).finish()
    }
}

impl Segment {
    /// The view of a tables payload after its section directory is checked.
    fn sections_of(bytes: FileBytes, payload_at: usize) -> Result<Segment, String> {
        let payload_len = bytes.len() - payload_at;
        let word = |at: usize| -> Result<u64, String> {
            let slice = bytes.get(payload_at + at..payload_at + at + 8).ok_or("truncated section directory")?;
            Ok(u64::from_le_bytes(slice.try_into().expect("8 bytes")))
        };
        if word(0)? != SECTIONS as u64 {
            return Err(format!("{} sections, expected {SECTIONS}", word(0)?));
        }
        let mut sections: [Range<usize>; SECTIONS] = Default::default();
        for (i, section) in sections.iter_mut().enumerate() {
            let offset = word(8 + 16 * i)? as usize;
            let len = word(16 + 16 * i)? as usize;
            if !offset.is_multiple_of(8) || offset.checked_add(len).is_none_or(|end| end > payload_len) {
                return Err(format!("section {i} out of bounds"));
            }
            *section = payload_at + offset..payload_at + offset + len;
        }
        Ok(Segment { bytes, sections })
    }

    /// Checks the section directory of a verified payload (starting at
    /// `payload_at` within `bytes`) and every row count, so that no later
    /// access can fall outside the file.
    pub(crate) fn new(bytes: FileBytes, payload_at: usize) -> Result<Segment, String> {
        let view = Self::sections_of(bytes, payload_at)?;
        view.check()?;
        Ok(view)
    }

    /// [`new`](Self::new) of a tables file verified in full when it was
    /// written (its writer reads it back through [`new`](Self::new) before
    /// the manifest names it): the section directory is checked, the rows
    /// are not again.
    pub(crate) fn new_verified(bytes: FileBytes, payload_at: usize) -> Result<Segment, String> {
        Self::sections_of(bytes, payload_at)
    }

    fn raw(&self, section: Section) -> &[u8] {
        &self.bytes[self.sections[section as usize].clone()]
    }

    fn rows<T: Pod>(&self, section: Section) -> &[T] {
        // `check` proved every section castable when the view was made.
        bytemuck::cast_slice(self.raw(section))
    }

    fn check(&self) -> Result<(), String> {
        fn castable<T: Pod>(view: &Segment, section: Section) -> Result<&[T], String> {
            bytemuck::try_cast_slice::<u8, T>(view.raw(section)).map_err(|e| format!("section {section:?}: {e}"))
        }
        let rows = Rows {
            files: castable(self, Section::Files)?,
            symbols: castable(self, Section::Symbols)?,
            chunks: castable(self, Section::Chunks)?,
            references: castable(self, Section::References)?,
            names: castable(self, Section::Names)?,
            imports: castable(self, Section::Imports)?,
            diagnostics: castable(self, Section::Diagnostics)?,
            skipped: castable(self, Section::Skipped)?,
            aliases: castable(self, Section::Aliases)?,
            strings: self.raw(Section::Strings).len(),
        };
        let lookups = Lookups {
            symbols_by_name: castable(self, Section::SymbolsByName)?,
            references_by_name: castable(self, Section::ReferencesByName)?,
            names_sorted: castable(self, Section::NamesSorted)?,
            file_keys: castable(self, Section::FileKeys)?,
        };
        castable::<u32>(self, Section::NamesInBase)?;
        rows.check()?;
        rows.check_lookups(&lookups)
    }

    /// The bytes of a string of the arena, unchecked (for copying it).
    pub(crate) fn str_bytes(&self, s: StrRef) -> &[u8] {
        &self.raw(Section::Strings)[s.range()]
    }

    /// The stored row of definition `id` (for copying it).
    pub(crate) fn symbol_row(&self, id: u32) -> &SymbolRow {
        &self.rows::<SymbolRow>(Section::Symbols)[id as usize]
    }

    /// The stored row of chunk `id` (for copying it).
    pub(crate) fn chunk_row(&self, id: u32) -> &ChunkRow {
        &self.rows::<ChunkRow>(Section::Chunks)[id as usize]
    }

    /// The stored row of reference `id` (for copying it).
    pub(crate) fn reference_row(&self, id: u32) -> &ReferenceRow {
        &self.rows::<ReferenceRow>(Section::References)[id as usize]
    }

    /// Name ids sorted by name.
    pub(crate) fn names_sorted(&self) -> &[u32] {
        self.rows::<u32>(Section::NamesSorted)
    }

    /// The stored string of name `id` (for copying it).
    pub(crate) fn name_ref(&self, id: u32) -> StrRef {
        self.rows::<StrRef>(Section::Names)[id as usize]
    }

    /// A string of the arena. Invalid UTF-8 (which a verified checksum
    /// rules out) reads as empty rather than panicking.
    fn str(&self, s: StrRef) -> &str {
        std::str::from_utf8(self.str_bytes(s)).unwrap_or_default()
    }

    /// Number of indexed files.
    pub fn files_len(&self) -> usize {
        self.rows::<FileRow>(Section::Files).len()
    }

    /// File `id`.
    pub fn file(&self, id: u32) -> FileRecord<'_> {
        let row = &self.rows::<FileRow>(Section::Files)[id as usize];
        FileRecord {
            path: self.str(row.path),
            language: language_of(row.language),
            size: row.size,
            mtime_ns: row.mtime_ns,
            hash: row.hash,
            blob: row.blob,
            lines: row.lines,
            generated: row.flags & FILE_GENERATED != 0,
            symbols: (row.symbols[0], row.symbols[1]),
            chunks: (row.chunks[0], row.chunks[1]),
            references: (row.references[0], row.references[1]),
            imports: (row.imports[0], row.imports[1]),
            diagnostics: (row.diagnostics[0], row.diagnostics[1]),
            aliases: (row.aliases[0], row.aliases[1]),
        }
    }

    /// The path of file `id` (cheaper than [`file`](Self::file)).
    pub fn file_path(&self, id: u32) -> &str {
        self.str(self.rows::<FileRow>(Section::Files)[id as usize].path)
    }

    /// The imports of file `id`.
    pub fn imports(&self, file: u32) -> impl ExactSizeIterator<Item = ImportRecord<'_>> + '_ {
        let row = &self.rows::<FileRow>(Section::Files)[file as usize];
        self.rows::<ImportRow>(Section::Imports)[row.imports[0] as usize..row.imports[1] as usize]
            .iter()
            .map(|i| ImportRecord { target: self.str(i.target), line: i.line })
    }

    /// The problems met while reading or parsing file `id`.
    pub fn diagnostics(&self, file: u32) -> impl ExactSizeIterator<Item = &str> + '_ {
        let row = &self.rows::<FileRow>(Section::Files)[file as usize];
        self.rows::<StrRef>(Section::Diagnostics)[row.diagnostics[0] as usize..row.diagnostics[1] as usize]
            .iter()
            .map(|s| self.str(*s))
    }

    /// The import aliases of file `id`: (local name id, original name id, module as written).
    pub fn aliases(&self, file: u32) -> impl ExactSizeIterator<Item = (u32, u32, &str)> + '_ {
        let row = &self.rows::<FileRow>(Section::Files)[file as usize];
        self.rows::<AliasRow>(Section::Aliases)[row.aliases[0] as usize..row.aliases[1] as usize]
            .iter()
            .map(|a| (a.local, a.original, self.str(a.module)))
    }

    /// Every import alias of the repository: (file, local name id, original name id).
    pub fn all_aliases(&self) -> impl ExactSizeIterator<Item = (u32, u32, u32)> + '_ {
        self.rows::<AliasRow>(Section::Aliases).iter().map(|a| (a.file, a.local, a.original))
    }

    /// Every name a file exports under another name (an alias whose module
    /// is empty, see [`Alias`](crate::Alias)): (file, exported name id, original name id).
    pub fn exports(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.rows::<AliasRow>(Section::Aliases).iter().filter(|a| a.module.len == 0).map(|a| (a.file, a.local, a.original))
    }

    /// Number of definitions.
    pub fn symbols_len(&self) -> usize {
        self.rows::<SymbolRow>(Section::Symbols).len()
    }

    /// Definition `id`.
    pub fn symbol(&self, id: u32) -> SymbolRecord<'_> {
        let row = &self.rows::<SymbolRow>(Section::Symbols)[id as usize];
        SymbolRecord {
            file: row.file,
            name: self.name(row.name),
            kind: SYMBOL_KINDS[row.kind as usize],
            qualified_name: self.str(row.qualified_name),
            parent: id_option(row.parent),
            start_line: row.start_line,
            end_line: row.end_line,
            signature: self.str(row.signature),
            doc: (row.has_doc != 0).then(|| self.str(row.doc)),
        }
    }

    /// The name of definition `id` (cheaper than [`symbol`](Self::symbol)).
    pub fn symbol_name(&self, id: u32) -> &str {
        self.name(self.symbol_name_id(id))
    }

    /// The name id of definition `id` (see [`name`](Self::name)).
    pub fn symbol_name_id(&self, id: u32) -> u32 {
        self.rows::<SymbolRow>(Section::Symbols)[id as usize].name
    }

    /// The file of definition `id`.
    pub fn symbol_file(&self, id: u32) -> u32 {
        self.rows::<SymbolRow>(Section::Symbols)[id as usize].file
    }

    /// Number of chunks.
    pub fn chunks_len(&self) -> usize {
        self.rows::<ChunkRow>(Section::Chunks).len()
    }

    /// Chunk `id`.
    pub fn chunk(&self, id: u32) -> ChunkRecord {
        let row = &self.rows::<ChunkRow>(Section::Chunks)[id as usize];
        ChunkRecord {
            file: row.file,
            start_line: row.start_line,
            end_line: row.end_line,
            symbol: id_option(row.symbol),
            kind: CHUNK_KINDS[row.kind as usize],
            field_terms: row.field_terms,
        }
    }

    /// Number of references.
    pub fn references_len(&self) -> usize {
        self.rows::<ReferenceRow>(Section::References).len()
    }

    /// Reference `id`.
    pub fn reference(&self, id: u32) -> ReferenceRecord {
        let row = &self.rows::<ReferenceRow>(Section::References)[id as usize];
        ReferenceRecord {
            file: row.file,
            name: row.name,
            line: row.line,
            enclosing: id_option(row.enclosing),
            is_call: row.flags & 1 != 0,
            receiver: Receiver::from_code((row.flags >> 1) & 3),
            qualifier: id_option(row.qualifier),
            qualifier_path: id_option(row.qualifier_path),
            static_path: row.flags & STATIC_PATH != 0,
        }
    }

    /// Bytes of the string arena.
    pub(crate) fn strings_len(&self) -> usize {
        self.raw(Section::Strings).len()
    }

    /// Number of imports, diagnostics and aliases of all files.
    pub(crate) fn file_extras_len(&self) -> (usize, usize, usize) {
        (
            self.rows::<ImportRow>(Section::Imports).len(),
            self.rows::<StrRef>(Section::Diagnostics).len(),
            self.rows::<AliasRow>(Section::Aliases).len(),
        )
    }

    /// Number of interned names.
    pub fn names_len(&self) -> usize {
        self.rows::<StrRef>(Section::Names).len()
    }

    /// Interned name `id` of references.
    pub fn name(&self, id: u32) -> &str {
        self.str(self.rows::<StrRef>(Section::Names)[id as usize])
    }

    /// The id of a reference name, if any reference uses exactly `name`.
    pub fn name_id(&self, name: &str) -> Option<u32> {
        // Byte order is `str` order; comparing bytes skips UTF-8 checks.
        let sorted = self.rows::<u32>(Section::NamesSorted);
        sorted.binary_search_by(|&id| self.str_bytes(self.name_ref(id)).cmp(name.as_bytes())).ok().map(|at| sorted[at])
    }

    /// The base's id of each of this delta's names (see
    /// [`Section::NamesInBase`]): as written, unchecked.
    pub(crate) fn names_in_base(&self) -> &[u32] {
        self.rows::<u32>(Section::NamesInBase)
    }

    /// The id here of each of `other`'s names (by `other`'s name id), if
    /// this segment has it: one walk of both sorted name lists, each step
    /// a galloping search from where the last one ended. Opening layered
    /// tables did this until a delta came to record the answer
    /// ([`names_in_base`](Self::names_in_base)); the tests check that
    /// record against it.
    #[cfg(test)]
    pub(crate) fn name_ids_of(&self, other: &Segment) -> Vec<Option<u32>> {
        let mine = self.names_sorted();
        let text = |id: u32| self.str_bytes(self.name_ref(id));
        let mut found = vec![None; other.names_len()];
        let mut from = 0;
        for &theirs in other.names_sorted() {
            let name = other.str_bytes(other.name_ref(theirs));
            // Every name before `low` sorts before `name`; gallop until
            // `high` does not, then search between them.
            let (mut low, mut high, mut step) = (from, from, 1);
            while high < mine.len() && text(mine[high]) < name {
                low = high + 1;
                high = low + step;
                step *= 2;
            }
            let high = high.min(mine.len());
            from = low + mine[low..high].partition_point(|&id| text(id) < name);
            if from < mine.len() && text(mine[from]) == name {
                found[theirs as usize] = Some(mine[from]);
            }
        }
        found
    }

    /// The references to name id `name`, in id order.
    pub fn references_named(&self, name: u32) -> &[u32] {
        let by_name = self.rows::<u32>(Section::ReferencesByName);
        let refs = self.rows::<ReferenceRow>(Section::References);
        let from = by_name.partition_point(|&r| refs[r as usize].name < name);
        let to = by_name.partition_point(|&r| refs[r as usize].name <= name);
        &by_name[from..to]
    }

    /// Definitions whose name matches `name` ignoring case and underscores
    /// (see [`name_key`]), in id order.
    pub fn symbols_named(&self, name: &str) -> &[u32] {
        let sorted = self.rows::<u32>(Section::SymbolsByName);
        let key = |id: u32| name_key_chars(self.symbol_name(id));
        let from = sorted.partition_point(|&id| key(id).lt(name_key_chars(name)));
        let to = from + sorted[from..].partition_point(|&id| key(id).eq(name_key_chars(name)));
        &sorted[from..to]
    }

    /// The file whose text-index key (see [`file_key`](crate::text_index::file_key)) is `key`.
    pub fn file_by_key(&self, key: u64) -> Option<u32> {
        let keys = self.rows::<FileKeyRow>(Section::FileKeys);
        keys.binary_search_by_key(&key, |k| k.key).ok().map(|at| keys[at].file)
    }

    /// The ids of `paths` (sorted, as a walk gives them), found in one
    /// pass over the files, which are sorted by path too: a merge, not a
    /// binary search per path; `None` for a path not indexed.
    pub fn files_by_sorted_paths<'p>(&self, paths: impl Iterator<Item = &'p str>) -> Vec<Option<u32>> {
        let files = self.rows::<FileRow>(Section::Files);
        let mut at = 0usize;
        paths
            .map(|path| {
                while at < files.len() && self.str_bytes(files[at].path) < path.as_bytes() {
                    at += 1;
                }
                (at < files.len() && self.str_bytes(files[at].path) == path.as_bytes()).then_some(at as u32)
            })
            .collect()
    }

    /// The index of the file at `path`, if indexed.
    pub fn file_by_path(&self, path: &str) -> Option<u32> {
        let files = self.rows::<FileRow>(Section::Files);
        // Bytes compare as their strings do, without checking UTF-8 at every step.
        files.binary_search_by(|f| self.str_bytes(f.path).cmp(path.as_bytes())).ok().map(|i| i as u32)
    }

    /// The indexes of the files whose path starts with `prefix` (a run:
    /// the files are sorted by path).
    pub fn files_under(&self, prefix: &str) -> std::ops::Range<u32> {
        let files = self.rows::<FileRow>(Section::Files);
        let prefix = prefix.as_bytes();
        let start = files.partition_point(|f| self.str_bytes(f.path) < prefix);
        let len = files[start..].partition_point(|f| self.str_bytes(f.path).starts_with(prefix));
        start as u32..(start + len) as u32
    }

    /// Files passed over, with reasons, sorted by path.
    pub fn skipped(&self) -> Vec<SkippedFile> {
        self.rows::<SkippedRow>(Section::Skipped)
            .iter()
            .map(|row| SkippedFile {
                path: self.str(row.path).to_string(),
                reason: match row.reason {
                    0 => SkipReason::TooLarge { bytes: row.bytes },
                    1 => SkipReason::Binary,
                    2 => SkipReason::Symlink,
                    4 => SkipReason::LinkOutside(self.str(row.detail).to_string()),
                    5 => SkipReason::LinkDangling,
                    6 => SkipReason::LinkLoop,
                    7 => SkipReason::LinkDuplicate(self.str(row.detail).to_string()),
                    _ => SkipReason::Unreadable(self.str(row.detail).to_string()),
                },
                size: row.size,
                mtime_ns: row.mtime_ns,
            })
            .collect()
    }

    /// The bytes of the payload after the frame, for comparing two builds.
    pub fn payload(&self) -> &[u8] {
        &self.bytes[TABLES_HEADER_BYTES..]
    }
}

/// The row sections of a tables file, as stored or as a builder holds
/// them before writing: what [`Rows::check`] proves consistent, so that no
/// access of a reader can fall outside the tables.
pub(crate) struct Rows<'a> {
    pub(crate) files: &'a [FileRow],
    pub(crate) symbols: &'a [SymbolRow],
    pub(crate) chunks: &'a [ChunkRow],
    pub(crate) references: &'a [ReferenceRow],
    pub(crate) names: &'a [StrRef],
    pub(crate) imports: &'a [ImportRow],
    pub(crate) diagnostics: &'a [StrRef],
    pub(crate) skipped: &'a [SkippedRow],
    pub(crate) aliases: &'a [AliasRow],
    /// The length of the string arena.
    pub(crate) strings: usize,
}

/// The lookup sections of a tables file.
pub(crate) struct Lookups<'a> {
    pub(crate) symbols_by_name: &'a [u32],
    pub(crate) references_by_name: &'a [u32],
    pub(crate) names_sorted: &'a [u32],
    pub(crate) file_keys: &'a [FileKeyRow],
}

impl Rows<'_> {
    fn in_strings(&self, s: &StrRef) -> bool {
        (u64::from(s.offset) + u64::from(s.len)) <= self.strings as u64
    }

    /// Every id of every row within its table and every string within the arena.
    pub(crate) fn check(&self) -> Result<(), String> {
        let (files, symbols, chunks, references, names) = (self.files.len(), self.symbols.len(), self.chunks.len(), self.references.len(), self.names.len());
        let in_strings = |s: &StrRef| self.in_strings(s);
        let range_ok = |r: [u32; 2], len: usize| r[0] <= r[1] && r[1] as usize <= len;
        for f in self.files {
            let ok = in_strings(&f.path)
                && (f.language as usize) <= PARSED_LANGUAGES.len()
                && range_ok(f.symbols, symbols)
                && range_ok(f.chunks, chunks)
                && range_ok(f.references, references)
                && range_ok(f.imports, self.imports.len())
                && range_ok(f.diagnostics, self.diagnostics.len())
                && range_ok(f.aliases, self.aliases.len());
            if !ok {
                return Err("a file row points outside the tables".into());
            }
        }
        // The big sections are checked without early exits (`&` and `|`,
        // not `&&` and `||`), which lets the loops be vectorized: checking
        // row by row was 6% of a pack's CPU on the Linux tree, then 1%.
        let id_ok = |id: u32, len: usize| (id == NONE) | ((id as usize) < len);
        let symbols_ok = self.symbols.iter().fold(true, |ok, s| {
            ok & in_strings(&s.qualified_name)
                & in_strings(&s.signature)
                & in_strings(&s.doc)
                & ((s.name as usize) < names)
                & ((s.file as usize) < files)
                & ((s.kind as usize) < SYMBOL_KINDS.len())
                & id_ok(s.parent, symbols)
        });
        if !symbols_ok {
            return Err("a symbol row points outside the tables".into());
        }
        let chunks_ok = self.chunks.iter().fold(true, |ok, c| {
            ok & ((c.file as usize) < files) & ((c.kind as usize) < CHUNK_KINDS.len()) & id_ok(c.symbol, symbols)
        });
        if !chunks_ok {
            return Err("a chunk row points outside the tables".into());
        }
        let references_ok = self.references.iter().fold(true, |ok, r| {
            ok & ((r.file as usize) < files)
                & ((r.name as usize) < names)
                & id_ok(r.enclosing, symbols)
                & id_ok(r.qualifier, names)
                & id_ok(r.qualifier_path, names)
        });
        if !references_ok {
            return Err("a reference row points outside the tables".into());
        }
        let strs_ok = self.names.iter().all(in_strings)
            && self.diagnostics.iter().all(in_strings)
            && self.imports.iter().all(|i| in_strings(&i.target))
            && self.skipped.iter().all(|s| in_strings(&s.path) && in_strings(&s.detail) && s.reason < 8)
            && self.aliases.iter().all(|a| (a.file as usize) < files && (a.local as usize) < names && (a.original as usize) < names && in_strings(&a.module));
        if !strs_ok {
            return Err("a lookup points outside the tables".into());
        }
        Ok(())
    }

    /// The lookups match their tables and point inside them.
    pub(crate) fn check_lookups(&self, lookups: &Lookups<'_>) -> Result<(), String> {
        let (files, symbols, references, names) = (self.files.len(), self.symbols.len(), self.references.len(), self.names.len());
        if lookups.symbols_by_name.len() != symbols
            || lookups.references_by_name.len() != references
            || lookups.names_sorted.len() != names
            || lookups.file_keys.len() != files
        {
            return Err("lookup sections do not match their tables".into());
        }
        let below = |ids: &[u32], len: usize| ids.iter().fold(true, |ok, &i| ok & ((i as usize) < len));
        let ok = below(lookups.symbols_by_name, symbols)
            && below(lookups.references_by_name, references)
            && below(lookups.names_sorted, names)
            && lookups.file_keys.iter().all(|k| (k.file as usize) < files);
        if !ok {
            return Err("a lookup points outside the tables".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::FileBytes;
    use bytemuck::Zeroable;

    /// The rows of a one-file table: one definition, one chunk, one reference.
    struct Rows {
        file: FileRow,
        symbol: SymbolRow,
        chunk: ChunkRow,
        reference: ReferenceRow,
    }

    fn valid_rows() -> Rows {
        let name = StrRef { offset: 0, len: 1 };
        Rows {
            file: FileRow {
                path: StrRef { offset: 1, len: 4 },
                symbols: [0, 1],
                chunks: [0, 1],
                references: [0, 1],
                ..Zeroable::zeroed()
            },
            symbol: SymbolRow { qualified_name: name, signature: name, doc: StrRef::default(), parent: NONE, end_line: 1, ..Zeroable::zeroed() },
            chunk: ChunkRow { symbol: 0, end_line: 1, ..Zeroable::zeroed() },
            reference: ReferenceRow { enclosing: 0, qualifier: NONE, qualifier_path: NONE, ..Zeroable::zeroed() },
        }
    }

    /// A payload of `rows` laid out as the builder lays it out, opened.
    fn open(rows: &Rows) -> Result<Segment, String> {
        let strings = b"fa.go".to_vec();
        let sections: [Vec<u8>; SECTIONS] = [
            bytemuck::bytes_of(&rows.file).to_vec(),
            bytemuck::bytes_of(&rows.symbol).to_vec(),
            bytemuck::bytes_of(&rows.chunk).to_vec(),
            bytemuck::bytes_of(&rows.reference).to_vec(),
            bytemuck::bytes_of(&StrRef { offset: 0, len: 1 }).to_vec(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            0u32.to_le_bytes().to_vec(),
            0u32.to_le_bytes().to_vec(),
            0u32.to_le_bytes().to_vec(),
            bytemuck::bytes_of(&FileKeyRow { key: 0, file: 0, _pad: 0 }).to_vec(),
            Vec::new(),
            Vec::new(),
            strings,
        ];
        segment_of(&sections)
    }

    /// `sections` laid out as the builder lays them out (a table of
    /// offsets and lengths, each section 8-aligned), opened.
    fn segment_of(sections: &[Vec<u8>; SECTIONS]) -> Result<Segment, String> {
        let mut payload = (SECTIONS as u64).to_le_bytes().to_vec();
        let mut offset = 8 + 16 * SECTIONS;
        for section in sections {
            payload.extend_from_slice(&(offset as u64).to_le_bytes());
            payload.extend_from_slice(&(section.len() as u64).to_le_bytes());
            offset += section.len().next_multiple_of(8);
        }
        for section in sections {
            payload.extend_from_slice(section);
            payload.resize(payload.len().next_multiple_of(8), 0);
        }
        let mut words = vec![0u64; payload.len() / 8];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words).copy_from_slice(&payload);
        Segment::new(FileBytes::Read(words, payload.len()), 0)
    }

    /// A segment that holds only `names` (in this order of ids).
    fn names_only(names: &[&str]) -> Segment {
        let mut strings = Vec::new();
        let mut refs = Vec::new();
        for name in names {
            refs.push(StrRef { offset: strings.len() as u32, len: name.len() as u32 });
            strings.extend_from_slice(name.as_bytes());
        }
        let mut sorted: Vec<u32> = (0..names.len() as u32).collect();
        sorted.sort_by_key(|&id| names[id as usize]);
        let mut sections: [Vec<u8>; SECTIONS] = Default::default();
        sections[Section::Names as usize] = bytemuck::cast_slice(&refs).to_vec();
        sections[Section::NamesSorted as usize] = bytemuck::cast_slice(&sorted).to_vec();
        sections[Section::Strings as usize] = strings;
        segment_of(&sections).expect("names open")
    }

    #[test]
    fn one_merge_finds_the_names_a_binary_search_finds() {
        let base: Vec<String> = (0..500).map(|i| format!("name{:03}", i * 7 % 500)).chain(["".into(), "é".into(), "Zed".into()]).collect();
        let base = names_only(&base.iter().map(String::as_str).collect::<Vec<_>>());
        for others in [vec!["name000", "name499", "nope", "name250", "", "zzz", "A"], vec![], vec!["name123"], vec!["é", "Zed", "name5000"]] {
            let other = names_only(&others);
            let merged = base.name_ids_of(&other);
            let searched: Vec<Option<u32>> = others.iter().map(|name| base.name_id(name)).collect();
            assert_eq!(merged, searched, "{others:?}");
        }
    }

    #[test]
    fn rows_that_point_outside_the_tables_are_refused() {
        let view = open(&valid_rows()).expect("valid rows open");
        assert_eq!(view.symbol_name(0), "f");
        assert_eq!(view.file_path(0), "a.go");

        let damaged: [(&str, fn(&mut Rows)); 9] = [
            ("a file row", |r| r.file.references = [0, 2]),
            ("a symbol row", |r| r.symbol.name = 1),
            ("a symbol row", |r| r.symbol.parent = 1),
            ("a symbol row", |r| r.symbol.doc = StrRef { offset: 4, len: 2 }),
            ("a chunk row", |r| r.chunk.file = 1),
            ("a chunk row", |r| r.chunk.symbol = 7),
            ("a reference row", |r| r.reference.enclosing = 1),
            ("a reference row", |r| r.reference.qualifier = 1),
            ("a reference row", |r| r.reference.qualifier_path = NONE - 1),
        ];
        for (which, damage) in damaged {
            let mut rows = valid_rows();
            damage(&mut rows);
            let error = open(&rows).err().unwrap_or_else(|| panic!("{which}: damage not found"));
            assert!(error.starts_with(which), "{which}: {error}");
        }
    }
}

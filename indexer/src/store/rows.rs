//! The layout of the tables file's payload, shared by its reader (`tables`)
//! and its writer (`tables_builder`): fixed-size little-endian rows, the
//! sections they are stored in, and the codes stored for languages and
//! kinds. The layout is in `docs/format.md`.

use crate::parse::{ChunkKind, Language, PARSED_LANGUAGES, Receiver, SymbolKind};
use bytemuck::{Pod, Zeroable};

#[cfg(target_endian = "big")]
compile_error!("the ctx index format is little-endian and mapped in place; big-endian hosts are not supported");

/// The stand-in for `None` in id columns.
pub(crate) const NONE: u32 = u32::MAX;

/// A string in the arena.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct StrRef {
    pub offset: u32,
    pub len: u32,
}

impl StrRef {
    /// Where the string lies in the arena (summed in `usize`: no overflow).
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.offset as usize..self.offset as usize + self.len as usize
    }
}

/// [`FileRow::flags`]: a generated file parsed light.
pub(crate) const FILE_GENERATED: u32 = 1;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct FileRow {
    pub path: StrRef,
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
    pub language: u32,
    pub lines: u32,
    pub symbols: [u32; 2],
    pub chunks: [u32; 2],
    pub references: [u32; 2],
    pub imports: [u32; 2],
    pub diagnostics: [u32; 2],
    pub aliases: [u32; 2],
    /// Git blob id of the content, zeros when unknown (see [`FileRecord::blob`](super::tables::FileRecord::blob)).
    pub blob: [u8; 20],
    /// Bit 0: a generated file, parsed without the insides of its bodies
    /// and values. The other bits are zero.
    pub flags: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct SymbolRow {
    pub qualified_name: StrRef,
    pub signature: StrRef,
    pub doc: StrRef,
    /// Name id: symbol names share the interned names of references.
    pub name: u32,
    pub file: u32,
    pub kind: u32,
    pub parent: u32,
    pub start_line: u32,
    pub end_line: u32,
    pub has_doc: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct ChunkRow {
    pub file: u32,
    pub start_line: u32,
    pub end_line: u32,
    pub symbol: u32,
    pub kind: u32,
    pub field_terms: [u32; 4],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct ReferenceRow {
    pub file: u32,
    pub name: u32,
    pub line: u32,
    pub enclosing: u32,
    /// Bit 0: a call; bits 1..3: the [`Receiver`] code; bit 3: the
    /// qualifier path is static (see [`QualifierPath`](crate::QualifierPath)).
    pub flags: u32,
    /// Name id of the qualifier, or [`NONE`].
    pub qualifier: u32,
    /// Name id of the qualifier path (interned with the names), or [`NONE`].
    pub qualifier_path: u32,
}

/// Bit of [`ReferenceRow::flags`]: the qualifier path is static.
pub(crate) const STATIC_PATH: u32 = 1 << 3;

/// The flags of a reference row.
pub(crate) fn reference_flags(is_call: bool, receiver: Receiver, static_path: bool) -> u32 {
    u32::from(is_call) | receiver.code() << 1 | if static_path { STATIC_PATH } else { 0 }
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct ImportRow {
    pub target: StrRef,
    pub line: u32,
    pub _pad: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct AliasRow {
    pub file: u32,
    pub local: u32,
    pub original: u32,
    pub module: StrRef,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct SkippedRow {
    pub path: StrRef,
    pub detail: StrRef,
    pub size: u64,
    pub mtime_ns: u64,
    pub bytes: u64,
    pub reason: u32,
    pub _pad: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct FileKeyRow {
    pub key: u64,
    pub file: u32,
    pub _pad: u32,
}

/// The sections of a tables payload, in order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Section {
    Files,
    Symbols,
    Chunks,
    References,
    Names,
    Imports,
    Diagnostics,
    Skipped,
    /// Symbol ids sorted by [`name_key`](super::tables::name_key) of their names, then id.
    SymbolsByName,
    /// Reference ids sorted by name id, then reference id.
    ReferencesByName,
    /// Name ids sorted by name.
    NamesSorted,
    /// File keys sorted.
    FileKeys,
    /// Import aliases, grouped by file.
    Aliases,
    /// A delta's only: the base's id of each of its names (by the delta's
    /// name id), or `NONE` where the base lacks it; empty in a base.
    NamesInBase,
    Strings,
}

pub(crate) const SECTIONS: usize = 15;

/// A language's stored code: its place among the parsed languages, then text.
pub(crate) fn language_code(language: Language) -> u32 {
    PARSED_LANGUAGES.iter().position(|l| *l == language).unwrap_or(PARSED_LANGUAGES.len()) as u32
}

/// The language of a stored code.
pub(crate) fn language_of(code: u32) -> Language {
    PARSED_LANGUAGES.get(code as usize).copied().unwrap_or(Language::Text)
}

pub(crate) const SYMBOL_KINDS: [SymbolKind; 14] = [
    SymbolKind::Function,
    SymbolKind::Method,
    SymbolKind::Class,
    SymbolKind::Struct,
    SymbolKind::Enum,
    SymbolKind::Interface,
    SymbolKind::Trait,
    SymbolKind::Type,
    SymbolKind::Constant,
    SymbolKind::Module,
    SymbolKind::Impl,
    SymbolKind::Macro,
    SymbolKind::Union,
    SymbolKind::Namespace,
];

pub(crate) const CHUNK_KINDS: [ChunkKind; 5] =
    [ChunkKind::Definition, ChunkKind::Header, ChunkKind::Interior, ChunkKind::TopLevel, ChunkKind::Part];

/// The position of `value` in `all`, as stored.
pub(crate) fn code_of<T: PartialEq>(all: &[T], value: &T) -> u32 {
    all.iter().position(|v| v == value).expect("every variant is listed") as u32
}

//! Go's own code. A hand-written Go file is parsed by tree-sitter without
//! the insides of its top-level braces, which the body scan reads instead
//! (`bodies`); a generated one is parsed without them and they are not read
//! at all (`generated`, which also finds those braces). Both follow Go's
//! lexical rules (`lexer`).
//!
//! This folder reads Go text only: it never sees the store, the walk or
//! another language, and what it finds leaves it as the parse's own
//! `UseFact`s and byte spans.

pub(crate) mod bodies;
pub(crate) mod generated;
mod lexer;

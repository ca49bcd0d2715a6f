//! The languages added after the first nine, one file each: the rules by
//! which its syntax marks uses of names and calls, and any code of its own
//! (import aliases, module paths). Their definitions and imports are data:
//! `indexer/queries/<language>/tags.scm`.

pub(crate) mod bash;
pub(crate) mod csharp;
pub(crate) mod dart;
pub(crate) mod elixir;
pub(crate) mod haskell;
pub(crate) mod kotlin;
pub(crate) mod lua;
pub(crate) mod php;
pub(crate) mod ruby;
pub(crate) mod scala;
pub(crate) mod swift;
pub(crate) mod zig;

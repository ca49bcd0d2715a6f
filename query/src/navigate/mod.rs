//! Navigation over the references kept in the tables: who refers to or
//! calls a definition, and what a definition calls (`refs`). A use is
//! resolved to the definitions its name can mean (`resolve`), through how
//! its file sees theirs (`files`). The symbol graph (`graph`) walks the same
//! resolved edges.
//!
//! Navigation reads the tables only: it never opens the working tree, and
//! no edge is stored, so each answer is resolved afresh from the references.

mod files;
mod packages;
mod refs;
mod resolve;

pub(crate) use files::{Links, Resolution};
pub use refs::{NavHit, Navigation, callees_of, references_to};
pub(crate) use resolve::{Candidates, definitions_named, meaning, resolution};

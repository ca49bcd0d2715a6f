//! Packing: a task's ranked chunks cut to a hard token budget. `build` asks
//! retrieval for the ranking (or takes a caller's handles), `select` chooses
//! in stages (bodies of the best chunks, a map of their files, signatures
//! and skeletons of the next candidates, an `omitted` list), merges
//! neighbouring spans, renders and drops the weakest until the exact count
//! fits; `request` is what a pack is asked for and what it is.
//!
//! A pack's markdown never has more tokens than its budget in its
//! tokenizer, and packing never writes anything: code is read from the
//! working tree, and what a session has shown is the caller's to keep.

mod build;
mod request;
mod select;

pub use build::{build_pack, expand};
pub use request::{DEFAULT_SIZE_EXPONENT, GraphBodies, OmittedItem, Pack, PackItem, PackRequest, ShownSpan, handle_of, parse_handle};

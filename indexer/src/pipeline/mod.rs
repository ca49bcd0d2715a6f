//! The pipeline runs one index build over the stages: it takes the writer's
//! lock, discovers the files, plans what changed against the current
//! generation (`plan`), reads, parses and chunks the changed files in
//! parallel batches while the previous batch is appended to the tables and
//! the text index (`file`, `build`) or, for a few changes to a large
//! tree, to a delta over the current tables (`layers`), embeds their chunks when the semantic
//! layer is on, and commits the generation; `merge` folds a grown delta
//! back into one tables file in the background. `run` is what a run takes and
//! gives; `cancel` stops one between files and batches.
//!
//! It is the only writer of the index: a run either commits a whole
//! generation equal to what a full rebuild would write, or leaves the
//! current one as it was. A single file never aborts a run.

pub mod cancel;
mod build;
mod file;
mod layers;
mod merge;
mod plan;
mod run;
mod stat_at;
mod walk_state;

pub use build::build_index;
pub use cancel::CancelToken;
pub use layers::merge_due;
pub use merge::{MergeOutcome, MergeReport, merge_layers, merge_layers_with, merge_wanted};
pub use file::line_starts;
pub use run::{ChangeCounts, IndexError, IndexOptions, IndexProgress, IndexReport};
pub use walk_state::{RENEWED_WALK_FILE, WALK_FILE, WalkState, discover_since};

//! The discover stage: which files of a root are indexed, as what language,
//! and what is passed over and why. `walk` walks the root (the `ignore`
//! crate: gitignore rules, no hidden files, no symlinks followed); `config`
//! reads `ctx.toml` and `.ctx/config.toml`, whose `[index]` patterns and
//! languages the walk applies; `git_state` answers from git's index whether
//! a file whose time moved still has the content a record names.
//!
//! Discovery reads directories, configuration files and git's index, never
//! the files it finds (their size and time only), and writes nothing.

pub mod config;
pub mod git_state;
mod walk;

pub use config::FollowLinks;
pub use walk::{CTX_IGNORE_FILE, Candidate, Discovery, DiscoveryOptions, SkipReason, SkippedFile, discover, discover_with, looks_binary, mtime_ns, relative};
pub(crate) use walk::{system_time_ns, walk_below};

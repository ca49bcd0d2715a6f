//! The repository configuration: `ctx.toml` at the root (shared, usually
//! committed) and `.ctx/config.toml` (local to one checkout). Both are
//! optional; a key set in `.ctx/config.toml` replaces the same key of
//! `ctx.toml`, and command-line flags replace both.
//!
//! ```toml
//! [index]
//! ignore = ["vendor/", "*.min.js"]   # gitignore syntax, on top of .gitignore
//! max_file_size = 2000000            # bytes; larger files are skipped
//! languages = ["python", "rust"]     # only these ("text": other text files)
//! follow_symlinks = "repository"     # follow links that stay inside the repository ("never": the default)
//! memory = "1G"                      # the buffers of index runs (text index, batches of files)
//!
//! [pack]
//! budget = "16k"                     # or 16000
//! tokenizer = "cl100k"               # or "o200k"
//!
//! [semantic]
//! hnsw_threshold = 1000000           # chunk vectors from which a generation gets an HNSW graph
//! hnsw_rebuild_fraction = 0.2        # dead graph points past which a refresh rebuilds it
//! ```
//!
//! Discovery applies `[index]`, so a file a new pattern excludes simply
//! stops being a candidate and the next refresh removes it. `[pack]` is
//! only checked here, so that every mistake in the file is reported in one
//! place with its line; the CLI and the MCP server use its values.

use crate::graph_config::GraphConfig;
use crate::index_dir::INDEX_DIR;
use crate::parse::{Language, PARSED_LANGUAGES};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The shared configuration file, at the repository root.
pub const SHARED_CONFIG_FILE: &str = "ctx.toml";
/// The local configuration file, inside `.ctx/`.
pub const LOCAL_CONFIG_FILE: &str = "config.toml";

/// Tokenizer names `[pack] tokenizer` accepts (those of `ctx --tokenizer`).
pub const TOKENIZER_NAMES: [&str; 4] = ["o200k", "o200k_base", "cl100k", "cl100k_base"];

/// Which symbolic links discovery follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FollowLinks {
    /// None, as ripgrep and git do: every link is reported as passed over.
    #[default]
    Never,
    /// Links whose target resolves inside the repository that holds the
    /// root (its git work tree, else the root itself). Each target is
    /// indexed once, under the first path that reaches it; links out of the
    /// repository, dangling links and loops are reported and never read.
    Repository,
}

impl FollowLinks {
    /// The name `[index] follow_symlinks` uses.
    pub fn name(self) -> &'static str {
        match self {
            FollowLinks::Never => "never",
            FollowLinks::Repository => "repository",
        }
    }
}

/// The settings of `ctx.toml` and `.ctx/config.toml`, merged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RepoConfig {
    /// Extra ignore patterns in gitignore syntax, relative to the root.
    pub ignore: Vec<String>,
    /// Files larger than this many bytes are skipped.
    pub max_file_bytes: Option<u64>,
    /// Only files of these languages are indexed (`None`: all).
    pub languages: Option<Vec<Language>>,
    /// Which symbolic links discovery follows (`None`: not set here).
    pub follow_links: Option<FollowLinks>,
    /// The memory budget of index runs' buffers, in bytes (`[index] memory`).
    pub memory_bytes: Option<u64>,
    /// The default token budget of packs, expansions and maps.
    pub budget: Option<usize>,
    /// The default tokenizer, one of [`TOKENIZER_NAMES`].
    pub tokenizer: Option<String>,
    /// Generations with at least this many chunk vectors get an HNSW graph.
    pub hnsw_threshold: Option<usize>,
    /// A refresh rebuilds the HNSW graph when more than this fraction of its points are dead.
    pub hnsw_rebuild_fraction: Option<f32>,
    /// The files read, shared first.
    pub sources: Vec<PathBuf>,
}

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid TOML, has an unknown key, or a bad value.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line of the mistake, 1-based.
        line: usize,
        /// What is wrong, in one line.
        message: String,
    },
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    index: RawIndex,
    #[serde(default)]
    pack: RawPack,
    #[serde(default)]
    semantic: RawSemantic,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSemantic {
    hnsw_threshold: Option<Spanned<i64>>,
    hnsw_rebuild_fraction: Option<Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawIndex {
    ignore: Option<Vec<Spanned<String>>>,
    max_file_size: Option<u64>,
    languages: Option<Vec<Spanned<String>>>,
    follow_symlinks: Option<Spanned<String>>,
    memory: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPack {
    budget: Option<Spanned<BudgetValue>>,
    tokenizer: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BudgetValue {
    Tokens(i64),
    Text(String),
}

impl RepoConfig {
    /// Reads the configuration of the repository at `root`; missing files
    /// are no error, a malformed one is, with its path and line.
    pub fn load(root: &Path) -> Result<RepoConfig, ConfigError> {
        let mut config = RepoConfig::default();
        let shared = root.join(SHARED_CONFIG_FILE);
        let local = root.join(INDEX_DIR).join(LOCAL_CONFIG_FILE);
        for path in [shared, local] {
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(ConfigError::Read { path, source }),
            };
            config.merge(root, &path, &text)?;
            config.sources.push(path);
        }
        Ok(config)
    }

    /// Parses one file's `text` and lets the keys it sets replace those of `self`.
    fn merge(&mut self, root: &Path, path: &Path, text: &str) -> Result<(), ConfigError> {
        let invalid = |span: Option<std::ops::Range<usize>>, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line: span.map(|s| line_of(text, s.start)).unwrap_or(1),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| invalid(e.span(), one_line(e.message())))?;
        if let Some(patterns) = raw.index.ignore {
            let mut builder = GitignoreBuilder::new(root);
            for pattern in &patterns {
                builder
                    .add_line(None, pattern.get_ref())
                    .map_err(|e| invalid(Some(pattern.span()), format!("invalid ignore pattern {:?}: {e}", pattern.get_ref())))?;
            }
            self.ignore = patterns.into_iter().map(Spanned::into_inner).collect();
        }
        if let Some(cap) = raw.index.max_file_size {
            self.max_file_bytes = Some(cap);
        }
        if let Some(names) = raw.index.languages {
            let mut languages = Vec::new();
            for name in &names {
                let language = language_named(name.get_ref()).ok_or_else(|| {
                    invalid(Some(name.span()), format!("unknown language {:?}: use {}", name.get_ref(), language_names().join(", ")))
                })?;
                languages.push(language);
            }
            self.languages = Some(languages);
        }
        if let Some(follow) = raw.index.follow_symlinks {
            let value = [FollowLinks::Never, FollowLinks::Repository].into_iter().find(|f| f.name() == follow.get_ref().as_str());
            let value = value.ok_or_else(|| invalid(Some(follow.span()), format!("invalid follow_symlinks {:?}: use \"never\" or \"repository\"", follow.get_ref())))?;
            self.follow_links = Some(value);
        }
        if let Some(memory) = raw.index.memory {
            let bytes = parse_size(memory.get_ref()).map_err(|message| invalid(Some(memory.span()), message))?;
            self.memory_bytes = Some(bytes);
        }
        if let Some(budget) = raw.pack.budget {
            let span = budget.span();
            let tokens = match budget.into_inner() {
                BudgetValue::Tokens(n) if n >= 1 => usize::try_from(n).map_err(|_| format!("budget {n} is too large")),
                BudgetValue::Tokens(n) => Err(format!("invalid budget {n}: the budget must be at least 1 token")),
                BudgetValue::Text(text) => parse_budget(&text),
            };
            self.budget = Some(tokens.map_err(|message| invalid(Some(span), message))?);
        }
        if let Some(name) = raw.pack.tokenizer {
            if !TOKENIZER_NAMES.contains(&name.get_ref().as_str()) {
                return Err(invalid(Some(name.span()), format!("unknown tokenizer {:?}: use o200k or cl100k", name.get_ref())));
            }
            self.tokenizer = Some(name.into_inner());
        }
        if let Some(threshold) = raw.semantic.hnsw_threshold {
            let value = usize::try_from(*threshold.get_ref())
                .map_err(|_| invalid(Some(threshold.span()), format!("invalid hnsw_threshold {}: expected a number of vectors, 0 or more", threshold.get_ref())))?;
            self.hnsw_threshold = Some(value);
        }
        if let Some(fraction) = raw.semantic.hnsw_rebuild_fraction {
            let value = *fraction.get_ref();
            if !(0.0..=1.0).contains(&value) {
                return Err(invalid(Some(fraction.span()), format!("invalid hnsw_rebuild_fraction {value}: expected a fraction from 0 to 1")));
            }
            self.hnsw_rebuild_fraction = Some(value as f32);
        }
        Ok(())
    }

    /// When a generation gets an HNSW graph over its chunk vectors.
    pub fn graph_config(&self) -> GraphConfig {
        let default = GraphConfig::default();
        GraphConfig {
            threshold: self.hnsw_threshold.unwrap_or(default.threshold),
            rebuild_fraction: self.hnsw_rebuild_fraction.unwrap_or(default.rebuild_fraction),
            ..default
        }
    }

    /// What discovery excludes under this configuration at `root`.
    pub fn path_filter(&self, root: &Path) -> PathFilter {
        let ignore = (!self.ignore.is_empty()).then(|| {
            let mut builder = GitignoreBuilder::new(root);
            for pattern in &self.ignore {
                // Checked when the file was read.
                let _ = builder.add_line(None, pattern);
            }
            builder.build().unwrap_or_else(|_| Gitignore::empty())
        });
        PathFilter { ignore, languages: self.languages.clone() }
    }
}

/// The files the configuration excludes from discovery.
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    ignore: Option<Gitignore>,
    languages: Option<Vec<Language>>,
}

impl PathFilter {
    /// The filter of the configuration at `root`, or none when the
    /// configuration cannot be read (an index run reports that error).
    pub fn for_root(root: &Path) -> PathFilter {
        RepoConfig::load(root).map(|config| config.path_filter(root)).unwrap_or_default()
    }

    /// Whether a pattern excludes `path` (absolute, under the root).
    pub fn ignores(&self, path: &Path, is_dir: bool) -> bool {
        self.ignore.as_ref().is_some_and(|ignore| ignore.matched(path, is_dir).is_ignore())
    }

    /// Whether files of `language` are indexed.
    pub fn admits(&self, language: Language) -> bool {
        self.languages.as_ref().is_none_or(|languages| languages.contains(&language))
    }
}

/// A size as `--memory` and `[index] memory` take it: `N`, `NK`, `NM` or `NG` (binary units).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let (digits, shift) = match trimmed.char_indices().last() {
        Some((at, 'k' | 'K')) => (&trimmed[..at], 10),
        Some((at, 'm' | 'M')) => (&trimmed[..at], 20),
        Some((at, 'g' | 'G')) => (&trimmed[..at], 30),
        _ => (trimmed, 0),
    };
    let value: u64 = digits.trim().parse().map_err(|_| format!("invalid size {text:?}: expected bytes, or a number with K, M or G, such as 1G"))?;
    value.checked_shl(shift).filter(|v| v >> shift == value && *v > 0).ok_or_else(|| format!("invalid size {text:?}"))
}

/// A token budget as `--budget` takes it: `N` or `Nk` (k = 1,000), at least 1.
pub fn parse_budget(text: &str) -> Result<usize, String> {
    let trimmed = text.trim();
    let (digits, factor) = match trimmed.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1_000),
        None => (trimmed, 1),
    };
    let value: usize = digits
        .parse()
        .map_err(|_| format!("invalid budget {text:?}: expected a number of tokens such as 8000 or 32k"))?;
    let budget = value.checked_mul(factor).ok_or_else(|| format!("budget {text:?} is too large"))?;
    if budget == 0 {
        return Err("the budget must be at least 1 token".into());
    }
    Ok(budget)
}

fn language_named(name: &str) -> Option<Language> {
    PARSED_LANGUAGES.into_iter().chain([Language::Text]).find(|l| l.name() == name)
}

fn language_names() -> Vec<&'static str> {
    PARSED_LANGUAGES.into_iter().chain([Language::Text]).map(Language::name).collect()
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RepoConfig, ConfigError> {
        let mut config = RepoConfig::default();
        config.merge(Path::new("/repo"), Path::new("/repo/ctx.toml"), text).map(|()| config)
    }

    fn error_of(text: &str) -> String {
        parse(text).expect_err("invalid").to_string()
    }

    #[test]
    fn memory_takes_a_size_with_a_binary_unit() {
        assert_eq!(parse("[index]\nmemory = \"1G\"\n").expect("valid").memory_bytes, Some(1 << 30));
        assert_eq!(parse("[index]\nmemory = \"512m\"\n").expect("valid").memory_bytes, Some(512 << 20));
        assert_eq!(parse_size("4096"), Ok(4096));
        for bad in ["", "G", "-1G", "1T", "0", "99999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        let error = error_of("[index]\nmemory = \"lots\"\n");
        assert!(error.contains("ctx.toml:2") && error.contains("invalid size"), "{error}");
    }

    #[test]
    fn follow_symlinks_takes_never_or_repository() {
        assert_eq!(parse("[index]\nfollow_symlinks = \"repository\"\n").expect("valid").follow_links, Some(FollowLinks::Repository));
        assert_eq!(parse("[index]\nfollow_symlinks = \"never\"\n").expect("valid").follow_links, Some(FollowLinks::Never));
        assert_eq!(parse("").expect("valid").follow_links, None);
        let error = error_of("[index]\n\nfollow_symlinks = \"always\"\n");
        assert!(error.contains("ctx.toml:3") && error.contains("\"repository\""), "{error}");
    }

    #[test]
    fn a_full_file_is_read() {
        let config = parse(
            "[index]\nignore = [\"vendor/\"]\nmax_file_size = 10\nlanguages = [\"python\", \"text\"]\n[pack]\nbudget = \"16k\"\ntokenizer = \"cl100k\"\n",
        )
        .expect("valid");
        assert_eq!(config.ignore, ["vendor/"]);
        assert_eq!(config.max_file_bytes, Some(10));
        assert_eq!(config.languages, Some(vec![Language::Python, Language::Text]));
        assert_eq!(config.budget, Some(16_000));
        assert_eq!(config.tokenizer.as_deref(), Some("cl100k"));
        assert_eq!(parse("[pack]\nbudget = 300\n").expect("valid").budget, Some(300));
        let semantic = parse("[semantic]\nhnsw_threshold = 5\nhnsw_rebuild_fraction = 0.5\n").expect("valid").graph_config();
        assert_eq!((semantic.threshold, semantic.rebuild_fraction), (5, 0.5));
        assert_eq!(RepoConfig::default().graph_config(), crate::vectors::GraphConfig::default());
    }

    #[test]
    fn mistakes_name_the_file_and_line() {
        assert!(error_of("[index]\n\nfoo = 1\n").starts_with("/repo/ctx.toml:3: unknown field `foo`"), "{}", error_of("[index]\n\nfoo = 1\n"));
        assert!(error_of("[index]\nlanguages = [\"python\",\n  \"cobol\"]\n").starts_with("/repo/ctx.toml:3: unknown language \"cobol\""));
        assert!(error_of("[pack]\ntokenizer = \"gpt2\"\n").starts_with("/repo/ctx.toml:2: unknown tokenizer"));
        assert!(error_of("[pack]\nbudget = 0\n").starts_with("/repo/ctx.toml:2: invalid budget 0"));
        assert!(error_of("[pack]\nbudget = \"lots\"\n").starts_with("/repo/ctx.toml:2: invalid budget \"lots\""));
        assert!(error_of("[index]\nignore = [\"src/{a,b\"]\n").starts_with("/repo/ctx.toml:2: invalid ignore pattern"));
        assert!(error_of("[semantic]\n\nhnsw_threshold = -1\n").starts_with("/repo/ctx.toml:3: invalid hnsw_threshold -1"));
        assert!(error_of("[semantic]\nhnsw_rebuild_fraction = 1.5\n").starts_with("/repo/ctx.toml:2: invalid hnsw_rebuild_fraction 1.5"));
        assert!(error_of("[semantic]\nhnsw = 3\n").starts_with("/repo/ctx.toml:2: unknown field `hnsw`"));
        assert!(error_of("[paxk]\n").starts_with("/repo/ctx.toml:1: unknown field `paxk`"));
        assert!(error_of("[index\n").starts_with("/repo/ctx.toml:1:"));
        assert_eq!(error_of("[index]\nmax_file_size = -1\n").lines().count(), 1);
    }

    #[test]
    fn a_later_file_replaces_the_keys_it_sets() {
        let mut config = parse("[index]\nignore = [\"a/\"]\nmax_file_size = 10\n").expect("valid");
        config.merge(Path::new("/repo"), Path::new("/repo/.ctx/config.toml"), "[index]\nmax_file_size = 20\n").expect("valid");
        assert_eq!(config.ignore, ["a/"]);
        assert_eq!(config.max_file_bytes, Some(20));
    }

    #[test]
    fn the_filter_applies_patterns_and_languages() {
        let config = parse("[index]\nignore = [\"gen/\", \"*.min.js\", \"!keep.min.js\"]\nlanguages = [\"javascript\"]\n").expect("valid");
        let filter = config.path_filter(Path::new("/repo"));
        assert!(filter.ignores(Path::new("/repo/gen"), true));
        assert!(filter.ignores(Path::new("/repo/src/app.min.js"), false));
        assert!(!filter.ignores(Path::new("/repo/src/keep.min.js"), false));
        assert!(!filter.ignores(Path::new("/repo/src/app.js"), false));
        assert!(filter.admits(Language::JavaScript));
        assert!(!filter.admits(Language::Python));
        assert!(PathFilter::default().admits(Language::Text));
    }
}

//! `ctx setup --instructions`: the marked block in AGENTS.md (or CLAUDE.md) that tells an agent when to call ctx's tools, written, refreshed or removed.

use std::path::{Path, PathBuf};

/// The line that opens ctx's block; what follows it on the line is a note for people.
pub const BEGIN: &str = "<!-- ctx:begin";
/// The line that closes it.
pub const END: &str = "<!-- ctx:end -->";

/// The block, markers included. It names the tools and arguments of `src/mcp.rs`.
pub fn block() -> String {
    format!(
        "{BEGIN} (written by `ctx setup --instructions`; run it again to refresh this block, or with --remove to take it out) -->
## Repository context: ctx

The MCP server `ctx` has this repository indexed. It answers with the code that matters for a task, ranked and cut to a token budget.

- At the start of a task, call `pack` with the task as it was given (the issue, bug report or traceback, not a summary) and `budget` 8000; use 16000 to 32000 for a change across many files. Read the pack before opening files.
- A pack shows further code as signature lines with handles such as `[g3c120]`. Call `expand` with the handles you need (`budget` 4000) instead of reading whole files. Give `pack` and `expand` the same `session` name and no code is shown twice.
- To find code by words, a path or an error message, call `search` (`query`); to find a definition by name or prefix, `symbols` (`name`).
- Before changing a definition, call `refs` (every use) or `callers` (calls only) with its `symbol`, such as `Cart.total` or `Item::new`.
- For a first look at an unfamiliar part of the code, call `map` (`path` narrows it; `budget` 4000).
- When a tool says the index is missing or many files changed, call `index`; `status` says how many files changed since it was built.
{END}
"
    )
}

/// The file the block goes in: `chosen`, else AGENTS.md, else CLAUDE.md
/// when only that exists (Claude Code reads CLAUDE.md, not AGENTS.md).
pub fn file(root: &Path, chosen: Option<&Path>) -> PathBuf {
    if let Some(chosen) = chosen {
        return if chosen.is_absolute() { chosen.to_path_buf() } else { root.join(chosen) };
    }
    let agents = root.join("AGENTS.md");
    let claude = root.join("CLAUDE.md");
    if !agents.exists() && claude.exists() { claude } else { agents }
}

/// Why a file's block cannot be replaced.
#[derive(Debug)]
pub struct Unclosed {
    /// The 1-based line of the opening marker without a closing one.
    pub line: usize,
}

/// The byte range of ctx's first block in `text`, from the start of its
/// opening line to the end of its closing line.
fn find(text: &str) -> Result<Option<std::ops::Range<usize>>, Unclosed> {
    let Some(begin) = line_starting_with(text, BEGIN, 0) else { return Ok(None) };
    let Some(end) = line_starting_with(text, END, begin) else {
        return Err(Unclosed { line: text[..begin].matches('\n').count() + 1 });
    };
    let end = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
    Ok(Some(begin..end))
}

/// The offset of the first line at or after `from` that starts with `marker`.
fn line_starting_with(text: &str, marker: &str, from: usize) -> Option<usize> {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_start().starts_with(marker) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// `text` with ctx's block in it: the first block replaced (any later one
/// dropped), or the block appended after a blank line.
pub fn with_block(text: &str) -> Result<String, Unclosed> {
    match find(text)? {
        Some(range) => {
            let rest = &text[range.end..];
            let rest = without_block(rest)?.unwrap_or_else(|| rest.to_string());
            Ok(format!("{}{}{rest}", &text[..range.start], block()))
        }
        None => {
            let mut out = text.to_string();
            if !out.is_empty() {
                while !out.ends_with("\n\n") {
                    out.push('\n');
                }
            }
            out.push_str(&block());
            Ok(out)
        }
    }
}

/// `text` without ctx's blocks, or `None` when it has none. The blank
/// line that separated an appended block goes with it.
pub fn without_block(text: &str) -> Result<Option<String>, Unclosed> {
    let mut text = text.to_string();
    let mut removed = false;
    while let Some(range) = find(&text)? {
        let mut start = range.start;
        if text[..start].ends_with("\n\n") {
            start -= 1;
        }
        text.replace_range(start..range.end, "");
        removed = true;
    }
    Ok(removed.then_some(text))
}

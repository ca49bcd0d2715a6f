//! The markdown rendering of a pack: a one-line header, then each file once
//! under its path, its spans as fenced code with their line range.

use crate::tokens::Tokenizer;

/// A span of code to render.
#[derive(Debug, Clone)]
pub struct Fragment<'a> {
    /// The file path.
    pub path: &'a str,
    /// The fence language.
    pub language: &'a str,
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
    /// The lines, verbatim.
    pub code: &'a str,
}

impl Fragment<'_> {
    /// The file heading that precedes the first fragment of a file.
    pub fn render_heading(&self) -> String {
        format!("\n## {}\n", self.path)
    }

    /// The fenced code with its line range.
    pub fn render_body(&self) -> String {
        let fence = fence_for(self.code);
        format!("{fence}{} L{}-{}\n{}\n{fence}\n", self.language, self.start_line, self.end_line, self.code)
    }
}

/// A fence longer than any backtick run in the code.
fn fence_for(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat(longest.max(2) + 1)
}

/// The first line of every pack.
pub fn header(budget: usize, tokenizer: Tokenizer) -> String {
    format!("# ctx context pack (budget {budget} tokens, {})\n", tokenizer.name())
}

/// An elided definition: its declaration on one line, with the handle that expands it.
#[derive(Debug, Clone)]
pub struct SignatureLine {
    /// The file path.
    pub path: String,
    /// First line of the definition.
    pub start_line: u32,
    /// Last line of the definition.
    pub end_line: u32,
    /// The declaration.
    pub text: String,
    /// The handle for `ctx expand`.
    pub handle: String,
    /// For a type: its members' first lines and declarations, shown under
    /// it with their bodies elided (a skeleton).
    pub members: Vec<MemberLine>,
}

/// A member listed under a type's skeleton.
#[derive(Debug, Clone)]
pub struct MemberLine {
    /// Its qualified name.
    pub name: String,
    /// Its first line.
    pub line: u32,
    /// Its declaration.
    pub text: String,
    /// Whether it has a body the skeleton elides.
    pub elided: bool,
}

impl SignatureLine {
    /// The list entry, and for a skeleton one indented line per member
    /// (the body marker says what the handle would add).
    pub fn render(&self) -> String {
        let mut out =
            format!("- `{}:{}-{}` `{}` [{}]\n", self.path, self.start_line, self.end_line, self.text.replace('`', "'"), self.handle);
        for member in &self.members {
            let marker = if member.elided { " …" } else { "" };
            out.push_str(&format!("  - L{} `{}`{marker}\n", member.line, member.text.replace('`', "'")));
        }
        out
    }
}

/// A file of the pack's map: its path and the candidate definitions it holds.
#[derive(Debug, Clone)]
pub struct MapLine {
    /// The file path.
    pub path: String,
    /// The names of the candidate definitions in the file, best first.
    pub names: Vec<String>,
}

impl MapLine {
    /// The list entry.
    pub fn render(&self) -> String {
        if self.names.is_empty() {
            format!("- `{}`\n", self.path)
        } else {
            format!("- `{}`: {}\n", self.path, self.names.iter().map(|n| format!("`{}`", n.replace('`', "'"))).collect::<Vec<_>>().join(", "))
        }
    }
}

/// The heading of the map section.
pub const MAP_HEADING: &str = "\n## Map (the files that matter most, and their candidate definitions)\n";

/// The heading of the signatures section.
pub const SIGNATURES_HEADING: &str = "\n## More candidates (signatures; `ctx expand <handle>` shows a body)\n";

/// Renders the map, fragments already ordered by file, then the signature lines.
pub fn render_markdown(budget: usize, tokenizer: Tokenizer, map: &[MapLine], fragments: &[Fragment], signatures: &[SignatureLine]) -> String {
    let mut out = header(budget, tokenizer);
    if !map.is_empty() {
        out.push_str(MAP_HEADING);
        for line in map {
            out.push_str(&line.render());
        }
    }
    let mut last_path: Option<&str> = None;
    for fragment in fragments {
        if last_path != Some(fragment.path) {
            out.push_str(&fragment.render_heading());
            last_path = Some(fragment.path);
        }
        out.push_str(&fragment.render_body());
    }
    if !signatures.is_empty() {
        out.push_str(SIGNATURES_HEADING);
        for line in signatures {
            out.push_str(&line.render());
        }
    }
    out
}

/// The markdown of a pack with nothing in it: the header and why, when
/// that fits the budget, else nothing; with its exact token count.
/// `heading` is the first line (`None`: a pack's).
pub(crate) fn empty_markdown(heading: Option<&str>, budget: usize, tokenizer: Tokenizer, why: &str) -> (String, usize) {
    let markdown = format!("{}{why}\n", heading.map_or_else(|| header(budget, tokenizer), str::to_string));
    let tokens = tokenizer.count(&markdown);
    if tokens <= budget { (markdown, tokens) } else { (String::new(), 0) }
}


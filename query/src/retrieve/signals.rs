//! What a task's text says about code: identifiers, file paths, dotted module
//! paths, traceback locations and quoted error messages. Pure text analysis;
//! matching against the index happens in `retrieve`.

use ctx_indexer::Language;
use std::path::Path;

/// An identifier mentioned in the task.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The identifier as written (last segment of a dotted name).
    pub name: String,
    /// The segment before it in a dotted or `::` name (`Class` of `Class.method`).
    pub qualifier: Option<String>,
    /// How sure we are that it names code: 1.0 for backticked or call syntax,
    /// lower for a plain word that merely looks like an identifier.
    pub confidence: f32,
}

/// A file location named by the task (a path, possibly with a line).
#[derive(Debug, Clone, PartialEq)]
pub struct PathMention {
    /// The path as written, `/`-separated, without leading `./`.
    pub path: String,
    /// A line number, from tracebacks (`File "x.py", line 12`) or `x.rs:12`.
    pub line: Option<u32>,
}

/// Everything extracted from one task text.
#[derive(Debug, Clone, Default)]
pub struct TaskSignals {
    /// Identifiers, deduplicated by (qualifier, name), strongest first.
    pub mentions: Vec<Mention>,
    /// Paths and traceback locations.
    pub paths: Vec<PathMention>,
    /// Dotted module paths turned into path fragments (`a.b.c` -> `a/b/c`).
    pub modules: Vec<String>,
    /// Quoted strings long enough to be messages.
    pub phrases: Vec<String>,
    /// The query when it is one, possibly qualified, name (`g`, `Cart.add`).
    pub lone: Option<Mention>,
}

/// Common English words that also name code too often to count as mentions
/// unless written as code.
const PLAIN_WORDS: &[&str] = &[
    "the", "and", "for", "not", "with", "this", "that", "from", "but", "are", "was", "have", "has",
    "when", "what", "which", "should", "would", "could", "there", "their", "then", "than", "into",
    "also", "only", "some", "such", "error", "value", "values", "data", "name", "type", "test",
    "tests", "example", "file", "line", "code", "issue", "bug", "case", "result", "return", "true",
    "false", "none", "null", "self", "new", "get", "set", "use", "used", "using", "like", "make",
    "see", "one", "two", "all", "any", "can", "will", "does", "doesn", "don", "isn", "just", "way",
    "problem", "expected", "actual", "output", "input", "python", "version", "import", "list",
    "dict", "str", "int", "object", "class", "function", "method", "module", "default", "instead",
    "however", "because", "where", "here", "after", "before", "other", "each", "more", "most",
    "work", "works", "working", "fix", "fixed", "run", "running", "call", "called", "def",
];

/// Extracts the signals of a task text.
pub fn extract(task: &str) -> TaskSignals {
    let mut signals = TaskSignals::default();
    let backticked = backticked_spans(task);
    let mut seen_mentions = std::collections::HashSet::new();
    let mut seen_paths = std::collections::HashSet::new();

    for line in task.lines() {
        if let Some(location) = traceback_location(line)
            && seen_paths.insert((location.path.clone(), location.line)) {
                signals.paths.push(location);
            }
    }

    // Words: runs of identifier characters joined by `.`, `::`, `/`, `-`
    // or `#` (`Class#method` in Java and Ruby docs, `Foo.java#L12` in links).
    let bytes = task.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !is_word_byte(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'.' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (is_word_byte(bytes[i]) || matches!(bytes[i], b'.' | b'/' | b':' | b'-' | b'#')) {
            i += 1;
        }
        let raw = task[start..i].trim_matches(|c: char| matches!(c, '.' | ':' | '-' | '/' | '#'));
        if raw.is_empty() {
            continue;
        }
        let called = bytes.get(i) == Some(&b'(');
        let in_backticks = backticked.iter().any(|&(a, b)| start >= a && i <= b);
        classify_word(raw, called, in_backticks, &mut signals, &mut seen_mentions, &mut seen_paths);
    }
    signals.phrases = quoted_phrases(task);
    if let Some((qualifier, name)) = lone_identifier(task) {
        // A query that is one name asks for that name, however short or
        // plain (`g` in flask, `Model`): it is a definition's name first.
        let lone = Mention { name: name.to_string(), qualifier: qualifier.map(str::to_string), confidence: 1.0 };
        signals.mentions.retain(|m| m.name != name);
        signals.mentions.push(lone.clone());
        signals.lone = Some(lone);
    }
    signals
        .mentions
        .sort_by(|a, b| b.confidence.partial_cmp(&a.confidence).unwrap_or(std::cmp::Ordering::Equal));
    signals
}

/// The query when it is a single, possibly qualified, identifier
/// (`g`, `Cart.add`, `Item::new`): its qualifier and name.
fn lone_identifier(task: &str) -> Option<(Option<&str>, &str)> {
    let word = task.trim();
    let identifier = |s: &str| !s.is_empty() && s.bytes().all(is_word_byte) && !s.as_bytes()[0].is_ascii_digit();
    let (qualifier, name) = match word.rsplit_once("::").or_else(|| word.rsplit_once('.')) {
        Some((qualifier, name)) => (Some(qualifier.rsplit(['.', ':']).next().unwrap_or(qualifier)), name),
        None => (None, word),
    };
    (identifier(name) && qualifier.is_none_or(identifier)).then_some((qualifier, name))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn classify_word(
    raw: &str,
    called: bool,
    in_backticks: bool,
    signals: &mut TaskSignals,
    seen_mentions: &mut std::collections::HashSet<(Option<String>, String)>,
    seen_paths: &mut std::collections::HashSet<(String, Option<u32>)>,
) {
    if let Some((path, line)) = source_location(raw) {
        let path = path.trim_start_matches("./").to_string();
        if seen_paths.insert((path.clone(), line)) {
            signals.paths.push(PathMention { path, line });
        }
        return;
    }
    if raw.contains('/') {
        // A directory path: useful as a module hint.
        let fragment = raw.split('#').next().unwrap_or(raw).trim_matches('/').to_string();
        if fragment.split('/').count() >= 2 && !signals.modules.contains(&fragment) {
            signals.modules.push(fragment);
        }
        return;
    }
    let segments: Vec<&str> = raw
        .split(['.', ':', '#'])
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() {
        return;
    }
    if segments.len() >= 3 && segments.iter().all(|s| s.chars().all(|c| c.is_alphanumeric() || c == '_')) {
        let fragment = segments.join("/");
        if !signals.modules.contains(&fragment) {
            signals.modules.push(fragment);
        }
    }
    let name = segments[segments.len() - 1];
    let qualifier = (segments.len() >= 2).then(|| segments[segments.len() - 2].to_string());
    for (segment_index, segment) in segments.iter().enumerate() {
        let is_last = segment_index + 1 == segments.len();
        if !segment.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') {
            continue;
        }
        let confidence = mention_confidence(segment, in_backticks, called && is_last, segments.len() > 1);
        if confidence <= 0.0 {
            continue;
        }
        let qualifier = if is_last { qualifier.clone() } else { None };
        if seen_mentions.insert((qualifier.clone(), segment.to_string())) {
            signals.mentions.push(Mention { name: segment.to_string(), qualifier, confidence });
        }
    }
    let _ = name;
}

/// A word that is the path of a source file of a language ctx parses, and
/// the line it names: `shop/cart.py:25`, `src/main.rs:10:5` (a Rust panic,
/// a compiler's error: line, then column), `Foo.java#L12` (a link to a line).
fn source_location(raw: &str) -> Option<(&str, Option<u32>)> {
    let (path, line) = match raw.split_once('#') {
        Some((path, anchor)) => (path, anchor.strip_prefix('L').and_then(|l| l.split('-').next()).and_then(|n| n.parse().ok())),
        None => {
            let mut path = raw;
            let mut line = None;
            for _ in 0..2 {
                match path.rsplit_once(':') {
                    Some((head, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                        path = head;
                        line = n.parse().ok();
                    }
                    _ => break,
                }
            }
            (path, line)
        }
    };
    let (stem, _) = path.rsplit_once('.')?;
    let source = !matches!(Language::detect(Path::new(path)), None | Some(Language::Text));
    (source && (path.contains('/') || !stem.contains('.'))).then_some((path, line))
}

/// How likely a word is to name code.
fn mention_confidence(word: &str, in_backticks: bool, called: bool, dotted: bool) -> f32 {
    if word.len() < 2 || word.chars().all(|c| c.is_ascii_digit()) {
        return 0.0;
    }
    let lower = word.to_lowercase();
    let plain = PLAIN_WORDS.contains(&lower.as_str());
    let has_underscore = word.trim_matches('_').contains('_') || word.starts_with('_');
    let inner_capital = word.chars().skip(1).any(|c| c.is_uppercase()) && word.chars().any(|c| c.is_lowercase());
    let code_shaped = has_underscore || inner_capital || word.chars().any(|c| c.is_ascii_digit());
    if in_backticks || called {
        return if plain { 0.4 } else { 1.0 };
    }
    if code_shaped {
        return 0.8;
    }
    if dotted {
        return if plain { 0.2 } else { 0.6 };
    }
    if plain || word.len() < 4 {
        return 0.0;
    }
    // A capitalised word may be a class name or the start of a sentence.
    if word.chars().next().is_some_and(|c| c.is_uppercase()) { 0.3 } else { 0.15 }
}

/// Byte spans inside single backticks or code fences.
fn backticked_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c == '`' {
            match open.take() {
                Some(start) => spans.push((start, i)),
                None => open = Some(i + 1),
            }
        }
    }
    spans
}

/// `File "path", line N` (Python tracebacks) and `at path:N` (other stacks).
fn traceback_location(line: &str) -> Option<PathMention> {
    let trimmed = line.trim();
    let rest = trimmed.strip_prefix("File \"")?;
    let (path, rest) = rest.split_once('"')?;
    let line_number = rest
        .split_once("line ")
        .and_then(|(_, n)| n.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok());
    Some(PathMention { path: path.replace('\\', "/"), line: line_number })
}

/// Quoted strings of 12 or more characters: likely error messages.
fn quoted_phrases(text: &str) -> Vec<String> {
    let mut phrases = Vec::new();
    for quote in ['"', '\''] {
        let mut parts = text.split(quote);
        parts.next();
        while let (Some(inside), Some(_)) = (parts.next(), parts.next().or(Some(""))) {
            let inside = inside.trim();
            if inside.len() >= 12 && inside.len() <= 200 && !inside.contains('\n') && inside.contains(' ') {
                phrases.push(inside.to_string());
            }
        }
    }
    phrases.sort();
    phrases.dedup();
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_identifiers_paths_and_tracebacks() {
        let task = "Calling `Cart.add` fails in shop/cart.py:25 with \"quantity must be positive\".\n\
                    File \"/usr/lib/shop/pricing.py\", line 3, in apply_discount\n\
                    see django.db.models.query for parse_line()";
        let s = extract(task);
        let names: Vec<&str> = s.mentions.iter().map(|m| m.name.as_str()).collect();
        assert!(names.contains(&"add") && names.contains(&"Cart"), "{names:?}");
        assert!(names.contains(&"apply_discount") && names.contains(&"parse_line"), "{names:?}");
        let add = s.mentions.iter().find(|m| m.name == "add").expect("add");
        assert_eq!(add.qualifier.as_deref(), Some("Cart"));
        assert!(s.paths.contains(&PathMention { path: "shop/cart.py".into(), line: Some(25) }));
        assert!(s.paths.contains(&PathMention { path: "/usr/lib/shop/pricing.py".into(), line: Some(3) }));
        assert!(s.modules.contains(&"django/db/models/query".to_string()));
        assert_eq!(s.phrases, vec!["quantity must be positive".to_string()]);
    }

    #[test]
    fn finds_locations_and_members_as_other_languages_write_them() {
        let task = "thread 'main' panicked at src/lib.rs:10:5\n\
                    include/fmt/core.h:212:3: error: no member\n\
                    see JsonGenerator#writeNumberField and https://github.com/a/b/blob/main/src/Foo.java#L42-L50\n\
                    in lib/App.kt:7, see https://github.com/a/b#readme";
        let s = extract(task);
        assert!(s.paths.contains(&PathMention { path: "src/lib.rs".into(), line: Some(10) }), "{:?}", s.paths);
        assert!(s.paths.contains(&PathMention { path: "include/fmt/core.h".into(), line: Some(212) }), "{:?}", s.paths);
        assert!(s.paths.contains(&PathMention { path: "lib/App.kt".into(), line: Some(7) }), "{:?}", s.paths);
        assert!(s.paths.iter().any(|p| p.path.ends_with("/src/Foo.java") && p.line == Some(42)), "{:?}", s.paths);
        let member = s.mentions.iter().find(|m| m.name == "writeNumberField").expect("writeNumberField");
        assert_eq!(member.qualifier.as_deref(), Some("JsonGenerator"));
        assert!(!s.modules.is_empty() && s.modules.iter().all(|m| !m.contains('#')), "a link's anchor is no part of its path: {:?}", s.modules);
    }

    #[test]
    fn plain_english_is_not_code() {
        let s = extract("The value should be returned when there is an error");
        // Plain words may still name code, but only weakly.
        assert!(s.mentions.iter().all(|m| m.confidence < 0.35), "{:?}", s.mentions);
        assert!(!s.mentions.iter().any(|m| m.name == "value" || m.name == "error"), "{:?}", s.mentions);
    }

    #[test]
    fn a_query_of_one_name_asks_for_that_name_however_short() {
        for (query, qualifier, name) in [("g", None, "g"), ("io", None, "io"), (" Cart.add ", Some("Cart"), "add"), ("a::b::Item::new", Some("Item"), "new"), ("value", None, "value")] {
            let s = extract(query);
            let first = s.mentions.first().unwrap_or_else(|| panic!("{query:?}: no mention"));
            assert_eq!((first.qualifier.as_deref(), first.name.as_str(), first.confidence), (qualifier, name, 1.0), "{query:?}");
        }
        for query in ["fix g", "a b", "!!", "9lives", ""] {
            assert!(lone_identifier(query).is_none(), "{query:?}");
        }
    }
}

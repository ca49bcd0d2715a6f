//! Generated files: recognised by their marker, and parsed without the
//! insides of their function bodies and composite values.
//!
//! Generated code is a large share of some trees: 464 of the Go tree's
//! files, 22 of the 61 MB of Go it indexes (syscall and error tables,
//! Unicode tables, stringer and bundled or protobuf output),
//! and most of that is in bodies and literal values. Those bytes cost a full
//! parse and give back only uses inside machine-written code, which nobody
//! edits (the marker says so) and which would add mechanical edges to the
//! symbol graph. So a generated file's definitions, signatures, imports,
//! struct and interface members are parsed as in any file, and the insides
//! of its top-level braces are left out of the parse (tree-sitter's included
//! ranges). Node positions stay those of the whole file, chunks come from
//! symbols and lines, and search indexes the whole text, so only the uses
//! inside those braces are not recorded.
//!
//! The same brace scan gives the body scan (`bodies`) the bodies of
//! hand-written Go files ([`body_spans`]): they too are left out of the
//! parse, and their uses are then found lexically.
//!
//! Go only for now: its marker is a documented convention
//! (<https://go.dev/s/generatedcode>) and its lexical rules are few. Other
//! languages' generated files are parsed in full.

use super::lexer::{find_from, is_word_byte, quoted_end};
use crate::parse::language::Language;
use std::ops::Range;

/// For a generated file, the byte spans of `source` to leave out of its
/// parse (none when it has no bodies or values); `None` when the file is
/// not generated, or when the scan cannot be sure of its braces, and is
/// parsed in full.
pub(crate) fn skipped_spans(language: Language, source: &str) -> Option<Vec<Range<usize>>> {
    match language {
        Language::Go if go_is_generated(source) => go_brace_interiors(source.as_bytes()),
        _ => None,
    }
}

/// For a hand-written file, the byte spans of `source` whose uses the
/// body scan (`bodies`) finds instead of the parser (Go only): the insides of
/// its top-level braces, as for a generated file. `None` when the braces do
/// not balance or the language has no scan.
pub(crate) fn body_spans(language: Language, source: &str) -> Option<Vec<Range<usize>>> {
    match language {
        Language::Go => go_brace_interiors(source.as_bytes()),
        _ => None,
    }
}

/// Go's rule: a line `// Code generated ... DO NOT EDIT.` before the first
/// text that is not a comment or blank.
fn go_is_generated(source: &str) -> bool {
    let mut in_block_comment = false;
    // `lines` also takes the `\r` of a `\r\n` ending off.
    for line in source.lines() {
        if in_block_comment {
            match line.split_once("*/") {
                Some((_, after)) if !after.trim().is_empty() => return false,
                Some(_) => in_block_comment = false,
                None => {}
            }
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with("//") {
            if let Some(comment) = line.strip_prefix("//")
                && comment.starts_with(" Code generated ")
                && comment.ends_with(" DO NOT EDIT.")
            {
                return true;
            }
            continue;
        }
        match trimmed.strip_prefix("/*").map(|rest| rest.split_once("*/")) {
            Some(None) => in_block_comment = true,
            Some(Some((_, after))) if after.trim().is_empty() => {}
            _ => return false,
        }
    }
    false
}

/// The insides of Go's top-level `{ ... }` that do not belong to a `struct`
/// or `interface` type: function bodies and composite literal values.
/// `None` when the brackets (of any kind) do not balance, since the scan
/// then cannot tell where a body ends, and a parse of the whole file shows
/// the syntax error.
fn go_brace_interiors(source: &[u8]) -> Option<Vec<Range<usize>>> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    // The open brackets of all kinds, innermost last.
    let mut brackets: Vec<u8> = Vec::new();
    let mut open: Option<usize> = None;
    // The word just before the current position, ignoring blanks and comments.
    let mut last_word: Option<Range<usize>> = None;
    let mut i = 0;
    while i < source.len() {
        let byte = source[i];
        match byte {
            b'/' if source.get(i + 1) == Some(&b'/') => {
                i = find_from(source, i, b"\n").unwrap_or(source.len());
                continue;
            }
            b'/' if source.get(i + 1) == Some(&b'*') => {
                i = find_from(source, i + 2, b"*/").map_or(source.len(), |end| end + 2);
                continue;
            }
            b'"' | b'\'' => {
                i = quoted_end(source, i);
                last_word = None;
                continue;
            }
            b'`' => {
                i = find_from(source, i + 1, b"`").map_or(source.len(), |end| end + 1);
                last_word = None;
                continue;
            }
            b'(' | b'[' => {
                brackets.push(byte);
                last_word = None;
            }
            b')' | b']' => {
                // A bracket closed out of turn is a syntax error the parse must see.
                let opened = if byte == b')' { b'(' } else { b'[' };
                if brackets.pop() != Some(opened) {
                    return None;
                }
                last_word = None;
            }
            b'{' => {
                brackets.push(byte);
                if depth == 0 {
                    let keyword = last_word.as_ref().map(|word| &source[word.clone()]);
                    let keeps_members = matches!(keyword, Some(b"struct") | Some(b"interface"));
                    open = (!keeps_members).then_some(i + 1);
                }
                depth += 1;
                last_word = None;
            }
            b'}' => {
                if brackets.pop() != Some(b'{') {
                    return None;
                }
                depth = depth.checked_sub(1)?;
                if depth == 0
                    && let Some(start) = open.take()
                    && start < i
                {
                    spans.push(start..i);
                }
                last_word = None;
            }
            _ if is_word_byte(byte) => {
                let start = i;
                while i < source.len() && is_word_byte(source[i]) {
                    i += 1;
                }
                last_word = Some(start..i);
                continue;
            }
            _ if byte.is_ascii_whitespace() => {}
            _ => last_word = None,
        }
        i += 1;
    }
    (depth == 0 && brackets.is_empty()).then_some(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKER: &str = "// Code generated by stringer; DO NOT EDIT.\n";

    fn skipped_texts(source: &str) -> Vec<&str> {
        go_brace_interiors(source.as_bytes()).unwrap().into_iter().map(|span| &source[span]).collect()
    }

    #[test]
    fn the_marker_counts_only_before_the_package_clause() {
        assert!(go_is_generated(&format!("{MARKER}\npackage p\n")));
        assert!(go_is_generated(&format!("// Copyright 2022\n\n//go:build linux\r\n{}package p\n", MARKER.replace('\n', "\r\n"))));
        assert!(go_is_generated(&format!("/* licence\n   text */\n{MARKER}package p\n")));
        assert!(!go_is_generated(&format!("package p\n\n{MARKER}")));
        assert!(!go_is_generated("// Code generated by hand, edit freely.\npackage p\n"));
        assert!(!go_is_generated("//Code generated by x. DO NOT EDIT.\npackage p\n"));
    }

    #[test]
    fn bodies_and_values_are_skipped_and_type_members_kept() {
        let source = "package p\n\
            type T struct { a int; b struct { c string } }\n\
            type I interface { M() }\n\
            func (t *T) M() { t.a = 1 }\n\
            func f(x interface{}) struct{ y int } { return struct{ y int }{1} }\n\
            var table = map[string]interface{}{\"k\": f}\n\
            var pairs = []struct{ a, b int }{{1, 2}, {3, 4}}\n\
            func empty() {}\n";
        assert_eq!(
            skipped_texts(source),
            [" t.a = 1 ", " return struct{ y int }{1} ", "\"k\": f", "{1, 2}, {3, 4}"]
        );
    }

    #[test]
    fn braces_in_strings_runes_and_comments_do_not_count() {
        let source = "package p\n\
            // a { in a comment\n\
            /* and } in a block */\n\
            func f() { s := \"}\\\"{\"; r := '}'; q := '\\''; raw := `}\n{`; _ = s }\n";
        assert_eq!(skipped_texts(source).len(), 1);
        assert!(skipped_texts(source)[0].ends_with("_ = s "));
    }

    #[test]
    fn unbalanced_braces_skip_nothing() {
        assert_eq!(go_brace_interiors(b"package p\nfunc f() {\n"), None);
        assert_eq!(go_brace_interiors(b"package p\n}\n"), None);
        assert_eq!(go_brace_interiors(b"package p\nfunc f() { g(1] }\n"), None);
        assert_eq!(go_brace_interiors(b"package p\nfunc f() { g( }\n"), None);
        let source = format!("{MARKER}package p\nfunc f() {{ }} }}\n");
        assert_eq!(skipped_spans(Language::Go, &source), None);
        assert_eq!(skipped_spans(Language::Go, &format!("{MARKER}package p\nconst A = 1\n")), Some(Vec::new()));
        assert_eq!(skipped_spans(Language::Go, "package p\nfunc f() { g() }\n"), None);
    }
}

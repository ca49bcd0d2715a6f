//! Go's lexical rules, as the brace scan of `generated` and the body scan
//! of `bodies` need them: tokens with automatic semicolons, keywords,
//! literals and comments.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Ident,
    /// A keyword, or `nil`, `true`, `false`, `iota` (not identifiers in the grammar).
    Keyword,
    /// A string, rune or number.
    Literal,
    /// An automatic or written semicolon: the end of a statement.
    Semi,
    /// `:=`
    Define,
    /// `...`, one token so that the name after `args...` is not read as a selector.
    Ellipsis,
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Go's keywords, and the four predeclared names the grammar does not
/// take for identifiers.
fn is_keyword(word: &[u8]) -> bool {
    matches!(
        word,
        b"break" | b"case" | b"chan" | b"const" | b"continue" | b"default" | b"defer" | b"else" | b"fallthrough" | b"for"
            | b"func" | b"go" | b"goto" | b"if" | b"import" | b"interface" | b"map" | b"package" | b"range" | b"return"
            | b"select" | b"struct" | b"switch" | b"type" | b"var" | b"nil" | b"true" | b"false" | b"iota"
    )
}

/// Splits `source[span]` into tokens, with Go's automatic semicolons at line ends.
pub(crate) fn tokenize(source: &[u8], span: Range<usize>, out: &mut Vec<Token>) {
    out.clear();
    let end = span.end;
    let mut i = span.start;
    let push = |out: &mut Vec<Token>, kind, start, stop| out.push(Token { kind, start, end: stop });
    while i < end {
        let byte = source[i];
        let next = source.get(i + 1).copied().filter(|_| i + 1 < end);
        match byte {
            b'\n' => {
                if ends_statement(source, out) {
                    push(out, Kind::Semi, i, i + 1);
                }
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if next == Some(b'/') => i = find_from(source, i, b"\n").map_or(end, |at| at.min(end)),
            b'/' if next == Some(b'*') => {
                let close = find_from(source, i + 2, b"*/").map_or(end, |at| (at + 2).min(end));
                if source[i..close].contains(&b'\n') && ends_statement(source, out) {
                    push(out, Kind::Semi, i, i + 1);
                }
                i = close;
            }
            b'"' | b'\'' => {
                let close = quoted_end(source, i).min(end);
                push(out, Kind::Literal, i, close);
                i = close;
            }
            b'`' => {
                let close = find_from(source, i + 1, b"`").map_or(end, |at| (at + 1).min(end));
                push(out, Kind::Literal, i, close);
                i = close;
            }
            b'0'..=b'9' => i = number(source, i, end, out),
            b'.' if next.is_some_and(|b| b.is_ascii_digit()) => i = number(source, i, end, out),
            b'.' if next == Some(b'.') && source.get(i + 2) == Some(&b'.') => {
                push(out, Kind::Ellipsis, i, i + 3);
                i += 3;
            }
            b':' if next == Some(b'=') => {
                push(out, Kind::Define, i, i + 2);
                i += 2;
            }
            b';' => {
                push(out, Kind::Semi, i, i + 1);
                i += 1;
            }
            _ if is_word_byte(byte) => {
                let start = i;
                while i < end && is_word_byte(source[i]) {
                    i += 1;
                }
                let kind = if is_keyword(&source[start..i]) { Kind::Keyword } else { Kind::Ident };
                push(out, kind, start, i);
            }
            _ => {
                push(out, Kind::Punct(byte), i, i + 1);
                i += 1;
            }
        }
    }
}

/// Go's rule: a line ends a statement after an identifier, a literal, one
/// of `break continue fallthrough return`, `++`, `--`, `)`, `]` or `}`.
fn ends_statement(source: &[u8], tokens: &[Token]) -> bool {
    let Some(last) = tokens.last() else { return false };
    match last.kind {
        Kind::Ident | Kind::Literal => true,
        Kind::Keyword => {
            matches!(&source[last.start..last.end], b"break" | b"continue" | b"fallthrough" | b"return" | b"nil" | b"true" | b"false" | b"iota")
        }
        Kind::Punct(b')' | b']' | b'}') => true,
        Kind::Punct(op @ (b'+' | b'-')) => last.start > 0 && source[last.start - 1] == op,
        _ => false,
    }
}

/// A number literal from `start`: digits, letters (hex, exponents,
/// suffixes), `_`, `.`, and a sign after an exponent letter.
fn number(source: &[u8], start: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let mut i = start;
    while i < end {
        let byte = source[i];
        let signed_exponent = matches!(byte, b'+' | b'-') && i > start && matches!(source[i - 1], b'e' | b'E' | b'p' | b'P');
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'.' || signed_exponent {
            i += 1;
        } else {
            break;
        }
    }
    out.push(Token { kind: Kind::Literal, start, end: i });
    i
}

/// Letters, digits, `_` and the bytes of non-ASCII characters (Go allows
/// Unicode letters in names).
pub(crate) fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

/// The position after the string or rune literal opening at `start`; an
/// unterminated one ends at its line's end, as Go's scanner reports it.
pub(crate) fn quoted_end(source: &[u8], start: usize) -> usize {
    let quote = source[start];
    let mut i = start + 1;
    while i < source.len() {
        match source[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            byte if byte == quote => return i + 1,
            _ => i += 1,
        }
    }
    source.len()
}

pub(crate) fn find_from(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|at| from + at)
}

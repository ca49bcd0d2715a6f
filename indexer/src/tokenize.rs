//! The code-aware tokenizer shared by indexing and querying: identifiers are
//! kept whole and also split at `snake_case`, `camelCase`, `PascalCase` and
//! digit boundaries, all lower-cased, so `parseHTTPRequest` matches a task
//! that says "parse http request" and one that names the function.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Longest term kept, in bytes; longer identifiers are usually generated data.
const MAX_TERM_BYTES: usize = 64;

/// Calls `emit` with each term of `text`, in order.
pub fn for_each_term(text: &str, mut emit: impl FnMut(&str, usize, usize)) {
    let mut lowered = String::new();
    for_each_word(text, |word, start, end, parts| {
        if parts.len() != 1 || word.len() >= 2 {
            lower_into(&mut lowered, word);
            emit(&lowered, start, end);
        }
        if parts.len() > 1 {
            for &(a, b) in parts {
                let part = &word[a..b];
                if keeps_part(part) {
                    lower_into(&mut lowered, part);
                    emit(&lowered, start, end);
                }
            }
        }
    });
}

/// The number of terms [`for_each_term`] gives for `text`, without
/// lower-casing them (indexing counts the terms of every field for BM25).
pub fn count_terms(text: &str) -> u32 {
    let mut count = 0;
    for_each_word(text, |word, _, _, parts| {
        count += u32::from(parts.len() != 1 || word.len() >= 2);
        if parts.len() > 1 {
            count += parts.iter().filter(|&&(a, b)| keeps_part(&word[a..b])).count() as u32;
        }
    });
    count
}

/// A part of a split identifier is a term if it has two characters or is a number.
fn keeps_part(part: &str) -> bool {
    part.len() >= 2 || part.as_bytes()[0].is_ascii_digit()
}

/// Calls `visit` with each word of `text` (trimmed of `_`, at most
/// [`MAX_TERM_BYTES`]), its byte range in `text` and its parts.
fn for_each_word(text: &str, mut visit: impl FnMut(&str, usize, usize, &[(usize, usize)])) {
    let mut parts = Vec::new();
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut i = 0;
    while i < bytes.len() {
        if !is_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_word(bytes[i]) {
            i += 1;
        }
        // Non-ASCII runs end on a char boundary because continuation bytes are >= 0x80.
        let trimmed = text[start..i].trim_matches('_');
        if trimmed.is_empty() || trimmed.len() > MAX_TERM_BYTES {
            continue;
        }
        split_identifier(trimmed, &mut parts);
        visit(trimmed, start, i, &parts);
    }
}

/// `text` lower-cased into `out` (ASCII without allocating).
fn lower_into(out: &mut String, text: &str) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// The terms of `text` as owned strings (for queries).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |t, _, _| out.push(t.to_string()));
    out
}

/// Byte ranges of the parts of one identifier, into `parts`. Identifiers
/// are nearly all ASCII, which is split by bytes; for ASCII the char
/// tests below (`is_lowercase`, ...) are exactly their ASCII forms.
fn split_identifier(word: &str, parts: &mut Vec<(usize, usize)>) {
    parts.clear();
    if !word.is_ascii() {
        return split_unicode_identifier(word, parts);
    }
    let b = word.as_bytes();
    let mut start: Option<usize> = None;
    for k in 0..b.len() {
        let c = b[k];
        if c == b'_' {
            if let Some(s) = start.take() {
                parts.push((s, k));
            }
            continue;
        }
        let Some(s) = start else {
            start = Some(k);
            continue;
        };
        let prev = b[k - 1];
        let next = b.get(k + 1).copied();
        let boundary = (prev.is_ascii_lowercase() && c.is_ascii_uppercase())
            || (prev.is_ascii_alphabetic() && c.is_ascii_digit())
            || (prev.is_ascii_digit() && c.is_ascii_alphabetic())
            || (prev.is_ascii_uppercase() && c.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()));
        if boundary {
            parts.push((s, k));
            start = Some(k);
        }
    }
    if let Some(s) = start {
        parts.push((s, word.len()));
    }
}

fn split_unicode_identifier(word: &str, parts: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut start: Option<usize> = None;
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c == '_' {
            if let Some(s) = start.take() {
                parts.push((s, at));
            }
            continue;
        }
        let Some(s) = start else {
            start = Some(at);
            continue;
        };
        let prev = chars[k - 1].1;
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let boundary = (prev.is_lowercase() && c.is_uppercase())
            || (prev.is_alphabetic() && c.is_ascii_digit())
            || (prev.is_ascii_digit() && c.is_alphabetic())
            || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase()));
        if boundary {
            parts.push((s, at));
            start = Some(at);
        }
    }
    if let Some(s) = start {
        parts.push((s, word.len()));
    }
}

/// The tantivy tokenizer registered as [`CODE_TOKENIZER`].
#[derive(Clone, Default)]
pub struct CodeTokenizer {
    tokens: Vec<Token>,
}

/// The name under which [`CodeTokenizer`] is registered in the index.
pub const CODE_TOKENIZER: &str = "ctx_code";

/// Iterates over the terms computed up front for one text.
pub struct CodeTokenStream<'a> {
    tokens: &'a mut [Token],
    index: usize,
}

impl Tokenizer for CodeTokenizer {
    type TokenStream<'a> = CodeTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CodeTokenStream<'a> {
        // The tokens of the previous text are overwritten in place, so
        // their strings' buffers are reused rather than allocated per term.
        let tokens = &mut self.tokens;
        let mut len = 0;
        for_each_term(text, |term, from, to| {
            if len == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[len];
            token.offset_from = from;
            token.offset_to = to;
            token.position = len;
            token.position_length = 1;
            token.text.clear();
            token.text.push_str(term);
            len += 1;
        });
        CodeTokenStream { tokens: &mut self.tokens[..len], index: 0 }
    }
}

impl TokenStream for CodeTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.index += 1;
        self.index <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers_and_keeps_them_whole() {
        assert_eq!(terms("parseHTTPRequest"), ["parsehttprequest", "parse", "http", "request"]);
        assert_eq!(terms("get_user_id2"), ["get_user_id2", "get", "user", "id", "2"]);
        assert_eq!(terms("XMLParser x"), ["xmlparser", "xml", "parser"]);
        assert_eq!(terms("__init__ self.items"), ["init", "self", "items"]);
        assert_eq!(terms("Überprüfung"), ["überprüfung"]);
        assert_eq!(terms("ÜberPrüfung2x"), ["überprüfung2x", "über", "prüfung", "2"]);
    }

    #[test]
    fn counting_agrees_with_the_terms() {
        for text in ["parseHTTPRequest get_user_id2", "a b _ __init__ x1 ABCDef", "ÜberPrüfung2x 名前 snake_Case9", ""] {
            assert_eq!(count_terms(text) as usize, terms(text).len(), "{text}");
        }
    }

    #[test]
    fn a_reused_tokenizer_gives_each_text_its_own_tokens() {
        let mut tokenizer = CodeTokenizer::default();
        let mut collect = |text: &str| {
            let mut stream = tokenizer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push((stream.token().text.clone(), stream.token().position));
            }
            out
        };
        assert_eq!(collect("alphaBeta gamma").len(), 4);
        assert_eq!(collect("x1"), [("x1".to_string(), 0), ("1".to_string(), 1)]);
    }
}

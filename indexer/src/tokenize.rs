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
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        if !is_word(c) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_word(bytes[i]) {
            i += 1;
        }
        // Non-ASCII runs end on a char boundary because continuation bytes are >= 0x80.
        let word = &text[start..i];
        let trimmed = word.trim_matches('_');
        if trimmed.is_empty() || trimmed.len() > MAX_TERM_BYTES {
            continue;
        }
        let parts = split_identifier(trimmed);
        if parts.len() != 1 || trimmed.len() >= 2 {
            lowered.clear();
            lowered.push_str(&trimmed.to_lowercase());
            emit(&lowered, start, i);
        }
        if parts.len() > 1 {
            for (a, b) in parts {
                let part = &trimmed[a..b];
                if part.len() >= 2 || part.as_bytes()[0].is_ascii_digit() {
                    lowered.clear();
                    lowered.push_str(&part.to_lowercase());
                    emit(&lowered, start, i);
                }
            }
        }
    }
}

/// The terms of `text` as owned strings (for queries).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |t, _, _| out.push(t.to_string()));
    out
}

/// Byte ranges of the parts of one identifier.
fn split_identifier(word: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut parts = Vec::new();
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
    parts
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
        self.tokens.clear();
        let tokens = &mut self.tokens;
        for_each_term(text, |term, from, to| {
            let position = tokens.len();
            tokens.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text: term.to_string(),
                position_length: 1,
            });
        });
        CodeTokenStream { tokens: &mut self.tokens[..], index: 0 }
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
    }
}

//! The JSON and JSONC reader of `ctx setup`: a tree of objects, arrays and scalars that keeps the byte span of every value and key.

use serde_json::Value;
use std::ops::Range;

/// Which JSON a file is allowed to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Strict JSON (RFC 8259).
    Json,
    /// JSON with `//` and `/* */` comments and trailing commas, as VS Code reads it.
    Jsonc,
}

/// Why a text is not JSON of its syntax: a byte offset and what was expected there.
#[derive(Debug)]
pub struct ParseError {
    /// The byte offset of the problem.
    pub offset: usize,
    /// What is wrong, in a few words.
    pub message: String,
}

impl ParseError {
    /// The 1-based line and column of the problem in `text`.
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        let mut offset = self.offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }
}

/// A parsed value with the span of its text.
#[derive(Debug)]
pub enum Node {
    /// An object: the span from `{` to `}` and its members in order.
    Object { span: Range<usize>, members: Vec<Member> },
    /// An array: the span from `[` to `]` and its items.
    Array { span: Range<usize>, items: Vec<Node> },
    /// A string, number, boolean or null.
    Scalar { span: Range<usize> },
}

/// A member of an object: its decoded key, where the key starts, and its value.
#[derive(Debug)]
pub struct Member {
    /// The key, decoded.
    pub key: String,
    /// The offset of the key's opening quote.
    pub key_start: usize,
    /// The member's value.
    pub value: Node,
}

impl Node {
    /// The value as serde JSON, to compare with what setup would write.
    pub fn to_value(&self, text: &str) -> Value {
        match self {
            Node::Object { members, .. } => {
                Value::Object(members.iter().map(|m| (m.key.clone(), m.value.to_value(text))).collect())
            }
            Node::Array { items, .. } => Value::Array(items.iter().map(|i| i.to_value(text)).collect()),
            // Scalars were checked by the parser: strings, numbers and literals are valid JSON texts.
            Node::Scalar { span } => serde_json::from_str(&text[span.clone()]).unwrap_or(Value::Null),
        }
    }

    /// The member named `key` (the last one, as JSON.parse reads duplicates).
    pub fn member(&self, key: &str) -> Option<&Member> {
        match self {
            Node::Object { members, .. } => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

pub struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    syntax: Syntax,
}

impl<'a> Parser<'a> {
    /// A parser of `text` starting at byte `pos`.
    pub fn new(text: &'a str, pos: usize, syntax: Syntax) -> Parser<'a> {
        Parser { text, bytes: text.as_bytes(), pos, syntax }
    }

    /// The offset reached.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn error<T>(&self, offset: usize, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError { offset, message: message.into() })
    }

    /// Skips whitespace and, in JSONC, comments.
    pub fn skip_blank(&mut self) -> Result<(), ParseError> {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    if self.syntax == Syntax::Json {
                        return self.error(self.pos, "comments are not allowed in this file");
                    }
                    self.pos = self.text[self.pos..].find('\n').map_or(self.bytes.len(), |n| self.pos + n);
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    if self.syntax == Syntax::Json {
                        return self.error(self.pos, "comments are not allowed in this file");
                    }
                    match self.text[self.pos + 2..].find("*/") {
                        Some(n) => self.pos += n + 4,
                        None => return self.error(self.pos, "unterminated /* comment"),
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    pub fn value(&mut self, depth: usize) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return self.error(self.pos, "nested too deeply");
        }
        self.skip_blank()?;
        let start = self.pos;
        match self.bytes.get(start) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                self.string()?;
                Ok(Node::Scalar { span: start..self.pos })
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                Ok(Node::Scalar { span: start..self.pos })
            }
            Some(_) => {
                for literal in ["true", "false", "null"] {
                    if self.text[start..].starts_with(literal) {
                        self.pos += literal.len();
                        return Ok(Node::Scalar { span: start..self.pos });
                    }
                }
                self.error(start, "expected a value")
            }
            None => self.error(start, "unexpected end of file"),
        }
    }

    /// An object, with `self.pos` at its `{`.
    fn object(&mut self, depth: usize) -> Result<Node, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        loop {
            self.skip_blank()?;
            match self.bytes.get(self.pos) {
                Some(b'}') => {
                    if !members.is_empty() && self.syntax == Syntax::Json && self.last_significant_is_comma(start) {
                        return self.error(self.pos, "trailing comma before }");
                    }
                    self.pos += 1;
                    return Ok(Node::Object { span: start..self.pos, members });
                }
                Some(b'"') => {}
                _ => return self.error(self.pos, "expected a key in quotes or }"),
            }
            let key_start = self.pos;
            let key = self.string()?;
            self.skip_blank()?;
            if self.bytes.get(self.pos) != Some(&b':') {
                return self.error(self.pos, "expected : after the key");
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            members.push(Member { key, key_start, value });
            self.skip_blank()?;
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                _ => return self.error(self.pos, "expected , or } after a value"),
            }
        }
    }

    /// An array, with `self.pos` at its `[`.
    fn array(&mut self, depth: usize) -> Result<Node, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_blank()?;
            if self.bytes.get(self.pos) == Some(&b']') {
                if !items.is_empty() && self.syntax == Syntax::Json && self.last_significant_is_comma(start) {
                    return self.error(self.pos, "trailing comma before ]");
                }
                self.pos += 1;
                return Ok(Node::Array { span: start..self.pos, items });
            }
            items.push(self.value(depth + 1)?);
            self.skip_blank()?;
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                _ => return self.error(self.pos, "expected , or ] after a value"),
            }
        }
    }

    /// Whether the last non-blank byte before `self.pos` (after `from`) is a comma.
    fn last_significant_is_comma(&self, from: usize) -> bool {
        self.text[from..self.pos].trim_end().ends_with(',')
    }

    /// A string, with `self.pos` at its opening quote; returns it decoded.
    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return serde_json::from_str(&self.text[start..self.pos])
                        .or_else(|e| self.error(start, format!("invalid string ({e})")));
                }
                Some(b'\\') => self.pos += 2,
                Some(b'\n') | None => return self.error(start, "unterminated string"),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn number(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        let rest = &self.bytes[start..];
        let len = rest.iter().take_while(|b| matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')).count();
        self.pos += len;
        match serde_json::from_str::<serde_json::Number>(&self.text[start..self.pos]) {
            Ok(_) => Ok(()),
            Err(_) => self.error(start, "invalid number"),
        }
    }
}

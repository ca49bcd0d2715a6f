//! Format-preserving edits of JSON and JSONC files: set or remove one member by its path of keys, splicing the text.
//!
//! The file is parsed into a tree that keeps the byte span of every value
//! and key; an edit replaces, inserts or deletes text at those spans and
//! leaves every other byte as it was, comments included. That keeps other
//! servers and settings, their order and their layout, which a parse and
//! re-serialisation through `serde_json` would not (its maps are sorted in
//! this build, and it has no comments). Every edit is checked by parsing
//! its result again.

use super::json_parse::{Node, ParseError, Parser, Syntax, Member};
use serde_json::Value;
use std::ops::Range;

/// Why an edit cannot be made to a well-formed document.
#[derive(Debug)]
pub enum EditError {
    /// The value at this key path is not an object, so nothing can be put inside it.
    NotAnObject(String),
    /// The edited text did not read back as intended (a bug here); nothing is written.
    Unverified,
}

/// A parsed document: its text and the tree of its top-level object.
pub struct Document {
    text: String,
    syntax: Syntax,
    root: Node,
}

impl Document {
    /// Parses `text`; an empty or blank text is an empty object. The top level must be an object.
    pub fn parse(text: &str, syntax: Syntax) -> Result<Document, ParseError> {
        let text = if text.trim().is_empty() { "{}\n" } else { text };
        // A byte-order mark is kept as it is, and read past.
        let skip = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let mut parser = Parser::new(text, skip, syntax);
        parser.skip_blank()?;
        if text.as_bytes().get(parser.pos()) != Some(&b'{') {
            return Err(ParseError { offset: parser.pos(), message: "the file must hold one JSON object".into() });
        }
        let root = parser.value(0)?;
        parser.skip_blank()?;
        if parser.pos() != text.len() {
            return Err(ParseError { offset: parser.pos(), message: "text after the closing }".into() });
        }
        Ok(Document { text: text.to_string(), syntax, root })
    }

    /// The text as it is now.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The whole document as serde JSON.
    pub fn to_value(&self) -> Value {
        self.root.to_value(&self.text)
    }

    /// The value at `path`, if every key along it is there.
    pub fn get(&self, path: &[&str]) -> Option<Value> {
        let mut node = &self.root;
        for key in path {
            node = &node.member(key)?.value;
        }
        Some(node.to_value(&self.text))
    }

    /// Sets the member at `path` to `value`, creating the objects along the
    /// path that are missing. A value already equal leaves the text as it is.
    pub fn set(&mut self, path: &[&str], value: &FieldValue) -> Result<(), EditError> {
        let wanted = value.to_value();
        if self.get(path).as_ref() == Some(&wanted) {
            return Ok(());
        }
        let style = Style::of(&self.text);
        let mut node = &self.root;
        let mut edits = None;
        for (depth, key) in path.iter().enumerate() {
            let Node::Object { span, members } = node else {
                return Err(EditError::NotAnObject(path[..depth].join(".")));
            };
            match members.iter().rev().find(|m| m.key == *key) {
                Some(member) if depth + 1 == path.len() => {
                    let base = line_indent(&self.text, member.key_start);
                    edits = Some(vec![(value_range(&member.value), value.render(&style, &base))]);
                }
                Some(member) => {
                    node = &member.value;
                    continue;
                }
                None => {
                    // The rest of the path is new: nest the value in one-member objects.
                    let mut nested = value.clone();
                    for outer in path[depth + 1..].iter().rev() {
                        nested = FieldValue::Object(Fields(vec![(outer.to_string(), nested)]));
                    }
                    edits = Some(insertion(&self.text, span, members, key, &nested, &style));
                }
            }
            break;
        }
        if let Some(edits) = edits {
            self.splice(edits)?;
        }
        if self.get(path).as_ref() != Some(&wanted) {
            return Err(EditError::Unverified);
        }
        Ok(())
    }

    /// Removes the member at `path` (every member of that name); whether there was one.
    pub fn remove(&mut self, path: &[&str]) -> Result<bool, EditError> {
        let mut removed = false;
        while let Some(edits) = self.removal(path) {
            self.splice(edits)?;
            removed = true;
        }
        Ok(removed)
    }

    /// The edits that take out the last member at `path`, if there is one.
    fn removal(&self, path: &[&str]) -> Option<Vec<(Range<usize>, String)>> {
        let (last, parents) = path.split_last()?;
        let mut node = &self.root;
        for key in parents {
            node = &node.member(key)?.value;
        }
        let Node::Object { span, members } = node else { return None };
        let index = members.iter().rposition(|m| m.key == *last)?;
        let text = &self.text;
        let member = &members[index];
        let value_end = value_range(&member.value).end;
        let after = skip_blank_from(text, value_end);
        let mut edits = Vec::new();
        if text.as_bytes().get(after) == Some(&b',') {
            // Take the member and the comma after it, and its line when it stands alone.
            let mut start = member.key_start;
            let mut end = after + 1;
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            let rest_of_line = text[end..].find('\n').map_or(text.len(), |n| end + n);
            if text[line_start..start].trim().is_empty() && text[end..rest_of_line].trim().is_empty() && rest_of_line < text.len() {
                start = line_start;
                end = rest_of_line + 1;
            } else {
                end += text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
            }
            edits.push((start..end, String::new()));
        } else if index > 0 {
            // The last member: take the comma before it, and everything between when that is blank.
            let previous_end = value_range(&members[index - 1].value).end;
            let comma = skip_blank_from(text, previous_end);
            if text[comma + 1..member.key_start].trim().is_empty() {
                edits.push((comma..value_end, String::new()));
            } else {
                edits.push((member.key_start..value_end, String::new()));
                edits.push((comma..comma + 1, String::new()));
            }
        } else {
            edits.push((member.key_start..value_end, String::new()));
        }
        let before = &text[span.start + 1..member.key_start];
        let after = text[value_end..span.end - 1].trim();
        if members.len() == 1 && before.trim().is_empty() && (after.is_empty() || after == ",") {
            // The object held only this member: leave `{}`, not a blank line inside braces.
            return Some(vec![(span.start + 1..span.end - 1, String::new())]);
        }
        Some(edits)
    }

    /// Applies non-overlapping edits and parses the result again; a result
    /// that does not parse leaves the document as it was.
    fn splice(&mut self, mut edits: Vec<(Range<usize>, String)>) -> Result<(), EditError> {
        edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        let mut text = self.text.clone();
        for (range, replacement) in edits {
            text.replace_range(range, &replacement);
        }
        *self = Document::parse(&text, self.syntax).map_err(|_| EditError::Unverified)?;
        Ok(())
    }
}

/// The byte range of a value's text.
fn value_range(node: &Node) -> Range<usize> {
    match node {
        Node::Object { span, .. } | Node::Array { span, .. } | Node::Scalar { span } => span.clone(),
    }
}

/// The first byte at or after `from` that is not blank or inside a comment.
fn skip_blank_from(text: &str, from: usize) -> usize {
    let mut parser = Parser::new(text, from, Syntax::Jsonc);
    // The document parsed already, so the blanks after a value end well.
    let _ = parser.skip_blank();
    parser.pos()
}

/// The leading whitespace of the line that holds byte `at`.
fn line_indent(text: &str, at: usize) -> String {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect()
}

/// How a file is laid out: pretty (members on their own lines) or compact, and its indent unit.
struct Style {
    pretty: bool,
    unit: String,
}

impl Style {
    fn of(text: &str) -> Style {
        let unit = text
            .lines()
            .map(|line| &line[..line.len() - line.trim_start().len()])
            .find(|indent| !indent.is_empty())
            .map(|indent| if indent.starts_with('\t') { "\t".to_string() } else { " ".repeat(indent.len().min(8)) })
            .unwrap_or_else(|| "  ".to_string());
        Style { pretty: text.trim().contains('\n') || text.trim() == "{}", unit }
    }
}

/// The edits that insert member `key: value` into the object at `span`.
fn insertion(text: &str, span: &Range<usize>, members: &[Member], key: &str, value: &FieldValue, style: &Style) -> Vec<(Range<usize>, String)> {
    let close = span.end - 1;
    let object_is_multiline = text[span.clone()].contains('\n');
    let key_text = serde_json::to_string(key).expect("a string serialises");
    let close_line_start = text[..close].rfind('\n').map_or(0, |n| n + 1);
    let brace_on_own_line = close_line_start > span.start && text[close_line_start..close].trim().is_empty();
    let Some(last) = members.last() else {
        let inside = &text[span.start + 1..close];
        let base = line_indent(text, span.start);
        if !style.pretty {
            return vec![(span.start + 1..close, format!("{key_text}: {}", value.render(style, &base)))];
        }
        let indent = format!("{base}{}", style.unit);
        let member = format!("{indent}{key_text}: {}", value.render(style, &indent));
        if inside.trim().is_empty() {
            return vec![(span.start + 1..close, format!("\n{member}\n{base}"))];
        }
        // Only comments inside: keep them, and add the member after them.
        if brace_on_own_line {
            return vec![(close_line_start..close_line_start, format!("{member}\n"))];
        }
        return vec![(close..close, format!("\n{member}\n{base}"))];
    };
    let last_end = value_range(&last.value).end;
    let after_last = skip_blank_from(text, last_end);
    let trailing_comma = text.as_bytes().get(after_last) == Some(&b',');
    if object_is_multiline && brace_on_own_line {
        let indent = line_indent(text, last.key_start);
        let member = format!("{indent}{key_text}: {}{}\n", value.render(style, &indent), if trailing_comma { "," } else { "" });
        let mut edits = vec![(close_line_start..close_line_start, member)];
        if !trailing_comma {
            edits.push((last_end..last_end, ",".to_string()));
        }
        return edits;
    }
    let compact = Style { pretty: false, unit: style.unit.clone() };
    let member = format!("{key_text}: {}", value.render(&compact, ""));
    if trailing_comma {
        vec![(after_last + 1..after_last + 1, format!(" {member},"))]
    } else {
        vec![(last_end..last_end, format!(", {member}"))]
    }
}

/// An object in the order its members are written (serde_json's maps are sorted in this build).
#[derive(Clone, Debug, PartialEq)]
pub struct Fields(pub Vec<(String, FieldValue)>);

/// A member value of [`Fields`]: a scalar or a list of scalars, written inline, or a nested object.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    /// A string, number, boolean or null, or an array of those.
    Plain(Value),
    /// A nested object.
    Object(Fields),
}

impl FieldValue {
    /// The value as serde JSON.
    pub fn to_value(&self) -> Value {
        match self {
            FieldValue::Plain(plain) => plain.clone(),
            FieldValue::Object(fields) => fields.to_value(),
        }
    }

    /// The value's text; an object's closing brace is at indent `base`.
    fn render(&self, style: &Style, base: &str) -> String {
        match self {
            FieldValue::Plain(plain) => inline(plain),
            FieldValue::Object(fields) => fields.render(style, base),
        }
    }
}

impl Fields {
    /// The object as serde JSON.
    pub fn to_value(&self) -> Value {
        Value::Object(self.0.iter().map(|(key, value)| (key.clone(), value.to_value())).collect())
    }

    /// The object's text, its closing brace at indent `base`.
    fn render(&self, style: &Style, base: &str) -> String {
        let member = |key: &str, value: &FieldValue, indent: &str| {
            let key = serde_json::to_string(key).expect("a string serialises");
            format!("{key}: {}", value.render(style, indent))
        };
        if self.0.is_empty() {
            return "{}".to_string();
        }
        if !style.pretty {
            let members: Vec<String> = self.0.iter().map(|(k, v)| member(k, v, "")).collect();
            return format!("{{{}}}", members.join(", "));
        }
        let indent = format!("{base}{}", style.unit);
        let members: Vec<String> = self.0.iter().map(|(k, v)| format!("{indent}{}", member(k, v, &indent))).collect();
        format!("{{\n{}\n{base}}}", members.join(",\n"))
    }
}

/// A scalar or an array of scalars on one line: `["mcp", "--root", "/repo"]`.
fn inline(value: &Value) -> String {
    match value {
        Value::Array(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        other => serde_json::to_string(other).expect("a JSON value serialises"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> FieldValue {
        FieldValue::Object(Fields(vec![
            ("command".into(), FieldValue::Plain("/bin/ctx".into())),
            ("args".into(), FieldValue::Plain(serde_json::json!(["mcp"]))),
        ]))
    }

    /// `text` after setting `servers.ctx`, then after removing it again.
    fn set_then_remove(text: &str, syntax: Syntax) -> (String, String) {
        let mut document = Document::parse(text, syntax).expect("parses");
        document.set(&["servers", "ctx"], &entry()).expect("set");
        let set = document.text().to_string();
        assert!(document.remove(&["servers", "ctx"]).expect("remove"));
        (set, document.text().to_string())
    }

    #[test]
    fn a_minified_file_stays_on_one_line_and_comes_back_byte_for_byte() {
        let text = r#"{"servers":{"a":{"command":"a"}},"x":1}"#;
        let (set, removed) = set_then_remove(text, Syntax::Json);
        assert_eq!(set, r#"{"servers":{"a":{"command":"a"}, "ctx": {"command": "/bin/ctx", "args": ["mcp"]}},"x":1}"#);
        assert_eq!(removed, text);
    }

    #[test]
    fn comments_and_trailing_commas_of_jsonc_are_kept() {
        let text = "{\n  // servers\n  \"servers\": {\n    \"a\": {}, // first\n    /* last */\n  },\n}\n";
        let (set, removed) = set_then_remove(text, Syntax::Jsonc);
        assert_eq!(
            set,
            "{\n  // servers\n  \"servers\": {\n    \"a\": {}, // first\n    /* last */\n    \"ctx\": {\n      \"command\": \"/bin/ctx\",\n      \"args\": [\"mcp\"]\n    },\n  },\n}\n"
        );
        assert_eq!(removed, text);
        let error = Document::parse(text, Syntax::Json).err().expect("strict JSON has no comments");
        assert_eq!(error.line_col(text), (2, 3));
    }

    #[test]
    fn an_empty_object_gets_the_file_indent_and_a_byte_order_mark_stays() {
        let text = "\u{feff}{\n\t\"servers\": {}\n}";
        let (set, removed) = set_then_remove(text, Syntax::Json);
        assert_eq!(set, "\u{feff}{\n\t\"servers\": {\n\t\t\"ctx\": {\n\t\t\t\"command\": \"/bin/ctx\",\n\t\t\t\"args\": [\"mcp\"]\n\t\t}\n\t}\n}");
        assert_eq!(removed, text);
    }

    #[test]
    fn a_member_between_others_goes_with_its_line_and_comma() {
        let text = "{\n  \"servers\": {\n    \"a\": 1,\n    \"ctx\": {\"command\": \"old\"},\n    \"b\": 2\n  }\n}\n";
        let mut document = Document::parse(text, Syntax::Json).expect("parses");
        assert!(document.remove(&["servers", "ctx"]).expect("remove"));
        assert_eq!(document.text(), "{\n  \"servers\": {\n    \"a\": 1,\n    \"b\": 2\n  }\n}\n");
        assert!(!document.remove(&["servers", "ctx"]).expect("remove"), "nothing left to remove");
    }

    #[test]
    fn duplicate_keys_are_all_removed_and_the_last_is_the_one_set() {
        let text = "{\"servers\": {\"ctx\": 1, \"ctx\": 2}}";
        let mut document = Document::parse(text, Syntax::Json).expect("parses");
        assert_eq!(document.get(&["servers", "ctx"]), Some(serde_json::json!(2)));
        document.set(&["servers", "ctx"], &FieldValue::Plain(3.into())).expect("set");
        assert_eq!(document.text(), "{\"servers\": {\"ctx\": 1, \"ctx\": 3}}");
        assert!(document.remove(&["servers", "ctx"]).expect("remove"));
        assert_eq!(document.text(), "{\"servers\": {}}");
    }

    #[test]
    fn malformed_texts_are_refused_with_their_place() {
        for (text, line_col) in [("{\"a\": }", (1, 7)), ("{\"a\": 1,}", (1, 9)), ("[]", (1, 1)), ("{} x", (1, 4)), ("{\"a\": \"b\n\"}", (1, 7))] {
            let error = Document::parse(text, Syntax::Json).err().unwrap_or_else(|| panic!("{text:?} parsed"));
            assert_eq!(error.line_col(text), line_col, "{text:?}: {}", error.message);
        }
        assert!(Document::parse("{\"a\": 1,}", Syntax::Jsonc).is_ok(), "JSONC allows a trailing comma");
    }
}

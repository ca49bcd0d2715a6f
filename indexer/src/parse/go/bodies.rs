//! The uses of names inside Go function bodies and composite values, found
//! by a lexical scan rather than by tree-sitter.
//!
//! A hand-written Go file is parsed by tree-sitter without the insides of
//! its top-level braces (the included ranges that `generated` finds and
//! `ranges` makes), which keeps every definition, signature, doc comment,
//! import, struct and interface member, and leaves the bodies to this scan. Bodies are 58% of
//! the hand-written Go tree's bytes, and parsing them was most of the CPU
//! time of a cold index: the scan reads each byte once, where the parser
//! builds and frees a node for every token.
//!
//! The scan gives what the tree walk gave for the same text: each
//! identifier that is not a keyword is a use; one after a `.` is reached
//! through the object before it (its last word, and its path when the
//! object is a chain of identifiers); one followed by `(` (or by `[..](`)
//! is a call. Names the body binds are not uses: `:=`, `var` and `const`,
//! `range`, `type`, and the parameters and results of function literals,
//! scoped to their block; a binding's type is kept when the declaration
//! shows it (`x := T{}`, `&T{}`, `new(T)`, `NewT()` of a function of the
//! file, `var x T`, a typed parameter, the elements of a ranged slice or
//! map), so that `x.f()` names `T`. The function's own parameters are bound
//! by the tree (the `locals` module) and asked for by position.
//!
//! Where the tree knows more than a lexer, the scan takes the common case:
//! `pkg.T` before a composite literal's `{`, after a `]` or in a type
//! assertion is a type (the package is not a use); elsewhere it is read as
//! a selector, as tree-sitter does for `pkg.T(x)`. A binding's scope is its
//! whole enclosing block (tree-sitter's `if x := ..` scope is the `if`).
use super::lexer::{Kind, Token, is_word_byte, tokenize};
use crate::parse::locals::{Binding, Locals, ranged_types, type_path, visible_among};
use crate::parse::ranges::PointFinder;
use crate::parse::references::{OWN_TYPE_OBJECTS, UseFact, qualifier_path};
use crate::parse::symbol::{QualifierPath, Receiver};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// What a token is to the scan of uses, decided by the scan of declarations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    /// A name a declaration binds, or a label: not a use.
    NotUse,
    /// The first token of a type written in a declaration.
    Type,
}

/// Scans the `spans` of `source` (sorted, disjoint: the insides of a
/// file's top-level braces) and adds a [`UseFact`] for each use found.
pub(crate) fn scan<'s>(source: &'s str, spans: &[Range<usize>], locals: &Locals<'s, '_>, out: &mut Vec<UseFact<'s>>) {
    let mut scanner = Scanner { source, locals, tokens: Vec::new(), close: Vec::new(), roles: Vec::new(), bindings: HashMap::default() };
    let mut lines = PointFinder::new(source.as_bytes());
    for span in spans {
        scanner.scan_span(span.clone(), &mut lines, out);
    }
}

struct Scanner<'s, 'l, 't> {
    source: &'s str,
    locals: &'l Locals<'s, 't>,
    tokens: Vec<Token>,
    /// For each opening `(`, `[`, `{`: the index of its closing token (or the token count).
    close: Vec<usize>,
    roles: Vec<Role>,
    bindings: HashMap<&'s str, Vec<Binding>>,
}

impl<'s> Scanner<'s, '_, '_> {
    fn scan_span(&mut self, span: Range<usize>, lines: &mut PointFinder, out: &mut Vec<UseFact<'s>>) {
        let bytes = self.source.as_bytes();
        tokenize(bytes, span.clone(), &mut self.tokens);
        self.match_brackets();
        self.roles.clear();
        self.roles.resize(self.tokens.len(), Role::Plain);
        self.bindings.clear();
        self.declarations(span.clone());
        self.uses(lines, out);
    }

    fn text(&self, token: usize) -> &'s str {
        let t = self.tokens[token];
        &self.source[t.start..t.end]
    }

    fn kind(&self, token: usize) -> Option<Kind> {
        self.tokens.get(token).map(|t| t.kind)
    }

    fn is(&self, token: usize, punct: u8) -> bool {
        self.kind(token) == Some(Kind::Punct(punct))
    }

    fn match_brackets(&mut self) {
        let n = self.tokens.len();
        self.close.clear();
        self.close.resize(n, n);
        let mut open: Vec<usize> = Vec::new();
        for (i, token) in self.tokens.iter().enumerate() {
            match token.kind {
                Kind::Punct(b'(' | b'[' | b'{') => open.push(i),
                Kind::Punct(b')' | b']' | b'}') => {
                    if let Some(o) = open.pop() {
                        self.close[o] = i;
                    }
                }
                _ => {}
            }
        }
    }

    /// Finds what the text binds: records bindings and marks their names.
    fn declarations(&mut self, span: Range<usize>) {
        // The open braces, innermost last: each one's byte range (a
        // binding's scope) and the index of its closing token.
        let whole = (span.start, span.end);
        let mut blocks: Vec<((usize, usize), usize)> = Vec::new();
        for i in 0..self.tokens.len() {
            while blocks.last().is_some_and(|&(_, end)| i > end) {
                blocks.pop();
            }
            let token = self.tokens[i];
            let scope = blocks.last().map_or(whole, |&(scope, _)| scope);
            match token.kind {
                Kind::Punct(b'{') => {
                    let end = self.close[i];
                    let end_byte = self.tokens.get(end).map_or(span.end, |t| t.end);
                    blocks.push(((token.start, end_byte), end));
                }
                Kind::Define => self.short_var(i, scope),
                Kind::Keyword => match self.text(i) {
                    "var" | "const" if self.at_statement_start(i) => self.var_declaration(i, scope),
                    "type" if self.kind(i + 1) == Some(Kind::Ident) && self.at_statement_start(i) => {
                        self.bind(i + 1, scope, token.start, None);
                    }
                    "func" if self.is(i + 1, b'(') => self.function_literal(i),
                    "struct" if self.is(i + 1, b'{') => self.struct_fields(i + 1),
                    "break" | "continue" | "goto" if self.kind(i + 1) == Some(Kind::Ident) => self.roles[i + 1] = Role::NotUse,
                    _ => {}
                },
                Kind::Ident if self.is(i + 1, b':') && self.at_statement_start(i) && self.is_label_end(i + 2) => {
                    self.roles[i] = Role::NotUse;
                }
                _ => {}
            }
        }
    }

    fn at_statement_start(&self, i: usize) -> bool {
        i == 0 || matches!(self.kind(i - 1), Some(Kind::Semi | Kind::Punct(b'{' | b'}' | b':')))
    }

    /// What may follow a label's `:`: the end of the line or a loop, `switch` or `select`.
    fn is_label_end(&self, i: usize) -> bool {
        match self.kind(i) {
            None | Some(Kind::Semi) => true,
            Some(Kind::Keyword) => matches!(self.text(i), "for" | "switch" | "select"),
            _ => false,
        }
    }

    fn bind(&mut self, name: usize, scope: (usize, usize), from: usize, ty: Option<String>) {
        let text = self.text(name);
        // `_` binds nothing: the tree counts it a use, and so does the scan.
        if text != "_" {
            self.roles[name] = Role::NotUse;
            self.bindings.entry(text).or_default().push(Binding { scope, from, ty });
        }
    }

    /// `a, b := ..` (also `for k, v := range ..` and `switch v := x.(type)`).
    fn short_var(&mut self, define: usize, scope: (usize, usize)) {
        let mut names = Vec::new();
        let mut k = define;
        while k > 0 && self.kind(k - 1) == Some(Kind::Ident) {
            names.push(k - 1);
            if k >= 2 && self.is(k - 2, b',') {
                k -= 2;
            } else {
                break;
            }
        }
        names.reverse();
        let from = self.tokens[define].end;
        let value = define + 1;
        let types: Vec<Option<String>> = if self.kind(value) == Some(Kind::Keyword) && self.text(value) == "range" {
            // Only a ranged name has a known type here: the `{` after
            // `range pkg.X` opens the loop's body, not a composite literal.
            let ranged = (self.chain_end(value + 1) == Some(value + 1)).then(|| self.text(value + 1)).and_then(|name| {
                self.visible(name, from).and_then(|b| b.ty.clone()).or_else(|| self.locals.type_at(name, from))
            });
            let (key, element) = ranged.as_deref().map(ranged_types).unwrap_or_default();
            vec![key, element]
        } else {
            vec![self.type_of_value(value, from)]
        };
        for (i, name) in names.into_iter().enumerate() {
            let ty = types.get(i).cloned().flatten();
            self.bind(name, scope, from, ty);
        }
    }

    /// `var a, b T = ..`, `const c = ..`, and their parenthesised groups.
    fn var_declaration(&mut self, keyword: usize, scope: (usize, usize)) {
        if self.is(keyword + 1, b'(') {
            let end = self.close[keyword + 1];
            let mut spec = keyword + 2;
            while spec < end {
                let next = self.var_spec(spec, end, scope);
                spec = next + 1;
            }
        } else {
            self.var_spec(keyword + 1, self.tokens.len(), scope);
        }
    }

    /// One spec from `start`, ending before `limit`; returns the index of the token that ends it.
    fn var_spec(&mut self, start: usize, limit: usize, scope: (usize, usize)) -> usize {
        let (names, i) = self.name_list(start, limit);
        // The type, if written, runs to `=` or the end of the spec.
        let type_start = i;
        let mut j = i;
        while j < limit && !matches!(self.kind(j), Some(Kind::Semi) | Some(Kind::Punct(b'='))) {
            j = if matches!(self.kind(j), Some(Kind::Punct(b'(' | b'[' | b'{'))) { self.close[j].min(limit) + 1 } else { j + 1 };
        }
        let ty = (type_start < j).then(|| self.collapsed(type_start, j - 1));
        if type_start < j {
            self.roles[type_start] = Role::Type;
        }
        let value_ty = if ty.is_none() && self.is(j, b'=') { self.type_of_value(j + 1, self.tokens[j].end) } else { None };
        let end = self.statement_end(j, limit);
        let from = self.tokens.get(end.min(self.tokens.len().saturating_sub(1))).map_or(0, |t| t.start);
        for name in names {
            self.bind(name, scope, from, ty.clone().or_else(|| value_ty.clone()));
        }
        end
    }

    /// The names `a, b, c` listed from `start` (before `limit`), and the index after them.
    fn name_list(&self, start: usize, limit: usize) -> (Vec<usize>, usize) {
        let mut names = Vec::new();
        let mut i = start;
        while i < limit && self.kind(i) == Some(Kind::Ident) {
            names.push(i);
            if self.is(i + 1, b',') {
                i += 2;
            } else {
                i += 1;
                break;
            }
        }
        (names, i)
    }

    /// The index of the semicolon that ends the statement, spec or field
    /// holding `from` (or `limit`), stepping over bracketed groups.
    fn statement_end(&self, from: usize, limit: usize) -> usize {
        let mut end = from;
        while end < limit && self.kind(end) != Some(Kind::Semi) {
            end = if matches!(self.kind(end), Some(Kind::Punct(b'(' | b'[' | b'{'))) { self.close[end].min(limit) + 1 } else { end + 1 };
        }
        end
    }

    /// `func(a, b T, c *U) (n int) { .. }`: its parameters and named results,
    /// scoped to its body. A function type without a body binds nothing, but
    /// its parameter names are not uses either.
    fn function_literal(&mut self, keyword: usize) {
        let params = keyword + 1;
        let params_end = self.close[params];
        let mut bound = self.parameter_names(params, params_end);
        let mut after = params_end + 1;
        if self.is(after, b'(') {
            bound.extend(self.parameter_names(after, self.close[after]));
            after = self.close[after] + 1;
        }
        // The result type, if any, then the body's `{`.
        let mut body = None;
        let mut j = after;
        while j < self.tokens.len() {
            match self.kind(j) {
                Some(Kind::Punct(b'{')) => {
                    body = Some(j);
                    break;
                }
                Some(Kind::Punct(b'(' | b'[')) => j = self.close[j] + 1,
                Some(Kind::Semi | Kind::Punct(b',' | b')' | b']' | b'}' | b'=')) | None => break,
                // `struct {` and `interface {` in a result type open the type, not the body.
                Some(Kind::Keyword) if matches!(self.text(j), "struct" | "interface") && self.is(j + 1, b'{') => j = self.close[j + 1] + 1,
                _ => j += 1,
            }
        }
        match body {
            Some(open) => {
                let scope = (self.tokens[open].start, self.tokens.get(self.close[open]).map_or(self.source.len(), |t| t.end));
                for (name, ty) in bound {
                    self.bind(name, scope, scope.0, ty);
                }
            }
            None => {
                for (name, _) in bound {
                    self.roles[name] = Role::NotUse;
                }
            }
        }
    }

    /// The field names of a struct type written in a body (`struct{ a, b int }`):
    /// declarations, not uses (embedded types stay uses).
    fn struct_fields(&mut self, open: usize) {
        let close = self.close[open];
        let mut line_start = open + 1;
        while line_start < close {
            let (names, i) = self.name_list(line_start, close);
            // Names then a type: not `T`, `*T` or `pkg.T` alone (embedded).
            let has_type = i < close && !matches!(self.kind(i), Some(Kind::Semi | Kind::Literal | Kind::Punct(b'.' | b'}')));
            if has_type {
                for name in names {
                    self.roles[name] = Role::NotUse;
                }
                self.roles[i] = Role::Type;
            }
            line_start = self.statement_end(i, close) + 1;
        }
    }

    /// The names of a parameter list between `open` and `close`, with their
    /// types; none when the parameters are unnamed (`func(int, string)`).
    fn parameter_names(&mut self, open: usize, close: usize) -> Vec<(usize, Option<String>)> {
        // Split at the list's own commas.
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut start = open + 1;
        let mut i = open + 1;
        while i < close {
            match self.kind(i) {
                Some(Kind::Punct(b'(' | b'[' | b'{')) => i = self.close[i].min(close),
                Some(Kind::Punct(b',')) => {
                    items.push((start, i));
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        if start < close {
            items.push((start, close));
        }
        // Named when some item is a name followed by a type.
        let named = items.iter().any(|&(a, b)| b - a >= 2 && self.kind(a) == Some(Kind::Ident) && !self.is(a + 1, b'.'));
        if !named {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut waiting: Vec<usize> = Vec::new();
        for (a, b) in items {
            if self.kind(a) != Some(Kind::Ident) {
                continue;
            }
            if b - a == 1 {
                waiting.push(a);
                continue;
            }
            let type_start = a + 1;
            self.roles[type_start] = Role::Type;
            let ty = self.collapsed(type_start, b - 1);
            for name in waiting.drain(..).chain(std::iter::once(a)) {
                out.push((name, Some(ty.clone())));
            }
        }
        out.extend(waiting.into_iter().map(|name| (name, None)));
        out
    }

    /// The source text of tokens `first..=last`, blanks collapsed.
    fn collapsed(&self, first: usize, last: usize) -> String {
        let (start, end) = (self.tokens[first].start, self.tokens[last].end);
        self.source[start..end].split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The type of the expression starting at token `i`, as far as its
    /// syntax shows it (see the module's doc), read at byte `at`.
    fn type_of_value(&self, i: usize, at: usize) -> Option<String> {
        let mut i = i;
        if self.is(i, b'&') {
            i += 1;
        }
        if self.kind(i) == Some(Kind::Ident) && self.text(i) == "new" && self.is(i + 1, b'(') {
            let close = self.close[i + 1];
            return (close > i + 2 && close < self.tokens.len()).then(|| self.collapsed(i + 2, close - 1));
        }
        let chain_end = self.chain_end(i)?;
        match self.kind(chain_end + 1) {
            Some(Kind::Punct(b'{')) => Some(self.collapsed(i, chain_end)),
            Some(Kind::Punct(b'(')) if chain_end == i => self.locals.result_type(self.text(i)).map(str::to_string),
            None | Some(Kind::Semi) | Some(Kind::Punct(b',' | b')' | b'}')) if chain_end == i => {
                self.visible(self.text(i), at).and_then(|b| b.ty.clone()).or_else(|| self.locals.type_at(self.text(i), at))
            }
            _ => None,
        }
    }

    /// The last token of the identifier chain `a.b.c` starting at `i`.
    fn chain_end(&self, i: usize) -> Option<usize> {
        if self.kind(i) != Some(Kind::Ident) {
            return None;
        }
        let mut end = i;
        while self.is(end + 1, b'.') && self.kind(end + 2) == Some(Kind::Ident) {
            end += 2;
        }
        Some(end)
    }

    /// The binding of `name` the scan found visible at `byte`.
    fn visible(&self, name: &str, byte: usize) -> Option<&Binding> {
        visible_among(self.bindings.get(name)?, byte)
    }

    fn is_bound(&self, name: &str, byte: usize) -> bool {
        self.visible(name, byte).is_some() || self.locals.is_bound_at(name, byte)
    }

    /// Whether the name at `i` is written as (the start of) a type: after
    /// `]` (`[]T`, `map[K]V`), in a type assertion, or before a composite
    /// literal's `{` outside a statement's header.
    fn starts_type(&self, i: usize, headers: &[(usize, usize)], depth: (usize, usize)) -> bool {
        if self.roles[i] == Role::Type {
            return true;
        }
        let prev = |back: usize| i.checked_sub(back).filter(|&k| k < i);
        // Past any `*` of a pointer type, what leads into the name.
        let mut lead = 1;
        while prev(lead).is_some_and(|k| self.is(k, b'*')) {
            lead += 1;
        }
        let word = |back: usize| prev(back).filter(|&k| matches!(self.kind(k), Some(Kind::Ident | Kind::Keyword))).map(|k| self.text(k));
        let opens = |back: usize, punct: u8| prev(back).is_some_and(|k| self.is(k, punct));
        let leads_type = opens(lead, b']')
            || (opens(lead, b'(') && (opens(lead + 1, b'.') || matches!(word(lead + 1), Some("new" | "make"))))
            || (opens(lead, b'[') && word(lead + 1) == Some("map"))
            || word(lead) == Some("chan");
        if leads_type {
            return true;
        }
        if i > 0 && self.is(i - 1, b'.') {
            return false;
        }
        let Some(end) = self.chain_end(i) else { return false };
        self.is(end + 1, b'{') && headers.last() != Some(&depth)
    }

    /// Emits the uses, in order.
    fn uses(&self, lines: &mut PointFinder, out: &mut Vec<UseFact<'s>>) {
        // (brace depth, bracket depth) of each open `if`/`for`/`switch`/`select` header.
        let mut headers: Vec<(usize, usize)> = Vec::new();
        let (mut braces, mut brackets) = (0usize, 0usize);
        // The name of a `pkg.T` written as a type: a bare use, not a call.
        let mut type_name: Option<usize> = None;
        for (i, token) in self.tokens.iter().enumerate() {
            match token.kind {
                Kind::Punct(b'{') => {
                    if headers.last() == Some(&(braces, brackets)) {
                        headers.pop();
                    }
                    braces += 1;
                }
                Kind::Punct(b'}') => braces = braces.saturating_sub(1),
                Kind::Punct(b'(' | b'[') => brackets += 1,
                Kind::Punct(b')' | b']') => brackets = brackets.saturating_sub(1),
                Kind::Keyword if matches!(self.text(i), "if" | "for" | "switch" | "select") => headers.push((braces, brackets)),
                _ => {}
            }
            if token.kind != Kind::Ident || self.roles[i] == Role::NotUse {
                continue;
            }
            let name = self.text(i);
            let at = token.start;
            let mut fact = UseFact { name, at, line: 0, is_call: false, receiver: Receiver::Bare, qualifier: None, qualifier_path: None };
            if type_name == Some(i) {
                type_name = None;
            } else if self.starts_type(i, &headers, (braces, brackets)) {
                if self.is(i + 1, b'.') && self.kind(i + 2) == Some(Kind::Ident) {
                    // `pkg` of `pkg.T`: a package name, not a use.
                    type_name = Some(i + 2);
                    continue;
                }
            } else if i > 0 && self.is(i - 1, b'.') {
                self.member(i, &mut fact);
                fact.is_call = self.is_called(i);
            } else {
                if self.is_bound(name, at) {
                    continue;
                }
                fact.is_call = self.is_called(i);
            }
            fact.line = lines.at(at).row as u32 + 1;
            out.push(fact);
        }
    }

    /// `(` after the name, or `[..](` (a generic instantiation, or an index, as the grammar also reads it).
    fn is_called(&self, i: usize) -> bool {
        self.is(i + 1, b'(') || (self.is(i + 1, b'[') && self.is(self.close[i + 1] + 1, b'('))
    }

    /// The receiver of the name at `i`, which follows a `.`.
    fn member(&self, i: usize, fact: &mut UseFact<'s>) {
        let bytes = self.source.as_bytes();
        let dot = self.tokens[i - 1].start;
        // The object's last word, as the tree gives it: the last identifier of its text.
        let mut end = dot;
        while end > 0 && !is_word_byte(bytes[end - 1]) {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && is_word_byte(bytes[start - 1]) {
            start -= 1;
        }
        // The object, when it is a chain of identifiers (`a` or `a.b`), not
        // the end of a longer expression (`f().a`).
        let mut first = i.saturating_sub(2);
        let mut plain = i >= 2 && self.kind(first) == Some(Kind::Ident);
        while plain && first >= 2 && self.is(first - 1, b'.') && self.kind(first - 2) == Some(Kind::Ident) {
            first -= 2;
        }
        if plain && first >= 1 && self.is(first - 1, b'.') {
            plain = false;
        }
        let chain = plain.then(|| &self.source[self.tokens[first].start..dot]);
        if let Some(object) = chain
            && OWN_TYPE_OBJECTS.contains(&object)
        {
            fact.receiver = Receiver::OwnType;
            return;
        }
        fact.receiver = Receiver::Qualified;
        fact.qualifier = (start < end).then(|| &self.source[start..end]);
        fact.qualifier_path = match chain {
            Some(object) if object.contains('.') => qualifier_path(false, object),
            Some(object) => {
                let ty = self.visible(object, dot).map(|b| b.ty.clone()).unwrap_or_else(|| self.locals.type_at(object, dot));
                ty.as_deref().and_then(type_path).map(|path| QualifierPath { path, is_static: true })
            }
            None => None,
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::language::Language;
    use crate::parse::file::parse_source_with;
    use crate::symbol::Reference;

    fn references(source: &str, light: bool) -> Vec<Reference> {
        parse_source_with(Language::Go, source, light).references
    }

    /// The scan against the tree on the same file: the same references.
    fn agrees(source: &str) {
        let full = references(source, false);
        let scanned = references(source, true);
        assert_eq!(scanned, full, "scanned (left) against parsed (right)");
    }

    #[test]
    fn calls_selectors_and_locals_agree_with_the_tree() {
        agrees(
            "package p\n\
             import \"fmt\"\n\
             type Ledger struct{ rows []Row }\n\
             type Row struct{ n int }\n\
             func NewLedger() *Ledger { return &Ledger{} }\n\
             func (l *Ledger) Add(r Row) { l.rows = append(l.rows, r) }\n\
             func (r Row) Total() int { return r.n }\n\
             func run(prefix string, count int) error {\n\
             \tledger := NewLedger()\n\
             \tledger.Add(Row{n: count})\n\
             \tfor i, row := range ledger.rows {\n\
             \t\tfmt.Println(prefix, i, row.Total())\n\
             \t}\n\
             \tvar other Ledger\n\
             \tother.Add(Row{})\n\
             \tx := &Row{}\n\
             \t_ = x.Total()\n\
             \treturn nil\n\
             }\n",
        );
    }

    #[test]
    fn function_literals_bind_their_parameters() {
        agrees(
            "package p\n\
             type T struct{}\n\
             func (T) M() {}\n\
             func g(f func(int) error) {}\n\
             func run() {\n\
             \tg(func(n int) error { return use(n) })\n\
             \th := func(t T, u T) { t.M(); u.M() }\n\
             \th(T{}, T{})\n\
             }\n\
             func use(int) error { return nil }\n",
        );
    }

    #[test]
    fn labels_strings_comments_and_keyed_values_agree() {
        agrees(
            "package p\n\
             type Opts struct{ Name string; Size int }\n\
             func run(items []int) {\n\
             outer:\n\
             \tfor _, it := range items {\n\
             \t\tif it > limit { // limit() in a comment\n\
             \t\t\tbreak outer\n\
             \t\t}\n\
             \t}\n\
             \to := Opts{Name: \"call(x)\", Size: limit}\n\
             \t_ = `raw f()`\n\
             \t_ = o\n\
             }\n\
             const limit = 3\n",
        );
    }

    /// Every Go file of the fixture repositories, scanned and parsed in
    /// full: their references agree (the differences allowed are the tree's
    /// own, such as a `for` clause's variable left unbound in the loop's body).
    #[test]
    fn the_fixture_repositories_scan_as_they_parse() {
        fn go_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("testdata is readable").flatten() {
                let path = entry.path();
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    go_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "go") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        go_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata"), &mut files);
        assert!(files.len() >= 20, "the Go fixtures: {files:?}");
        let (mut parsed_total, mut scanned_total, mut common) = (0, 0, 0);
        for path in &files {
            let source = std::fs::read_to_string(path).expect("fixture is UTF-8");
            let parsed = parse_source_with(Language::Go, &source, false);
            let scanned = parse_source_with(Language::Go, &source, true);
            assert_eq!(parsed.symbols, scanned.symbols, "{}", path.display());
            assert_eq!(parsed.imports, scanned.imports, "{}", path.display());
            let mut left = parsed.references.clone();
            for reference in &scanned.references {
                if let Some(at) = left.iter().position(|r| r == reference) {
                    left.swap_remove(at);
                    common += 1;
                }
            }
            parsed_total += parsed.references.len();
            scanned_total += scanned.references.len();
        }
        assert!(common * 100 >= parsed_total * 99, "recall: {common} of {parsed_total}");
        assert!(common * 100 >= scanned_total * 99, "precision: {common} of {scanned_total}");
    }

    #[test]
    fn a_body_with_unbalanced_brackets_is_parsed_in_full_and_reported() {
        let parsed = crate::parse::parse_source(Language::Go, "package p\nfunc f() {\n\tg(1]\n}\nfunc g(int) {}\n");
        assert!(parsed.diagnostics.iter().any(|d| d.contains("syntax errors")), "{:?}", parsed.diagnostics);
        assert!(parsed.symbols.iter().any(|s| s.name == "g"));
    }

    #[test]
    fn qualified_types_in_literals_are_types() {
        let scanned = references("package p\nimport \"net/http\"\nfunc f() { r := http.Request{}; _ = r; _ = []http.Header{} }\n", true);
        let names: Vec<(&str, bool)> = scanned.iter().map(|r| (r.name.as_str(), r.qualifier.is_some())).collect();
        assert!(names.contains(&("Request", false)) && names.contains(&("Header", false)), "{names:?}");
        assert!(!names.iter().any(|(n, _)| *n == "http"), "{names:?}");
    }
}

//! Codex's `config.toml`: ctx's `[mcp_servers.ctx]` table set or removed with `toml_edit`, keeping every other key, comment and layout.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value, value};

/// Why a Codex configuration cannot be edited.
#[derive(Debug)]
pub enum TomlProblem {
    /// The text is not TOML: the 1-based line and column, and the parser's message.
    Malformed { line: usize, column: usize, message: String },
    /// `mcp_servers` or `mcp_servers.ctx` is there but is not a table.
    NotATable(&'static str),
}

/// Parses a Codex configuration; an empty text is an empty document.
pub fn parse(text: &str) -> Result<DocumentMut, TomlProblem> {
    text.parse::<DocumentMut>().map_err(|error| {
        let mut offset = error.span().map_or(0, |span| span.start).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        // The message alone: the error's display draws the line with a caret.
        TomlProblem::Malformed { line, column, message: error.message().trim().replace('\n', " ") }
    })
}

/// Sets `[mcp_servers.ctx]` to `command` and `args`, keeping any other key
/// of that table (`env`, timeouts) and everything else in the file. Values
/// already equal keep their text.
pub fn set(document: &mut DocumentMut, command: &str, args: &[String]) -> Result<(), TomlProblem> {
    let servers = document.entry("mcp_servers").or_insert_with(|| {
        // Implicit, so that only `[mcp_servers.ctx]` is written, as Codex's own `codex mcp add` does.
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    let inline = servers.is_inline_table();
    let servers = servers.as_table_like_mut().ok_or(TomlProblem::NotATable("mcp_servers"))?;
    match servers.get_mut("ctx") {
        Some(entry) => {
            let entry = entry.as_table_like_mut().ok_or(TomlProblem::NotATable("mcp_servers.ctx"))?;
            set_fields(entry, command, args);
        }
        None if inline => {
            let mut entry = InlineTable::new();
            set_fields(&mut entry, command, args);
            servers.insert("ctx", Item::Value(Value::InlineTable(entry)));
        }
        None => {
            let mut entry = Table::new();
            set_fields(&mut entry, command, args);
            servers.insert("ctx", Item::Table(entry));
        }
    }
    Ok(())
}

/// `command` and `args` of a server's table, each left as written when equal.
fn set_fields(entry: &mut dyn TableLike, command: &str, args: &[String]) {
    if entry.get("command").and_then(Item::as_str) != Some(command) {
        entry.insert("command", value(command));
    }
    let current: Option<Vec<&str>> =
        entry.get("args").and_then(Item::as_array).map(|array| array.iter().filter_map(Value::as_str).collect());
    let same_args = current.is_some_and(|current| current.len() == args.len() && current.iter().zip(args).all(|(a, b)| a == b));
    if !same_args {
        entry.insert("args", value(args.iter().map(String::as_str).collect::<Array>()));
    }
}

/// Removes `[mcp_servers.ctx]`; whether it was there. An `mcp_servers`
/// left empty goes too when it was only the implicit parent of ctx's table.
pub fn remove(document: &mut DocumentMut) -> bool {
    let Some(servers) = document.get_mut("mcp_servers").and_then(Item::as_table_like_mut) else {
        return false;
    };
    let removed = servers.remove("ctx").is_some();
    let implicit_and_empty = document.get("mcp_servers").and_then(Item::as_table).is_some_and(|t| t.is_implicit() && t.is_empty());
    if removed && implicit_and_empty {
        document.remove("mcp_servers");
    }
    removed
}

//! `map`: a repository map for a first look. Files ranked by how much the
//! rest of the code uses what they define, each with the signatures of its
//! most used definitions, cut to a token budget.

use crate::loaded::LoadedIndex;
use crate::pack::{Pack, PackItem};
use crate::tokens::Tokenizer;
use ctx_indexer::SymbolKind;

/// Definitions listed per file at most.
const SIGNATURES_PER_FILE: usize = 8;

/// A map of the files under `prefix` (all when empty), within `budget`.
pub fn repository_map(index: &LoadedIndex, prefix: &str, budget: usize, tokenizer: Tokenizer) -> Pack {
    let generation = index.generation.manifest.generation;
    let tables = &index.tables;
    // How often each name is used anywhere: a definition's share of the uses
    // of its name is its weight (names defined many times share their uses).
    // Names defined in many places (`Err`, `String`, `v`) are ambiguous:
    // their uses say little about any one definition, so sharing is
    // penalised more than linearly; names under three characters say nothing.
    // Counted in two passes over the id columns, which beats a lookup per definition.
    let mut uses = vec![0u32; tables.names_len()];
    for reference in (0..tables.references_len() as u32).filter(|&r| tables.is_live_reference(r)) {
        uses[tables.reference(reference).name as usize] += 1;
    }
    let mut definitions_per_name = vec![0u32; tables.names_len()];
    for symbol in (0..tables.symbols_len() as u32).filter(|&s| tables.is_live_symbol(s)) {
        definitions_per_name[tables.symbol_name_id(symbol) as usize] += 1;
    }
    let weight = |symbol: u32| -> f32 {
        if tables.symbol_name(symbol).chars().count() < 3 {
            return 0.0;
        }
        let name = tables.symbol_name_id(symbol) as usize;
        uses[name] as f32 / (definitions_per_name[name].max(1) as f32).powf(1.5)
    };
    let prefix = prefix.trim_start_matches("./").trim_end_matches('/');
    // (file, score, its listed definitions with their weights)
    type RankedFile = (u32, f32, Vec<(u32, f32)>);
    let mut files: Vec<RankedFile> = Vec::new();
    let mut files_under = 0usize;
    for (id, file) in tables.files() {
        let under_prefix = prefix.is_empty() || file.path == prefix || file.path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
        if !under_prefix {
            continue;
        }
        files_under += 1;
        // Minified or generated files (very long lines) are not a map's business.
        if file.lines > 0 && file.size / u64::from(file.lines) > 300 {
            continue;
        }
        let mut symbols: Vec<(u32, f32)> = (file.symbols.0..file.symbols.1)
            .filter(|&s| tables.symbol(s).kind != SymbolKind::Constant)
            .map(|s| (s, weight(s)))
            .collect();
        if symbols.is_empty() {
            continue;
        }
        symbols.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        symbols.truncate(SIGNATURES_PER_FILE);
        let score = symbols.iter().map(|(_, w)| (1.0 + w).ln()).sum::<f32>();
        symbols.sort_by_key(|(s, _)| *s);
        files.push((id as u32, score, symbols));
    }
    files.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| tables.cmp_files(a.0, b.0)));

    let header = format!("# ctx repository map (budget {budget} tokens, {})\n", tokenizer.name());
    let mut markdown = header.clone();
    let mut used = tokenizer.count(&header);
    let mut items = Vec::new();
    // Smaller files further down may still fit a nearly full map, but
    // counting every file of a large repository costs more than they add.
    let mut misses = 0;
    for (file, score, symbols) in &files {
        if budget.saturating_sub(used) < 16 || misses >= 32 {
            break;
        }
        let record = tables.file(*file);
        let mut block = format!("\n## {}\n", record.path);
        for (symbol, _) in symbols {
            let s = tables.symbol(*symbol);
            block.push_str(&format!("- L{}: {}\n", s.start_line, s.signature.replace('\n', " ")));
        }
        let cost = tokenizer.count(&block);
        if used + cost > budget {
            misses += 1;
            continue;
        }
        used += cost;
        markdown.push_str(&block);
        let first = tables.symbol(symbols[0].0);
        let last_line = symbols.iter().map(|(s, _)| tables.symbol(*s).start_line).max().unwrap_or(first.start_line);
        items.push(PackItem {
            path: record.path.to_string(),
            start_line: first.start_line,
            end_line: last_line,
            kind: "map".into(),
            symbol: None,
            score: (score * 1000.0).round() / 1000.0,
            tokens: cost,
            handle: None,
            explain: None,
            members: Vec::new(),
        });
    }
    // Exactness: the sum of parts may differ from the whole by a merge at a
    // boundary; drop the last file until the whole fits.
    let mut tokens = tokenizer.count(&markdown);
    while tokens > budget {
        let Some(last) = items.pop() else {
            markdown.clear();
            tokens = 0;
            break;
        };
        let cut = markdown.rfind(&format!("\n## {}\n", last.path)).unwrap_or(0);
        markdown.truncate(cut);
        tokens = tokenizer.count(&markdown);
    }
    let note = items.is_empty().then(|| {
        if files_under == 0 {
            format!("No indexed file is under {prefix:?}; paths are relative to the index root ({}).", index.root.display())
        } else if files.is_empty() {
            format!("The {files_under} indexed files under {prefix:?} define nothing a map lists (text files, constants only, or minified code).")
        } else {
            format!("Nothing fits in a budget of {budget} tokens; raise --budget.")
        }
    });
    if let Some(why) = note.as_deref().filter(|_| items.is_empty()) {
        (markdown, tokens) = crate::render::empty_markdown(Some(&header), budget, tokenizer, why);
    }
    Pack { budget, tokenizer: tokenizer.name().into(), tokens, items, omitted: Vec::new(), markdown, generation, stale_files: 0, note }
}

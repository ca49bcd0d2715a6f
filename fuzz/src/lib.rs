//! What every fuzz input goes through, shared by the cargo-fuzz targets of
//! this folder and the bounded property tests of `cargo test`
//! (`indexer/tests/fuzz_parse.rs`, `tests/fuzz_pipeline.rs`): parsing and
//! chunking one file of a language, and a whole index of a few files
//! followed by navigation, packs, expansions, maps and searches. Nothing
//! may panic or hang, whatever the bytes; the checks below are the
//! invariants a parse must keep on any input.

use ctx_indexer::{ChunkLimits, IndexOptions, Language, chunk_file, parse_source};
use ctx_query::{LoadedIndex, PackRequest, Tokenizer};
use std::path::Path;

/// A file extension of each parsed language, for files written to disk.
pub fn extension(language: Language) -> &'static str {
    match language {
        Language::Python => "py",
        Language::Rust => "rs",
        Language::Go => "go",
        Language::JavaScript => "js",
        Language::TypeScript => "ts",
        Language::Tsx => "tsx",
        Language::Java => "java",
        Language::C => "c",
        Language::Cpp => "cpp",
        Language::CSharp => "cs",
        Language::Kotlin => "kt",
        Language::Swift => "swift",
        Language::Ruby => "rb",
        Language::Php => "php",
        Language::Scala => "scala",
        Language::Lua => "lua",
        Language::Bash => "sh",
        Language::Elixir => "ex",
        Language::Haskell => "hs",
        Language::Zig => "zig",
        Language::Dart => "dart",
        Language::Text => "txt",
    }
}

/// Parses and chunks `data` as one file of `language`, as the index run
/// does (invalid UTF-8 replaced), and checks that every symbol and chunk
/// lies inside the file.
pub fn parse_one(language: Language, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_source(language, &text);
    let lines: Vec<&str> = text.lines().collect();
    let line_count = lines.len().max(1) as u32;
    for symbol in &parsed.symbols {
        assert!(symbol.start_line >= 1 && symbol.start_line <= symbol.end_line, "symbol {} spans {}..{}", symbol.name, symbol.start_line, symbol.end_line);
        assert!(symbol.end_line <= line_count + 1, "symbol {} ends at {} of {line_count} lines", symbol.name, symbol.end_line);
    }
    let chunks = chunk_file(&lines, &parsed.symbols, ChunkLimits::default());
    for chunk in &chunks {
        assert!(chunk.start_line >= 1 && chunk.start_line <= chunk.end_line, "chunk {}..{}", chunk.start_line, chunk.end_line);
        assert!(chunk.end_line <= line_count, "chunk ends at {} of {line_count} lines", chunk.end_line);
    }
}

/// Indexes `files` (language and bytes) in `root`, then asks the index
/// what an agent would: navigation of its names, packs at several budgets
/// with the files' own text as the task, expansions of every handle, maps,
/// symbol lookups and searches.
pub fn index_and_query(root: &Path, files: &[(Language, Vec<u8>)]) {
    for (n, (language, bytes)) in files.iter().enumerate() {
        let dir = root.join(format!("m{}", n % 2));
        std::fs::create_dir_all(&dir).expect("a writable scratch folder");
        std::fs::write(dir.join(format!("f{n}.{}", extension(*language))), bytes).expect("a writable scratch folder");
    }
    let options = IndexOptions::default();
    if ctx_indexer::build_index(root, &options, &mut |_| {}).is_err() {
        // An index of no files is an error, and files may all be skipped (binary).
        return;
    }
    let index = LoadedIndex::open_root(root).expect("an index just written opens");
    let mut names: Vec<String> = index.tables.symbols().take(8).map(|(_, s)| s.qualified_name.to_string()).collect();
    names.extend(index.tables.symbols().take(8).map(|(_, s)| s.name.to_string()));
    for name in &names {
        let _ = ctx_query::references_to(&index, name, false, 20);
        let _ = ctx_query::references_to(&index, name, true, 20);
        let _ = ctx_query::callees_of(&index, name, 20);
        let _ = ctx_query::find_symbols(&index, name, 20);
    }
    let task: String = files.iter().map(|(_, b)| String::from_utf8_lossy(&b[..b.len().min(300)]).into_owned()).collect::<Vec<_>>().join("\n");
    let mut handles = Vec::new();
    for budget in [60, 900, 6000] {
        for staged in [true, false] {
            let request = PackRequest { budget, tokenizer: Tokenizer::O200k, staged, ..PackRequest::new(task.clone()) };
            let Ok(pack) = ctx_query::build_pack(&index, &request) else { continue };
            assert!(pack.tokens <= budget, "a pack of {} tokens for a budget of {budget}", pack.tokens);
            handles.extend(pack.items.iter().filter_map(|i| i.handle.clone()));
            handles.extend(pack.omitted.iter().map(|o| o.handle.clone()));
        }
    }
    for handle in handles.iter().take(20) {
        if let Ok(pack) = ctx_query::expand(&index, std::slice::from_ref(handle), 2000, Tokenizer::O200k, &[]) {
            assert!(pack.tokens <= 2000, "an expansion of {} tokens for a budget of 2000", pack.tokens);
        }
    }
    let map = ctx_query::repository_map(&index, "", 500, Tokenizer::O200k);
    assert!(map.tokens <= 500, "a map of {} tokens for a budget of 500", map.tokens);
    let _ = ctx_query::search(&index, &task, 10, None);
}

/// The ways the property tests and the fuzz targets damage real sources.
pub mod mutate {
    /// A deterministic generator, so a failing case replays from its seed.
    pub struct Rng(pub u64);

    impl Rng {
        /// The next 64 random bits (splitmix64).
        pub fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// A number in `0..n` (0 when `n` is 0).
        pub fn below(&mut self, n: usize) -> usize {
            if n == 0 { 0 } else { (self.next() % n as u64) as usize }
        }
    }

    /// `source` with a few bytes flipped to random values.
    pub fn flip_bytes(source: &[u8], rng: &mut Rng) -> Vec<u8> {
        let mut out = source.to_vec();
        for _ in 0..1 + rng.below(8) {
            if out.is_empty() {
                break;
            }
            let at = rng.below(out.len());
            out[at] = rng.next() as u8;
        }
        out
    }

    /// `source` cut at a random byte (mid-character, mid-token).
    pub fn truncate(source: &[u8], rng: &mut Rng) -> Vec<u8> {
        source[..rng.below(source.len() + 1)].to_vec()
    }

    /// The start of `a` followed by the end of `b`, cut at random bytes.
    pub fn splice(a: &[u8], b: &[u8], rng: &mut Rng) -> Vec<u8> {
        let mut out = a[..rng.below(a.len() + 1)].to_vec();
        out.extend_from_slice(&b[rng.below(b.len() + 1)..]);
        out
    }

    /// Brackets, blocks or indentation nested `depth` deep, in the syntax of
    /// the language's extension, with a definition at the bottom.
    pub fn deep_nesting(extension: &str, depth: usize, rng: &mut Rng) -> Vec<u8> {
        let mut out = String::new();
        match (extension, rng.below(3)) {
            ("py", _) => {
                for level in 0..depth {
                    out += &format!("{}def f{level}(x):\n", "    ".repeat(level));
                }
                out += &format!("{}return ((((x))))\n", "    ".repeat(depth));
            }
            (_, 0) => {
                out += "int main() {";
                out += &"{".repeat(depth);
                out += "return 1;";
                out += &"}".repeat(depth);
                out += "}\n";
            }
            (_, 1) => {
                out += "x = ";
                out += &"(".repeat(depth);
                out += "1";
                out += &")".repeat(depth);
                out += ";\n";
            }
            _ => {
                out += "a = ";
                out += &"[".repeat(depth);
                // Unbalanced on purpose: the closers stop halfway.
                out += &"]".repeat(depth / 2);
                out += "\n";
            }
        }
        out.into_bytes()
    }
}

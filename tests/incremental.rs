//! Incremental refresh equals a full rebuild: after random sequences of
//! edits (add, modify, delete, rename, branch switch) over the fixture
//! repositories, the refreshed index has the same tables, symbol for
//! symbol, the same chunk vectors byte for byte (made by the deterministic
//! hash embedder, so no model is needed), embedding only the chunks of
//! changed files, and gives the same packs as an index rebuilt from scratch.
//! A variant runs edits and git operations (commits, index refreshes,
//! checkouts) in a git work tree, where git's index judges touched files.

mod common;
use common::*;

use ctx::{Index, IndexOptions, PackRequest, SemanticOption, Tokenizer};
use ctx_embeddings::{EmbedError, Embedder, HashEmbedder};
use ctx_indexer::store::Generation;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The hash embedder, counting the texts it embeds.
struct CountingEmbedder {
    inner: HashEmbedder,
    texts: AtomicUsize,
}

impl Embedder for CountingEmbedder {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn dimensions(&self) -> usize {
        self.inner.dimensions()
    }
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        self.texts.fetch_add(texts.len(), Ordering::SeqCst);
        self.inner.embed(texts)
    }
}

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn edit(random: &mut Lcg, root: &Path, step: usize) -> String {
    let files = source_files(root);
    let pick = files[random.below(files.len())].clone();
    match random.below(6) {
        0 => {
            let text = std::fs::read_to_string(&pick).unwrap_or_default();
            let cut = text.lines().take(random.below(20) + 1).collect::<Vec<_>>().join("\n");
            std::fs::write(&pick, format!("{cut}\n")).expect("write");
            format!("truncate {}", pick.display())
        }
        1 => {
            let ext = pick.extension().map(|e| e.to_string_lossy().to_string()).unwrap_or_default();
            let addition = match ext.as_str() {
                "py" => format!("\n\ndef added_{step}(value):\n    return value + {step}\n"),
                "rs" => format!("\npub fn added_{step}(v: u32) -> u32 {{ v + {step} }}\n"),
                "go" => format!("\nfunc Added{step}(v int) int {{ return v + {step} }}\n"),
                _ => format!("\nfunction added_{step}(v) {{ return v + {step}; }}\n"),
            };
            let mut text = std::fs::read_to_string(&pick).unwrap_or_default();
            text.push_str(&addition);
            std::fs::write(&pick, text).expect("write");
            format!("append to {}", pick.display())
        }
        2 if files.len() > 4 => {
            std::fs::remove_file(&pick).expect("rm");
            format!("delete {}", pick.display())
        }
        3 => {
            let target = pick.with_file_name(format!("renamed_{step}_{}", pick.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()));
            std::fs::rename(&pick, &target).expect("mv");
            format!("rename {}", pick.display())
        }
        4 => {
            // A branch switch: many files change at once.
            for file in files.iter().filter(|_| random.below(3) == 0) {
                let mut text = std::fs::read_to_string(file).unwrap_or_default();
                text = text.replacen("return", "return /* switched */", 1);
                std::fs::write(file, text).expect("write");
            }
            "switch branch".into()
        }
        _ => {
            let copy = pick.with_file_name(format!("copy_{step}_{}", pick.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()));
            std::fs::copy(&pick, copy).expect("cp");
            format!("add copy of {}", pick.display())
        }
    }
}

const TASKS: &[&str] = &[
    "Cart.add raises CartError for a positive quantity",
    "Item::new clamps the quantity wrongly",
    "added_3 returns the wrong value; see apply_discount",
    "render the widget props in Button",
];

fn snapshot(root: &Path) -> ((Vec<u8>, Vec<u8>), Vec<ctx::Pack>) {
    // The tables file is written deterministically, so equal bytes mean equal tables.
    let generation = Generation::open(root).expect("open");
    let tables = generation.read_tables().expect("tables").payload().to_vec();
    let vectors = std::fs::read(generation.dir.join(ctx_indexer::vectors::VECTORS_FILE)).expect("vectors");
    let tables = (tables, vectors);
    let index = Index::open(root).expect("index");
    let packs = TASKS
        .iter()
        .map(|task| {
            let request = PackRequest { budget: 1_500, tokenizer: Tokenizer::O200k, ..PackRequest::new(*task) };
            let mut pack = index.pack(&request).expect("pack");
            // Generations differ by construction; handles embed them.
            let generation = format!("g{}c", pack.generation);
            pack.generation = 0;
            for handle in pack.items.iter_mut().filter_map(|i| i.handle.as_mut()).chain(pack.omitted.iter_mut().map(|o| &mut o.handle)) {
                *handle = handle.replacen(&generation, "g0c", 1);
            }
            pack.markdown = pack.markdown.replace(&format!("[{generation}"), "[g0c");
            pack
        })
        .collect();
    (tables, packs)
}

#[test]
fn incremental_refresh_equals_full_rebuild() {
    let dir = all_fixtures();
    let root = dir.path();
    let embedder = Arc::new(CountingEmbedder { inner: HashEmbedder::new(64), texts: AtomicUsize::new(0) });
    let incremental = IndexOptions { semantic: SemanticOption::Embedder(embedder.clone()), ..IndexOptions::default() };
    let full = IndexOptions { full: true, ..incremental.clone() };
    ctx::Index::build(root, &incremental, &mut |_| {}).expect("first build");
    let mut random = Lcg(42);
    let mut parsed_total = 0;
    for step in 0..24 {
        let what = edit(&mut random, root, step);
        let before = Generation::open(root).expect("open").read_tables().expect("tables");
        embedder.texts.store(0, Ordering::SeqCst);
        let report = ctx::Index::build(root, &incremental, &mut |_| {}).expect("refresh");
        parsed_total += report.changes.parsed;
        assert!(report.changes.reused > 0 || report.changes.parsed > 0, "step {step} ({what})");
        let after = Generation::open(root).expect("open").read_tables().expect("tables");
        // Exactly the chunks of new and changed files were embedded.
        let changed_chunks: u32 = after
            .files()
            .filter(|(_, f)| before.file_by_path(f.path).is_none_or(|id| before.file(id).hash != f.hash))
            .map(|(_, f)| f.chunks.1 - f.chunks.0)
            .sum();
        drop(after);
        let ((tables, vectors), packs) = snapshot(root);
        assert_eq!(embedder.texts.load(Ordering::SeqCst), changed_chunks as usize, "step {step} ({what}): embedded chunks");
        ctx::Index::build(root, &full, &mut |_| {}).expect("full rebuild");
        let ((full_tables, full_vectors), full_packs) = snapshot(root);
        assert!(tables == full_tables, "step {step} ({what}): tables differ from a full rebuild");
        assert!(vectors == full_vectors, "step {step} ({what}): vectors differ from a full rebuild");
        for (pack, full_pack) in packs.iter().zip(&full_packs) {
            let brief = |p: &ctx::Pack| p.items.iter().map(|i| format!("{}:{}-{} {}", i.path, i.start_line, i.end_line, i.score)).collect::<Vec<_>>();
            assert_eq!(brief(pack), brief(full_pack), "step {step} ({what}): pack items differ from a full rebuild");
            assert!(pack == full_pack, "step {step} ({what}): packs differ from a full rebuild");
        }
    }
    let files = Generation::open(root).expect("open").manifest.stats.files as usize;
    assert!(parsed_total < files * 24 / 2, "refreshes re-parsed {parsed_total} files: not incremental");
}

#[test]
fn an_unchanged_tree_is_not_rewritten() {
    let dir = fixture_copy("python");
    std::fs::write(dir.path().join("data.py"), b"\x00\x01binary").expect("write");
    let first = ctx::Index::build(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("build");
    let again = ctx::Index::build(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("refresh");
    assert!(again.up_to_date);
    assert_eq!(again.manifest.generation, first.manifest.generation);
    // Touching a file without changing it re-parses nothing.
    let cart = dir.path().join("shop/cart.py");
    let text = std::fs::read(&cart).expect("read");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&cart, text).expect("rewrite");
    let touched = ctx::Index::build(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("refresh");
    assert_eq!(touched.changes.parsed, 0);
    assert!(!touched.up_to_date, "the new modification time is recorded");
}

#[test]
fn a_refresh_counts_each_changed_file_once() {
    let dir = fixture_copy("python");
    Index::build(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("build");
    let cart = dir.path().join("shop/cart.py");
    let mut text = std::fs::read_to_string(&cart).expect("read");
    text.push_str("\n\ndef added_for_the_count():\n    return 1\n");
    std::fs::write(&cart, text).expect("edit");
    std::fs::write(dir.path().join("shop/new_module.py"), "def fresh():\n    return 2\n").expect("add");
    // Two changed files: a limit of two lets the refresh run, and an edit
    // is not also reported as a removal.
    let options = IndexOptions { max_changed_files: Some(2), ..IndexOptions::default() };
    let report = Index::build(dir.path(), &options, &mut |_| {}).expect("two changes are within a limit of two");
    assert_eq!((report.changes.parsed, report.changes.deleted), (2, 0), "{:?}", report.changes);
    std::fs::remove_file(dir.path().join("shop/new_module.py")).expect("rm");
    let report = Index::build(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("refresh");
    assert_eq!((report.changes.parsed, report.changes.deleted), (0, 1), "{:?}", report.changes);
}

/// Runs git in `dir` with no user or system configuration.
fn git(dir: &Path, args: &[&str]) {
    let output = std::process::Command::new("git")
        .args(["-c", "user.name=ctx", "-c", "user.email=ctx@example.com", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    // `update-index --refresh` exits 1 when files need updating; that is data here.
    assert!(output.status.success() || args.first() == Some(&"update-index"), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn incremental_refresh_equals_full_rebuild_in_a_git_work_tree() {
    // The same random edits in a git repository, with git operations between
    // them: commits, index refreshes, files aged so git's entries are not
    // racy, and branch switches by checkout. Whether git vouched for a file
    // or it was read, the refresh must write what a full rebuild writes.
    let dir = all_fixtures();
    let root = dir.path();
    std::fs::write(root.join(".gitignore"), ".ctx/\n").expect("write");
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "start"]);
    let incremental = IndexOptions::default();
    let full = IndexOptions { full: true, ..IndexOptions::default() };
    ctx::Index::build(root, &incremental, &mut |_| {}).expect("first build");
    let mut random = Lcg(7);
    let mut known_from_git = 0;
    for step in 0..20 {
        let what = match random.below(3) {
            0 => edit(&mut random, root, step),
            _ => String::from("no edit"),
        };
        // Every git operation in turn, after a random edit or none.
        let how = match step % 5 {
            0 => {
                git(root, &["add", "-A"]);
                git(root, &["commit", "-q", "--allow-empty", "-m", "step"]);
                "commit"
            }
            1 => {
                git(root, &["update-index", "-q", "--refresh"]);
                "refresh git's index"
            }
            2 => {
                let time = std::time::SystemTime::now() - std::time::Duration::from_secs(5_000 - step as u64);
                for file in source_files(root) {
                    std::fs::File::options().write(true).open(&file).expect("open").set_modified(time).expect("time");
                }
                git(root, &["update-index", "-q", "--refresh"]);
                "age every file"
            }
            3 => {
                git(root, &["add", "-A"]);
                git(root, &["commit", "-q", "--allow-empty", "-m", "before switch"]);
                git(root, &["checkout", "-q", "-B", &format!("side{step}"), "HEAD~1"]);
                "switch branch"
            }
            _ => "nothing",
        };
        let report = ctx::Index::build(root, &incremental, &mut |_| {}).expect("refresh");
        known_from_git += report.changes.known_from_git;
        let refreshed = Generation::open(root).expect("open").read_tables().expect("tables").payload().to_vec();
        ctx::Index::build(root, &full, &mut |_| {}).expect("full rebuild");
        let rebuilt = Generation::open(root).expect("open").read_tables().expect("tables").payload().to_vec();
        assert!(refreshed == rebuilt, "step {step} ({what}, then {how}): tables differ from a full rebuild");
    }
    assert!(known_from_git > 0, "git never vouched for a file");
}

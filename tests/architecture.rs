//! The dependency rules of ARCHITECTURE.md, checked on the manifests:
//! embeddings <- indexer <- query <- ctx, embeddings knows nothing of
//! tree-sitter or tantivy, and only the binary knows clap, anyhow, rmcp and tokio.

use std::path::Path;

/// The dependency names of the `[dependencies]` table of a crate's Cargo.toml.
fn dependencies(crate_dir: &str) -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join(crate_dir).join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let mut in_dependencies = false;
    let mut names = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
            continue;
        }
        if in_dependencies && !line.is_empty() && !line.starts_with('#')
            && let Some(name) = line.split(['=', '.']).next() {
                names.push(name.trim().to_string());
            }
    }
    names
}

fn assert_none(crate_dir: &str, forbidden: &[&str]) {
    let deps = dependencies(crate_dir);
    for name in forbidden {
        // `tree-sitter` also stands for its grammar crates.
        let hit = deps.iter().any(|d| d == name || (*name == "tree-sitter" && d.starts_with("tree-sitter-")));
        assert!(!hit, "{crate_dir} must not depend on {name}: {deps:?}");
    }
}

#[test]
fn dependencies_point_one_way() {
    assert_none("embeddings", &["ctx-indexer", "ctx-query", "ctx", "tree-sitter", "tantivy", "clap", "anyhow", "rmcp", "tokio"]);
    assert_none("indexer", &["ctx-query", "ctx", "clap", "anyhow", "rmcp", "tokio", "tiktoken-rs"]);
    assert_none("query", &["ctx", "clap", "anyhow", "rmcp", "tokio"]);
    assert!(dependencies("indexer").contains(&"ctx-embeddings".to_string()));
    assert!(dependencies("query").contains(&"ctx-indexer".to_string()));
}

#[test]
fn the_library_uses_no_binary_only_crates() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in ["lib.rs", "session.rs"] {
        let text = std::fs::read_to_string(lib.join(file)).expect("source");
        // Doc examples may print; code may not.
        let code: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        for name in ["clap::", "anyhow::", "rmcp::", "tokio::", "println!"] {
            assert!(!code.iter().any(|l| l.contains(name)), "src/{file} uses {name}: only the binary may");
        }
    }
}

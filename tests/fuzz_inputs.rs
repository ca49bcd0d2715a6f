//! The bounded version of the fuzz targets of `fuzz/`: real fixture sources
//! of every parsed language, damaged (bytes flipped, cut mid-token, two files
//! spliced, nesting thousands deep), go through parsing and chunking, and a
//! few through a whole index, navigation, packs, expansions, a map and a
//! search. Nothing may panic or hang. The same code runs under libFuzzer
//! (`cargo +nightly fuzz run parse_rust`, see fuzz/README.md).

#[path = "../fuzz/src/lib.rs"]
mod fuzz_input;

use ctx_indexer::Language;
use ctx_indexer::language::PARSED_LANGUAGES;
use fuzz_input::mutate::{self, Rng};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Every fixture source of `language` under testdata/ (its own repository
/// and the graph fixtures), at most 64 KiB each.
fn seeds(language: Language) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut pending = vec![root];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if Language::detect(&path) == Some(language) {
                files.push(path);
            }
        }
    }
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).filter(|b| b.len() <= 64 * 1024).collect()
}

/// One damaged input made from the seeds of `language`.
fn damaged(language: Language, seeds: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let pick = |rng: &mut Rng| seeds.get(rng.below(seeds.len())).cloned().unwrap_or_default();
    match rng.below(5) {
        0 => mutate::flip_bytes(&pick(rng), rng),
        1 => mutate::truncate(&pick(rng), rng),
        2 => mutate::splice(&pick(rng), &pick(rng), rng),
        3 => mutate::deep_nesting(fuzz_input::extension(language), 2_000 + rng.below(20_000), rng),
        _ => {
            let mut bytes = mutate::flip_bytes(&mutate::splice(&pick(rng), &pick(rng), rng), rng);
            bytes.extend_from_slice(&mutate::deep_nesting(fuzz_input::extension(language), 500, rng));
            bytes
        }
    }
}

#[test]
fn every_parsed_language_has_seeds() {
    for language in PARSED_LANGUAGES {
        assert!(!seeds(language).is_empty(), "no fixture source of {} under testdata/", language.name());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    /// Damaged sources of every language parse and chunk without a panic.
    #[test]
    fn damaged_sources_of_every_language_parse(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        for language in PARSED_LANGUAGES {
            let seeds = seeds(language);
            let input = damaged(language, &seeds, &mut rng);
            fuzz_input::parse_one(language, &input);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    /// A whole index of damaged files answers every query without a panic
    /// and within its budgets.
    #[test]
    fn an_index_of_damaged_files_answers(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let files: Vec<(Language, Vec<u8>)> = (0..3)
            .map(|_| {
                let language = PARSED_LANGUAGES[rng.below(PARSED_LANGUAGES.len())];
                (language, damaged(language, &seeds(language), &mut rng))
            })
            .collect();
        let root = tempfile::tempdir().expect("tempdir");
        fuzz_input::index_and_query(root.path(), &files);
    }
}

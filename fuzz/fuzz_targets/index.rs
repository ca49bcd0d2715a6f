//! A whole index of up to three mutated files, then navigation, packs,
//! expansions, a map and a search over it. The first byte picks each
//! file's language; a 0xFF byte separates the files.
#![no_main]
use ctx_indexer::Language;

use ctx_indexer::language::PARSED_LANGUAGES as LANGUAGES;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let files: Vec<(Language, Vec<u8>)> = data
        .split(|&b| b == 0xFF)
        .take(3)
        .filter_map(|part| {
            let (&selector, body) = part.split_first()?;
            Some((LANGUAGES[selector as usize % LANGUAGES.len()], body.to_vec()))
        })
        .collect();
    let root = tempfile::tempdir().expect("a scratch folder");
    ctx_fuzz::index_and_query(root.path(), &files);
});

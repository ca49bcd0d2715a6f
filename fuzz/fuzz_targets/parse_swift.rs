//! Parses and chunks one mutated Swift file.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ctx_fuzz::parse_one(ctx_indexer::Language::Swift, data));

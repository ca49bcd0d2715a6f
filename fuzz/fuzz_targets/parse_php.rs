//! Parses and chunks one mutated Php file.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ctx_fuzz::parse_one(ctx_indexer::Language::Php, data));

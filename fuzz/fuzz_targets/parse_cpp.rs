//! Parses and chunks one mutated Cpp file.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ctx_fuzz::parse_one(ctx_indexer::Language::Cpp, data));

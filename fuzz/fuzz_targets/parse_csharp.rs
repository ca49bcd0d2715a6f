//! Parses and chunks one mutated CSharp file.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ctx_fuzz::parse_one(ctx_indexer::Language::CSharp, data));

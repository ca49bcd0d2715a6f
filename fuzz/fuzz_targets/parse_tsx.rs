//! Parses and chunks one mutated Tsx file.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ctx_fuzz::parse_one(ctx_indexer::Language::Tsx, data));

//! Exact token counting with the tokenizer a pack is budgeted in. The
//! encoders are compiled into tiktoken-rs and loaded once per process.

use serde::{Deserialize, Serialize};
use tiktoken_rs::CoreBPE;

/// A tokenizer a budget can be counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Tokenizer {
    /// OpenAI's `o200k_base` (GPT-4o and later); the default.
    #[default]
    O200k,
    /// OpenAI's `cl100k_base` (GPT-4, GPT-3.5).
    Cl100k,
}

impl Tokenizer {
    /// Parses `o200k`, `o200k_base`, `cl100k` or `cl100k_base`.
    pub fn parse(name: &str) -> Option<Tokenizer> {
        match name {
            "o200k" | "o200k_base" => Some(Tokenizer::O200k),
            "cl100k" | "cl100k_base" => Some(Tokenizer::Cl100k),
            _ => None,
        }
    }

    /// The canonical name (`o200k_base`, `cl100k_base`).
    pub fn name(self) -> &'static str {
        match self {
            Tokenizer::O200k => "o200k_base",
            Tokenizer::Cl100k => "cl100k_base",
        }
    }

    fn encoder(self) -> &'static CoreBPE {
        match self {
            Tokenizer::O200k => tiktoken_rs::o200k_base_singleton(),
            Tokenizer::Cl100k => tiktoken_rs::cl100k_base_singleton(),
        }
    }

    /// Loads the encoder on another thread, so that its one-time set-up
    /// (decoding a vocabulary of 100k-200k tokens, a quarter of a pack's
    /// time on the Go tree) overlaps with opening and searching the index.
    /// The first [`count`](Self::count) waits for it if it is not done.
    pub fn warm_up(self) {
        // A thread that cannot be spawned only means the set-up happens on first use.
        let _ = std::thread::Builder::new().name("tokenizer".into()).spawn(move || {
            self.encoder();
        });
    }

    /// The exact number of tokens of `text`; special-token text counts as
    /// ordinary text, since a pack is data, not a prompt template.
    pub fn count(self, text: &str) -> usize {
        if text.is_empty() {
            return 0;
        }
        self.encoder().encode_ordinary(text).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_known_strings() {
        assert_eq!(Tokenizer::Cl100k.count("hello world"), 2);
        assert_eq!(Tokenizer::O200k.count(""), 0);
        assert_eq!(Tokenizer::parse("cl100k"), Some(Tokenizer::Cl100k));
        assert_eq!(Tokenizer::parse("gpt2"), None);
    }
}

//! Exact token counting with the tokenizer a pack is budgeted in. The
//! encoders come prebuilt in bpe-openai (serialized at its build, loaded
//! once per process): the same counts as tiktoken, which the tests and the
//! robustness bench check, with a set-up of about 50 ms instead of the
//! 100-250 ms tiktoken-rs spends building its tables on every run.

use bpe_openai::Tokenizer as Encoder;
use serde::{Deserialize, Serialize};

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

    fn encoder(self) -> &'static Encoder {
        match self {
            Tokenizer::O200k => bpe_openai::o200k_base(),
            Tokenizer::Cl100k => bpe_openai::cl100k_base(),
        }
    }

    /// Loads the encoder on another thread, so that its one-time set-up
    /// (reading a vocabulary of 100k-200k tokens) overlaps with opening
    /// and searching the index.
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
        self.encoder().count(text)
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

    /// The counts are tiktoken's: text that exercises each branch of the
    /// pre-tokenizing patterns (contractions, case runs, digit groups,
    /// punctuation runs with line ends, trailing and inner white space,
    /// other scripts and emoji) and this crate's own sources.
    #[test]
    fn counts_are_tiktokens() {
        let reference = [(Tokenizer::O200k, tiktoken_rs::o200k_base().expect("o200k")), (Tokenizer::Cl100k, tiktoken_rs::cl100k_base().expect("cl100k"))];
        let mut texts: Vec<String> = [
            "hello world",
            "I'm sure they'll say it's THEIR'S, won't they? We'd've known.",
            "parseConfig ConfigParser config_parser HTTPServerError XMLHttpRequest",
            "12345678901 3.14159 0x7fff_ffff 1e-9",
            "fn main() {\n    let x = vec![1, 2, 3];\r\n\tprintln!(\"{x:?}\");\n}\n\n\n",
            "trailing spaces   \n   \n\t\t",
            "   leading and    inner     runs",
            "/// doc comment\n// path/to/file.rs:12-40\n#include <linux/fs.h>\n",
            "Zürich naïve café — “quotes” … 東京都 こんにちは 안녕하세요 مرحبا Привет",
            "emoji 🦀🚀👩‍💻 and combining e\u{301}a\u{308}",
            "",
            " ",
            "\n",
            "a\u{a0}b\u{2003}c",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).expect("src").flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
        for (tokenizer, bpe) in &reference {
            for text in &texts {
                assert_eq!(tokenizer.count(text), bpe.encode_ordinary(text).len(), "{} on {text:?}", tokenizer.name());
            }
        }
    }
}

//! English stems for matching a query's words against the words of code:
//! Snowball's English stemmer (`rust-stemmers`), plus one rule of ours, so
//! that `parsing`, `parses`, `parse` and `parser` (the part of
//! `ConfigParser`) meet, and `dependencies` meets `dependency`. Input is
//! one lower-case word; a word with anything but ASCII letters is its own
//! stem.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The stem of a lower-case word.
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut stem = ENGLISH.stem(word).into_owned();
    // Ours: an agent noun is its verb (`parser`, `renderer`, `filter`),
    // which Snowball keeps apart when the verb is short.
    if stem.len() >= 6 && stem.ends_with("er") {
        stem.truncate(stem.len() - 2);
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn forms_of_a_word_meet() {
        for group in [
            &["parse", "parsing", "parses", "parsed", "parser", "parsers"][..],
            &["dependency", "dependencies"],
            &["validate", "validation", "validator", "validating"],
            &["render", "rendering", "renderer"],
            &["filter", "filters", "filtering"],
            &["route", "routes", "routing"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{group:?}: {stems:?}");
        }
    }

    #[test]
    fn other_words_stay_apart_and_odd_words_are_their_own_stem() {
        assert_ne!(stem("parse"), stem("part"));
        assert_ne!(stem("status"), stem("state"));
        assert_eq!(stem("x1"), "x1");
        assert_eq!(stem("überprüfung"), "überprüfung");
        assert_eq!(stem("io"), "io");
    }
}

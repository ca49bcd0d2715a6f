//! `HashEmbedder`: a deterministic embedder without a model, for tests and as a fallback.
//!
//! A text becomes a bag of code terms (identifiers split at `snake_case` and `camelCase`
//! boundaries, lowercased, plus each whole identifier), and each term adds a signed unit to
//! one of the dimensions chosen by its hash. Texts that share terms therefore point in similar
//! directions, and unrelated texts are nearly orthogonal.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::embedder::{EmbedError, Embedder, normalize};

/// Hashes code terms into a fixed number of dimensions; the same text always gives the same
/// vector, on every machine.
#[derive(Debug, Clone)]
pub struct HashEmbedder {
    dimensions: usize,
    name: String,
}

impl HashEmbedder {
    /// An embedder of `dimensions` components (at least 1).
    pub fn new(dimensions: usize) -> Self {
        let dimensions = dimensions.max(1);
        HashEmbedder {
            dimensions,
            name: format!("ctx-hash-v1-{dimensions}"),
        }
    }

    /// Embeds one text.
    pub fn embed_one(&self, text: &str) -> Vec<f32> {
        let mut vector = vec![0.0f32; self.dimensions];
        for_each_term(text, |term, weight| {
            let hash = xxh3_64_with_seed(term.as_bytes(), 0x6374_7868);
            // The low bits pick the dimension, the top bit the sign, so that collisions cancel
            // out on average instead of piling up.
            let slot = (hash % self.dimensions as u64) as usize;
            let sign = if hash >> 63 == 0 { 1.0 } else { -1.0 };
            vector[slot] += sign * weight;
        });
        normalize(&mut vector);
        vector
    }
}

impl Default for HashEmbedder {
    /// 256 dimensions, like the default static model.
    fn default() -> Self {
        HashEmbedder::new(256)
    }
}

impl Embedder for HashEmbedder {
    fn name(&self) -> &str {
        &self.name
    }

    fn dimensions(&self) -> usize {
        self.dimensions
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        Ok(texts.iter().map(|text| self.embed_one(text)).collect())
    }
}

/// Calls `visit` with every term of `text` and its weight: each lowercased identifier part
/// (split at `_` and at lower-to-upper case changes), then the whole identifier if it has
/// several parts, all with weight 1.
fn for_each_term(text: &str, mut visit: impl FnMut(&str, f32)) {
    let mut part = String::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let word = word.trim_matches('_');
        if word.is_empty() {
            continue;
        }
        let mut parts = 0;
        let mut previous: Option<char> = None;
        for c in word.chars() {
            if c == '_' {
                if !part.is_empty() {
                    visit(&part, 1.0);
                    parts += 1;
                    part.clear();
                }
                previous = None;
                continue;
            }
            let boundary = match previous {
                Some(p) => (p.is_lowercase() || p.is_ascii_digit()) && c.is_uppercase(),
                None => false,
            };
            if boundary && !part.is_empty() {
                visit(&part, 1.0);
                parts += 1;
                part.clear();
            }
            part.extend(c.to_lowercase());
            previous = Some(c);
        }
        if !part.is_empty() {
            visit(&part, 1.0);
            parts += 1;
            part.clear();
        }
        if parts > 1 {
            visit(&word.to_lowercase(), 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedder::dot;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_term(text, |term, _| out.push(term.to_string()));
        out
    }

    #[test]
    fn terms_split_identifiers_and_keep_the_whole() {
        assert_eq!(
            terms("parseHTTPRequest(max_len) x __init__"),
            [
                "parse",
                "httprequest",
                "parsehttprequest",
                "max",
                "len",
                "max_len",
                "x",
                "init"
            ]
        );
    }

    #[test]
    fn vectors_are_deterministic_and_unit_length() {
        let embedder = HashEmbedder::new(64);
        let a = embedder.embed_one("fn read_config(path: &Path)");
        let b = embedder.embed_one("fn read_config(path: &Path)");
        assert_eq!(a, b);
        assert_eq!(a.len(), 64);
        assert!((dot(&a, &a) - 1.0).abs() < 1e-5);
        assert_eq!(embedder.name(), "ctx-hash-v1-64");
        assert_eq!(embedder.dimensions(), 64);
    }

    #[test]
    fn text_without_terms_is_the_zero_vector() {
        let embedder = HashEmbedder::default();
        assert!(embedder.embed_one(" {}();; ").iter().all(|&x| x == 0.0));
    }

    #[test]
    fn shared_words_are_closer_than_unrelated_text() {
        let embedder = HashEmbedder::default();
        let vectors = embedder
            .embed(&[
                "parse the configuration file and return the settings",
                "fn parse_config_file(path) -> Settings",
                "render a triangle with the GPU shader pipeline",
            ])
            .expect("the hash embedder never fails");
        let related = dot(&vectors[0], &vectors[1]);
        let unrelated = dot(&vectors[1], &vectors[2]);
        assert!(
            related > unrelated + 0.2,
            "related {related}, unrelated {unrelated}"
        );
    }
}

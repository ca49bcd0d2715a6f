//! The `Embedder` trait: a batch of texts in, one unit-length vector per text out.

use thiserror::Error;

/// Turns texts into vectors that can be compared by dot product.
///
/// Every vector has [`Embedder::dimensions`] components and unit L2 length, except for a
/// text that yields no terms at all (empty, or only punctuation the model skips), whose
/// vector is all zeros. Vectors are comparable only between texts embedded by embedders with
/// the same [`Embedder::name`]; an index stores that name so that vectors of different models
/// are never mixed.
pub trait Embedder: Send + Sync {
    /// The model identity, stored next to the vectors it produced.
    fn name(&self) -> &str;

    /// The number of components of every vector.
    fn dimensions(&self) -> usize;

    /// Embeds each text, in order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError>;
}

/// Why a batch of texts could not be embedded.
#[derive(Debug, Error)]
pub enum EmbedError {
    /// The model's tokenizer rejected a text.
    #[error("model {model}: cannot tokenize text {index} of the batch: {message}")]
    Tokenize {
        /// The model's name.
        model: String,
        /// The position of the text in the batch.
        index: usize,
        /// The tokenizer's message.
        message: String,
    },
}

/// Scales `vector` to unit L2 length in place; a zero vector stays zero.
pub fn normalize(vector: &mut [f32]) {
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        let inverse = 1.0 / norm;
        for x in vector {
            *x *= inverse;
        }
    }
}

/// The dot product of two vectors of equal length, written so that it vectorises.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    let mut lanes = [0.0f32; 8];
    let mut a_chunks = a.chunks_exact(8);
    let mut b_chunks = b.chunks_exact(8);
    for (x, y) in a_chunks.by_ref().zip(b_chunks.by_ref()) {
        for ((lane, x), y) in lanes.iter_mut().zip(x).zip(y) {
            *lane += x * y;
        }
    }
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    lanes.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_gives_unit_length_and_keeps_zero() {
        let mut v = vec![3.0, 4.0];
        normalize(&mut v);
        assert_eq!(v, vec![0.6, 0.8]);
        let mut zero = vec![0.0; 3];
        normalize(&mut zero);
        assert_eq!(zero, vec![0.0; 3]);
    }

    #[test]
    fn dot_matches_naive_sum_for_every_length() {
        for len in 0..40 {
            let a: Vec<f32> = (0..len).map(|i| i as f32 * 0.5 - 3.0).collect();
            let b: Vec<f32> = (0..len).map(|i| 1.0 - i as f32 * 0.25).collect();
            let naive: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - naive).abs() < 1e-3, "len {len}");
        }
    }
}

//! The builder of a generation's `vectors.bin`: the text embedded per
//! chunk, the rows of reused files copied from the previous generation's
//! vectors and the chunks of parsed files embedded, in chunk id order.

use super::file::{VectorEncoding, VectorsFile, encode, write_file};
use crate::parse::{ChunkSpan, Symbol};
use ctx_embeddings::{EmbedError, Embedder};
use std::sync::Arc;

/// The text embedded per chunk is cut to this many bytes: the default static
/// model counts at most 512 tokens, which code rarely spreads over more.
const MAX_TEXT_BYTES: usize = 4096;

/// The text embedded for one chunk: its path, the qualified name of the
/// definition it belongs to, and its lines (cut to a few kilobytes).
pub fn chunk_text(path: &str, symbol: Option<&str>, body: &str) -> String {
    let mut end = body.len().min(MAX_TEXT_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let mut text = String::with_capacity(path.len() + end + 64);
    text.push_str(path);
    text.push('\n');
    if let Some(name) = symbol {
        text.push_str(name);
        text.push('\n');
    }
    text.push_str(&body[..end]);
    text
}

/// The texts of a parsed file's chunks, in order.
pub(crate) fn file_chunk_texts(path: &str, text: &str, line_starts: &[usize], chunks: &[ChunkSpan], symbols: &[Symbol]) -> Vec<String> {
    let lines = line_starts.len().saturating_sub(1);
    chunks
        .iter()
        .map(|chunk| {
            let from = line_starts[(chunk.start_line as usize).saturating_sub(1).min(lines)];
            let to = line_starts[(chunk.end_line as usize).min(lines)];
            let symbol = chunk.symbol.and_then(|s| symbols.get(s as usize)).map(|s| s.qualified_name.as_str());
            chunk_text(path, symbol, text.get(from..to).unwrap_or_default())
        })
        .collect()
}

/// Collects the rows of a new generation in chunk id order.
pub(crate) struct VectorsBuilder<'p> {
    embedder: Arc<dyn Embedder>,
    encoding: VectorEncoding,
    /// The previous generation's vectors, when they are of the same model.
    previous: Option<&'p VectorsFile>,
    scales: Vec<f32>,
    data: Vec<u8>,
    /// Rows reserved for texts not yet embedded.
    pending: Vec<(usize, String)>,
    /// For each row of the previous vectors, the row it was copied to (`u32::MAX`: not copied).
    row_map: Vec<u32>,
}

impl<'p> VectorsBuilder<'p> {
    pub(crate) fn new(embedder: Arc<dyn Embedder>, previous: Option<&'p VectorsFile>) -> Self {
        let previous = previous.filter(|p| p.model() == embedder.name() && p.dimensions() == embedder.dimensions());
        let row_map = vec![u32::MAX; previous.map_or(0, VectorsFile::len)];
        VectorsBuilder { embedder, encoding: VectorEncoding::Int8, previous, scales: Vec::new(), data: Vec::new(), pending: Vec::new(), row_map }
    }

    /// Whether rows of reused files can be copied (otherwise every file must be parsed).
    pub(crate) fn can_reuse(&self) -> bool {
        self.previous.is_some()
    }

    fn rows(&self) -> usize {
        self.scales.len()
    }

    /// The name of the model making the vectors.
    pub(crate) fn model(&self) -> &str {
        self.embedder.name()
    }

    /// Copies the previous generation's rows `from..to` (a reused file's chunks).
    pub(crate) fn reuse(&mut self, (from, to): (u32, u32)) {
        let Some(previous) = self.previous else { return };
        for row in from as usize..to as usize {
            self.row_map[row] = self.rows() as u32;
            self.scales.push(previous.scale(row));
            self.data.extend_from_slice(previous.row_bytes(row));
        }
    }

    /// Reserves rows for a parsed file's chunks, embedded at the next [`flush`](Self::flush).
    pub(crate) fn add(&mut self, texts: Vec<String>) {
        let row_bytes = self.encoding.row_bytes(self.embedder.dimensions());
        for text in texts {
            self.pending.push((self.rows(), text));
            self.scales.push(0.0);
            self.data.resize(self.data.len() + row_bytes, 0);
        }
    }

    /// Embeds the reserved rows (the embedder parallelises a batch).
    pub(crate) fn flush(&mut self) -> Result<(), EmbedError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let texts: Vec<&str> = pending.iter().map(|(_, t)| t.as_str()).collect();
        let vectors = self.embedder.embed(&texts)?;
        let row_bytes = self.encoding.row_bytes(self.embedder.dimensions());
        for ((row, _), vector) in pending.iter().zip(vectors) {
            let (scale, bytes) = encode(self.encoding, &vector);
            self.scales[*row] = scale;
            self.data[row * row_bytes..(row + 1) * row_bytes].copy_from_slice(&bytes);
        }
        Ok(())
    }

    /// The bytes of the vectors file, after embedding what is pending, and
    /// for each row of the previous vectors the row it was copied to
    /// (`u32::MAX`: its chunk is gone or changed), if there were previous vectors.
    pub(crate) fn finish(mut self) -> Result<(Vec<u8>, Option<Vec<u32>>), EmbedError> {
        self.flush()?;
        let bytes = write_file(self.embedder.name(), self.embedder.dimensions(), self.encoding, &self.scales, &self.data);
        Ok((bytes, self.previous.map(|_| self.row_map)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_texts_name_path_symbol_and_cut_long_bodies() {
        assert_eq!(chunk_text("a.rs", Some("S::f"), "fn f() {}\n"), "a.rs\nS::f\nfn f() {}\n");
        let long = "é".repeat(MAX_TEXT_BYTES);
        assert!(chunk_text("a", None, &long).len() <= MAX_TEXT_BYTES + 2);
    }
}

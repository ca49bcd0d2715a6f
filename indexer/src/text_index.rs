//! The tantivy BM25 index over chunks: one document per chunk with separate,
//! separately weighted fields for the path, the defined names, the doc text
//! and the body, all tokenized by [`CodeTokenizer`]. Only the chunk id is
//! stored; text is read from the working tree when a pack is rendered.

use crate::tokenize::{CODE_TOKENIZER, CodeTokenizer};
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// The searchable fields of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// The file path.
    Path,
    /// Names and qualified names of the definitions in the chunk.
    Names,
    /// Doc comments of those definitions.
    Doc,
    /// The chunk's code.
    Body,
}

impl TextField {
    /// All fields, in schema order.
    pub const ALL: [TextField; 4] = [TextField::Path, TextField::Names, TextField::Doc, TextField::Body];

    fn name(self) -> &'static str {
        match self {
            TextField::Path => "path",
            TextField::Names => "names",
            TextField::Doc => "doc",
            TextField::Body => "body",
        }
    }
}

/// The text of one chunk, as indexed.
#[derive(Debug, Default)]
pub struct ChunkText<'a> {
    /// Global chunk id.
    pub chunk: u64,
    /// Global file id.
    pub file: u64,
    /// Path of the file.
    pub path: &'a str,
    /// Space-separated definition names.
    pub names: String,
    /// Doc comments.
    pub doc: String,
    /// The code.
    pub body: &'a str,
}

struct Fields {
    chunk: Field,
    file: Field,
    text: [Field; 4],
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let chunk = builder.add_u64_field("chunk", FAST | STORED | INDEXED);
    let file = builder.add_u64_field("file", FAST | INDEXED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(CODE_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let options = TextOptions::default().set_indexing_options(indexing);
    let text = TextField::ALL.map(|f| builder.add_text_field(f.name(), options.clone()));
    (builder.build(), Fields { chunk, file, text })
}

fn register_tokenizer(index: &Index) {
    index.tokenizers().register(CODE_TOKENIZER, CodeTokenizer::default());
}

/// Writes chunk documents into a new index directory.
pub struct TextIndexWriter {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
}

impl TextIndexWriter {
    /// Creates an empty index in `dir` (which must exist and be empty).
    pub fn create(dir: &Path, threads: usize, memory_bytes: usize) -> tantivy::Result<Self> {
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        register_tokenizer(&index);
        let threads = threads.max(1);
        // tantivy needs at least 15 MB per indexing thread.
        let memory = memory_bytes.max(threads * 20_000_000);
        let writer = index.writer_with_num_threads(threads, memory)?;
        Ok(TextIndexWriter { writer, fields })
    }

    /// Adds one chunk. Callable from several threads at once.
    pub fn add(&self, chunk: &ChunkText<'_>) -> tantivy::Result<()> {
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.fields.chunk, chunk.chunk);
        doc.add_u64(self.fields.file, chunk.file);
        let [path, names, docs, body] = self.fields.text;
        doc.add_text(path, chunk.path);
        doc.add_text(names, &chunk.names);
        doc.add_text(docs, &chunk.doc);
        doc.add_text(body, chunk.body);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Commits everything added and waits for merges to finish.
    pub fn finish(mut self) -> tantivy::Result<()> {
        self.writer.commit()?;
        self.writer.wait_merging_threads()
    }
}

/// A query: weighted terms per field.
#[derive(Debug, Default, Clone)]
pub struct TextQuery {
    /// (field, term, weight) clauses; any may match.
    pub clauses: Vec<(TextField, String, f32)>,
}

/// Read access to the chunk index.
pub struct TextIndexReader {
    reader: IndexReader,
    text_fields: [Field; 4],
}

impl TextIndexReader {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> tantivy::Result<Self> {
        let index = Index::open_in_dir(dir)?;
        register_tokenizer(&index);
        let (_, fields) = schema();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(TextIndexReader { reader, text_fields: fields.text })
    }

    /// The `limit` best chunks for `query`, as (chunk id, BM25 score), best first.
    pub fn search(&self, query: &TextQuery, limit: usize) -> tantivy::Result<Vec<(u64, f32)>> {
        if query.clauses.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = query
            .clauses
            .iter()
            .map(|(field, term, weight)| {
                let field = self.text_fields[TextField::ALL.iter().position(|f| f == field).unwrap_or(0)];
                let term = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs);
                (Occur::Should, Box::new(BoostQuery::new(Box::new(term), *weight)) as Box<dyn Query>)
            })
            .collect();
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        let mut columns = std::collections::HashMap::new();
        for (score, address) in top {
            let column = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let reader = searcher.segment_reader(address.segment_ord);
                    e.insert(reader.fast_fields().u64("chunk")?)
                }
            };
            if let Some(chunk) = column.first(address.doc_id) {
                hits.push((chunk, score));
            }
        }
        Ok(hits)
    }

    /// Number of indexed chunks.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

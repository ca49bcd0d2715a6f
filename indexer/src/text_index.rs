//! The tantivy BM25 index over chunks: one document per chunk with separate,
//! separately weighted fields for the path, the defined names, the doc text
//! and the body, all tokenized by [`CodeTokenizer`]. A document is keyed by
//! its file's path hash and its ordinal within the file, not by a global id,
//! so a refresh can delete and re-add one file's documents and keep the rest.
//! Text is read from the working tree when a pack is rendered.

use crate::tokenize::{CODE_TOKENIZER, CodeTokenizer};
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
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

/// The key of a file's documents: xxh3 of its path.
pub fn file_key(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

/// The text of one chunk, as indexed.
#[derive(Debug, Default)]
pub struct ChunkText<'a> {
    /// The chunk's position among its file's chunks.
    pub ordinal: u64,
    /// Path of the file.
    pub path: &'a str,
    /// Space-separated definition names.
    pub names: &'a str,
    /// Doc comments.
    pub doc: &'a str,
    /// The code.
    pub body: &'a str,
}

impl ChunkText<'_> {
    /// Its number of terms per field, in [`TextField::ALL`] order: what BM25
    /// needs of a document's length. Independent of the writer, so that
    /// indexing counts them on the threads that parse.
    pub fn field_terms(&self) -> [u32; 4] {
        let count = crate::tokenize::count_terms;
        [count(self.path), count(self.names), count(self.doc), count(self.body)]
    }
}

struct Fields {
    file_key: Field,
    ordinal: Field,
    text: [Field; 4],
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let file_key = builder.add_u64_field("file_key", FAST | INDEXED);
    let ordinal = builder.add_u64_field("ordinal", FAST);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(CODE_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let options = TextOptions::default().set_indexing_options(indexing);
    let text = TextField::ALL.map(|f| builder.add_text_field(f.name(), options.clone()));
    (builder.build(), Fields { file_key, ordinal, text })
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
    /// Creates an empty index in `dir` (which must exist and be empty), or
    /// with `existing`, opens the index already in `dir` to update it.
    pub fn create(dir: &Path, existing: bool, threads: usize, memory_bytes: usize) -> tantivy::Result<Self> {
        let (schema, fields) = schema();
        let index = if existing { Index::open_in_dir(dir)? } else { Index::create_in_dir(dir, schema)? };
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
        doc.add_u64(self.fields.file_key, file_key(chunk.path));
        doc.add_u64(self.fields.ordinal, chunk.ordinal);
        let [path, names, docs, body] = self.fields.text;
        doc.add_text(path, chunk.path);
        doc.add_text(names, chunk.names);
        doc.add_text(docs, chunk.doc);
        doc.add_text(body, chunk.body);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Deletes every document of the file at `path`.
    pub fn delete_file(&self, path: &str) {
        self.writer.delete_term(Term::from_field_u64(self.fields.file_key, file_key(path)));
    }

    /// Commits everything added and deleted; with `merge_all`, merges all
    /// segments into one, which also purges deleted documents so that BM25
    /// statistics equal those of a fresh build. Waits for merges to finish.
    pub fn finish(mut self, merge_all: bool) -> tantivy::Result<()> {
        self.writer.commit()?;
        if merge_all {
            let segments = self.writer.index().searchable_segment_ids()?;
            if segments.len() > 1 || self.has_deletes()? {
                self.writer.merge(&segments).wait()?;
            }
        }
        self.writer.wait_merging_threads()
    }

    fn has_deletes(&self) -> tantivy::Result<bool> {
        let metas = self.writer.index().searchable_segment_metas()?;
        Ok(metas.iter().any(|m| m.num_deleted_docs() > 0))
    }
}

/// Corpus statistics for BM25, taken from the tables rather than from
/// tantivy's segments, which count deleted documents until they are merged.
#[derive(Debug, Clone, Copy, Default)]
pub struct CorpusStats {
    /// Live chunk documents.
    pub documents: u64,
    /// Terms per field over live documents, in [`TextField::ALL`] order.
    pub field_terms: [u64; 4],
}

struct ExactStatistics<'a> {
    searcher: &'a tantivy::Searcher,
    stats: CorpusStats,
    text_fields: [Field; 4],
}

impl tantivy::query::Bm25StatisticsProvider for ExactStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.text_fields.iter().position(|f| *f == field) {
            Some(i) => Ok(self.stats.field_terms[i]),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.stats.documents.max(1))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // Segments still count deleted documents until they are merged, so
        // a term's frequency can exceed the live document count; tantivy
        // requires it not to.
        Ok(self.searcher.doc_freq(term)?.min(self.stats.documents.max(1)))
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
        // A query reads a few postings of a few terms: advised random, a
        // fault maps the page it touched, not the pages around it (the
        // Linux tree's search mapped 143 MB of the text index otherwise).
        let directory = tantivy::directory::MmapDirectory::open_with_madvice(dir, tantivy::directory::Advice::Random)
            .map_err(tantivy::TantivyError::from)?;
        let index = Index::open(directory)?;
        register_tokenizer(&index);
        let (_, fields) = schema();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(TextIndexReader { reader, text_fields: fields.text })
    }

    /// The `limit` best chunks for `query`, as (file key, ordinal, BM25
    /// score), best first.
    pub fn search(&self, query: &TextQuery, stats: CorpusStats, limit: usize) -> tantivy::Result<Vec<(u64, u32, f32)>> {
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
        let exact = ExactStatistics { searcher: &searcher, stats, text_fields: self.text_fields };
        // Scored exhaustively, not with block-WAND pruning: pruning sums a
        // document's clause scores in an order that depends on document ids,
        // so equal indexes laid out differently (refreshed or rebuilt) would
        // rank near-ties differently. Exhaustive scoring sums in clause order.
        let collector = TopDocs::with_limit(limit).tweak_score(|_: &tantivy::SegmentReader| |_: tantivy::DocId, score: tantivy::Score| score);
        let top = searcher.search_with_statistics_provider(&query, &collector, &exact)?;
        let mut hits = Vec::with_capacity(top.len());
        let mut columns = std::collections::HashMap::new();
        for (score, address) in top {
            let column = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                    e.insert((fast.u64("file_key")?, fast.u64("ordinal")?))
                }
            };
            if let (Some(key), Some(ordinal)) = (column.0.first(address.doc_id), column.1.first(address.doc_id)) {
                hits.push((key, ordinal as u32, score));
            }
        }
        Ok(hits)
    }

    /// The indexed terms of `field` that start with `prefix`, in order, at
    /// most `limit` (the union over segments): what a query word's other
    /// forms are looked up in.
    pub fn terms_with_prefix(&self, field: TextField, prefix: &str, limit: usize) -> tantivy::Result<Vec<String>> {
        let field = self.text_fields[TextField::ALL.iter().position(|f| *f == field).unwrap_or(0)];
        let searcher = self.reader.searcher();
        let mut found: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().range().ge(prefix.as_bytes()).into_stream()?;
            let mut taken = 0;
            while taken < limit && stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(term) = std::str::from_utf8(key) {
                    found.push(term.to_string());
                }
                taken += 1;
            }
        }
        found.sort_unstable();
        found.dedup();
        found.truncate(limit);
        Ok(found)
    }

    /// Whether some live or deleted document of `field` holds `term`.
    pub fn has_term(&self, field: TextField, term: &str) -> tantivy::Result<bool> {
        let field = self.text_fields[TextField::ALL.iter().position(|f| *f == field).unwrap_or(0)];
        Ok(self.reader.searcher().doc_freq(&Term::from_field_text(field, term))? > 0)
    }

    /// Number of indexed chunks.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

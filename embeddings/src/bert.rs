//! `BertEmbedder` (feature `bert`): a BERT-family sentence embedder such as all-MiniLM-L6-v2,
//! run on candle-transformers. A text's vector is the mean of the last hidden states over its
//! tokens (the attention mask, so padding never counts), L2-normalised, as
//! sentence-transformers computes it.
//!
//! The folder holds `config.json` (the BERT configuration), `model.safetensors` and
//! `tokenizer.json`. It is off by default: all-MiniLM-L6-v2 embeds about 3 chunks/s on 2 busy
//! cores against the static model's thousands (see `embed_bench`).

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};
use xxhash_rust::xxh3::Xxh3;

use crate::embedder::{EmbedError, Embedder, normalize};
use crate::static_model::{MODEL_FILE, ModelError, TOKENIZER_FILE};

/// The BERT configuration file of a model folder.
pub const CONFIG_FILE: &str = "config.json";
/// Tokens per text that count, as sentence-transformers' all-MiniLM-L6-v2 (`max_seq_length`).
pub const BERT_MAX_TOKENS: usize = 256;
/// Texts run through the model together (padded to the longest of them).
const BATCH_TEXTS: usize = 16;

/// A BERT-family model with mean pooling, held in memory.
pub struct BertEmbedder {
    name: String,
    model: BertModel,
    tokenizer: Tokenizer,
    dimensions: usize,
}

impl std::fmt::Debug for BertEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BertEmbedder").field("name", &self.name).field("dimensions", &self.dimensions).finish_non_exhaustive()
    }
}

impl BertEmbedder {
    /// Loads the folder `dir` (`config.json`, `model.safetensors`, `tokenizer.json`). The
    /// model's name is the folder name followed by a hash of the three files.
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        let read = |file: &str| -> Result<(PathBuf, Vec<u8>), ModelError> {
            let path = dir.join(file);
            if !path.is_file() {
                return Err(ModelError::Missing { path });
            }
            std::fs::read(&path).map(|bytes| (path.clone(), bytes)).map_err(|source| ModelError::Io { path, source })
        };
        let (config_path, config_bytes) = read(CONFIG_FILE)?;
        let (weights_path, weights_bytes) = read(MODEL_FILE)?;
        let (tokenizer_path, tokenizer_bytes) = read(TOKENIZER_FILE)?;
        let config: Config = serde_json::from_slice(&config_bytes)
            .map_err(|e| ModelError::Invalid { path: config_path, message: format!("not a BERT configuration: {e}") })?;
        let mut hasher = Xxh3::new();
        hasher.update(&config_bytes);
        hasher.update(&weights_bytes);
        hasher.update(&tokenizer_bytes);
        let weights_error = |e: candle_core::Error| ModelError::Invalid { path: weights_path.clone(), message: format!("not BERT weights: {e}") };
        let weights = VarBuilder::from_buffered_safetensors(weights_bytes, DType::F32, &Device::Cpu).map_err(weights_error)?;
        let model = BertModel::load(weights, &config).map_err(weights_error)?;
        let tokenizer_error = |message: String| ModelError::Tokenizer { path: tokenizer_path.clone(), message };
        let mut tokenizer = Tokenizer::from_bytes(&tokenizer_bytes).map_err(|e| tokenizer_error(e.to_string()))?;
        // The file may pad every text to a fixed length; pad a batch to its longest text instead.
        let padding = tokenizer.get_padding().cloned().unwrap_or_default();
        tokenizer.with_padding(Some(PaddingParams { strategy: PaddingStrategy::BatchLongest, ..padding }));
        let limit = BERT_MAX_TOKENS.min(config.max_position_embeddings);
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: limit, ..TruncationParams::default() }))
            .map_err(|e| tokenizer_error(e.to_string()))?;
        let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "model".to_string());
        Ok(BertEmbedder { name: format!("{folder}@{:016x}", hasher.digest()), model, tokenizer, dimensions: config.hidden_size })
    }

    fn embed_batch(&self, texts: &[&str], first: usize) -> Result<Vec<Vec<f32>>, EmbedError> {
        let failed = |index: usize, message: String| EmbedError::Tokenize { model: self.name.clone(), index, message };
        let encodings = self.tokenizer.encode_batch(texts.to_vec(), true).map_err(|e| failed(first, e.to_string()))?;
        let length = encodings.iter().map(|e| e.get_ids().len()).max().unwrap_or(0).max(1);
        let (mut ids, mut mask) = (Vec::with_capacity(texts.len() * length), Vec::with_capacity(texts.len() * length));
        for encoding in &encodings {
            let pad = length - encoding.get_ids().len();
            ids.extend(encoding.get_ids().iter().copied().chain(std::iter::repeat_n(0, pad)));
            mask.extend(encoding.get_attention_mask().iter().copied().chain(std::iter::repeat_n(0, pad)));
        }
        let model_error = |e: candle_core::Error| failed(first, format!("model: {e}"));
        let shape = (texts.len(), length);
        let ids = Tensor::from_vec(ids, shape, &Device::Cpu).map_err(model_error)?;
        let mask = Tensor::from_vec(mask, shape, &Device::Cpu).map_err(model_error)?;
        let types = ids.zeros_like().map_err(model_error)?;
        let pooled = (|| {
            let hidden = self.model.forward(&ids, &types, Some(&mask))?;
            let weights = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
            let summed = hidden.broadcast_mul(&weights)?.sum(1)?;
            let counts = weights.sum(1)?.clamp(1.0, f32::MAX as f64)?;
            summed.broadcast_div(&counts)?.to_vec2::<f32>()
        })()
        .map_err(model_error)?;
        Ok(pooled
            .into_iter()
            .map(|mut vector| {
                normalize(&mut vector);
                vector
            })
            .collect())
    }
}

impl Embedder for BertEmbedder {
    fn name(&self) -> &str {
        &self.name
    }

    fn dimensions(&self) -> usize {
        self.dimensions
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let mut out = Vec::with_capacity(texts.len());
        for (i, batch) in texts.chunks(BATCH_TEXTS).enumerate() {
            out.extend(self.embed_batch(batch, i * BATCH_TEXTS)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    //! A tiny BERT (2 layers, width 8) whose files the test writes itself, loaded through the
    //! same code path as all-MiniLM-L6-v2.

    use super::*;
    use std::collections::HashMap;

    const WIDTH: usize = 8;

    fn config_json(vocabulary: usize) -> String {
        format!(
            r#"{{"architectures":["BertModel"],"attention_probs_dropout_prob":0.1,"hidden_act":"gelu","hidden_dropout_prob":0.1,
"hidden_size":{WIDTH},"initializer_range":0.02,"intermediate_size":16,"layer_norm_eps":1e-12,"max_position_embeddings":64,
"model_type":"bert","num_attention_heads":2,"num_hidden_layers":2,"pad_token_id":0,"position_embedding_type":"absolute",
"type_vocab_size":2,"vocab_size":{vocabulary}}}"#
        )
    }

    /// Deterministic weights for every tensor BERT loads.
    fn write_weights(path: &Path, vocabulary: usize) {
        let mut seed = 7u64;
        let mut values = |n: usize, scale: f32| -> Vec<f32> {
            (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * scale
                })
                .collect()
        };
        let mut tensors: HashMap<String, Tensor> = HashMap::new();
        let mut put = |name: String, shape: &[usize], values: Vec<f32>| {
            tensors.insert(name, Tensor::from_vec(values, shape, &Device::Cpu).expect("tensor"));
        };
        put("embeddings.word_embeddings.weight".into(), &[vocabulary, WIDTH], values(vocabulary * WIDTH, 1.0));
        put("embeddings.position_embeddings.weight".into(), &[64, WIDTH], values(64 * WIDTH, 0.2));
        put("embeddings.token_type_embeddings.weight".into(), &[2, WIDTH], values(2 * WIDTH, 0.2));
        put("embeddings.LayerNorm.weight".into(), &[WIDTH], vec![1.0; WIDTH]);
        put("embeddings.LayerNorm.bias".into(), &[WIDTH], vec![0.0; WIDTH]);
        for layer in 0..2 {
            let at = |name: &str| format!("encoder.layer.{layer}.{name}");
            for part in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"] {
                put(at(&format!("{part}.weight")), &[WIDTH, WIDTH], values(WIDTH * WIDTH, 0.5));
                put(at(&format!("{part}.bias")), &[WIDTH], values(WIDTH, 0.1));
            }
            put(at("intermediate.dense.weight"), &[16, WIDTH], values(16 * WIDTH, 0.5));
            put(at("intermediate.dense.bias"), &[16], values(16, 0.1));
            put(at("output.dense.weight"), &[WIDTH, 16], values(16 * WIDTH, 0.5));
            put(at("output.dense.bias"), &[WIDTH], values(WIDTH, 0.1));
            for norm in ["attention.output.LayerNorm", "output.LayerNorm"] {
                put(at(&format!("{norm}.weight")), &[WIDTH], vec![1.0; WIDTH]);
                put(at(&format!("{norm}.bias")), &[WIDTH], vec![0.0; WIDTH]);
            }
        }
        candle_core::safetensors::save(&tensors, path).expect("write model.safetensors");
    }

    fn write_model(dir: &Path) {
        std::fs::create_dir_all(dir).expect("mkdir");
        let vocabulary = crate::test_model::vocabulary().len();
        std::fs::write(dir.join(CONFIG_FILE), config_json(vocabulary)).expect("config");
        std::fs::write(dir.join(TOKENIZER_FILE), crate::test_model::tokenizer_json()).expect("tokenizer");
        write_weights(&dir.join(MODEL_FILE), vocabulary);
    }

    #[test]
    fn a_tiny_bert_gives_deterministic_unit_vectors_independent_of_padding() {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("tiny-bert");
        write_model(&folder);
        let model = BertEmbedder::load(&folder).expect("loads");
        assert_eq!(model.dimensions(), WIDTH);
        assert!(model.name().starts_with("tiny-bert@"), "{}", model.name());

        let texts = ["fn parse ( config )", "parse", "render the config parse fn parse ( ) parse config"];
        let together = model.embed(&texts).expect("embed");
        assert_eq!(together.len(), 3);
        for vector in &together {
            assert_eq!(vector.len(), WIDTH);
            let norm: f32 = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
        }
        // Alone, each text has no padding; in the batch, the shorter ones are padded.
        for (text, batched) in texts.iter().zip(&together) {
            let alone = model.embed(&[text]).expect("embed").remove(0);
            let gap = alone.iter().zip(batched).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
            assert!(gap < 1e-4, "{text:?}: padding changed the vector by {gap}");
        }
        assert_eq!(model.embed(&texts).expect("embed"), together, "not deterministic");
        assert!(crate::dot(&together[0], &together[1]) < 0.9999, "different texts, same vector");

        // The store loads it by kind, through the same path.
        let store = crate::ModelStore::new(dir.path());
        let loaded = store.load_embedder("tiny-bert").expect("store loads the BERT folder");
        assert_eq!(loaded.name(), model.name());
        assert_eq!(loaded.embed(&texts[..1]).expect("embed"), model.embed(&texts[..1]).expect("embed"));
    }

    #[test]
    fn a_broken_bert_folder_names_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_model(dir.path());
        std::fs::write(dir.path().join(CONFIG_FILE), "{\"model_type\": \"bert\"}").expect("write");
        let error = BertEmbedder::load(dir.path()).expect_err("bad config").to_string();
        assert!(error.contains(CONFIG_FILE), "{error}");
        std::fs::remove_file(dir.path().join(MODEL_FILE)).expect("rm");
        write_model(dir.path());
        std::fs::write(dir.path().join(MODEL_FILE), b"not safetensors").expect("write");
        let error = BertEmbedder::load(dir.path()).expect_err("bad weights").to_string();
        assert!(error.contains(MODEL_FILE), "{error}");
    }
}

//! Vector index behaviour: exact search, HNSW recall against exact, tombstones and rebuilds,
//! and the byte format (round trip and every kind of damage).

use ctx_embeddings::{
    DecodeError, HnswParams, VECTOR_FORMAT_VERSION, VectorError, VectorIndex, VectorIndexConfig,
    normalize,
};

/// A reproducible stream of unit vectors (splitmix64, uniform in the cube, normalised).
struct RandomVectors {
    state: u64,
    dims: usize,
}

impl RandomVectors {
    fn new(seed: u64, dims: usize) -> Self {
        RandomVectors { state: seed, dims }
    }

    fn next_f32(&mut self) -> f32 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0
    }

    fn vector(&mut self) -> Vec<f32> {
        let mut v: Vec<f32> = (0..self.dims).map(|_| self.next_f32()).collect();
        normalize(&mut v);
        v
    }
}

fn config(threshold: usize) -> VectorIndexConfig {
    VectorIndexConfig {
        hnsw_threshold: threshold,
        max_tombstone_fraction: 0.25,
        hnsw: HnswParams {
            max_connections: 16,
            ef_construction: 64,
            ef_search: 64,
        },
    }
}

fn filled(count: usize, dims: usize, threshold: usize) -> (VectorIndex, RandomVectors) {
    let mut random = RandomVectors::new(7, dims);
    let mut index = VectorIndex::new("test-model", dims, config(threshold));
    for id in 0..count as u64 {
        index.insert(id * 10, &random.vector()).expect("insert");
    }
    (index, random)
}

fn ids(hits: &[(u64, f32)]) -> Vec<u64> {
    hits.iter().map(|hit| hit.0).collect()
}

#[test]
fn exact_search_ranks_by_dot_product() {
    let mut index = VectorIndex::new("m", 3, VectorIndexConfig::default());
    let rows: [(u64, [f32; 3]); 4] = [
        (1, [1.0, 0.0, 0.0]),
        (2, [0.0, 1.0, 0.0]),
        (3, [0.6, 0.8, 0.0]),
        (4, [-1.0, 0.0, 0.0]),
    ];
    for (id, v) in rows {
        index.insert(id, &v).expect("insert");
    }
    let hits = index.search(&[0.8, 0.6, 0.0], 3).expect("search");
    assert_eq!(ids(&hits), [3, 1, 2]);
    assert!((hits[0].1 - 0.96).abs() < 1e-6 && (hits[1].1 - 0.8).abs() < 1e-6);
    // Asking for more than there is returns everything, best first.
    assert_eq!(
        ids(&index.search(&[1.0, 0.0, 0.0], 10).expect("search")),
        [1, 3, 2, 4]
    );
    assert_eq!(index.search(&[1.0, 0.0, 0.0], 0).expect("search"), []);
    assert_eq!(
        index.search(&[1.0, 0.0], 1),
        Err(VectorError::Dimensions {
            expected: 3,
            actual: 2
        })
    );
    assert_eq!(
        index.insert(9, &[f32::NAN, 0.0, 0.0]),
        Err(VectorError::NotFinite { id: 9 })
    );
}

#[test]
fn exact_search_matches_brute_force_on_random_vectors() {
    let (index, mut random) = filled(3_000, 32, usize::MAX);
    for _ in 0..20 {
        let query = random.vector();
        let mut brute: Vec<(u64, f32)> = index
            .iter()
            .map(|(id, v)| (id, ctx_embeddings::dot(&query, v)))
            .collect();
        brute.sort_by(|a, b| b.1.total_cmp(&a.1));
        brute.truncate(10);
        assert_eq!(index.search(&query, 10).expect("search"), brute);
    }
}

#[test]
fn replacing_and_removing_tombstone_rows() {
    let mut index = VectorIndex::new("m", 2, config(usize::MAX));
    index.insert(1, &[1.0, 0.0]).expect("insert");
    index.insert(2, &[0.0, 1.0]).expect("insert");
    index.insert(1, &[0.0, -1.0]).expect("replace");
    assert_eq!((index.len(), index.tombstones()), (2, 1));
    assert_eq!(index.get(1), Some(&[0.0, -1.0][..]));
    assert_eq!(ids(&index.search(&[1.0, 0.1], 5).expect("search")), [2, 1]);
    assert!(index.needs_rebuild(), "1 of 3 rows is past 0.25");
    assert!(index.remove(2));
    assert!(!index.remove(2));
    assert!(!index.contains(2));
    assert_eq!(ids(&index.search(&[0.0, 1.0], 5).expect("search")), [1]);
    index.rebuild();
    assert_eq!((index.len(), index.tombstones()), (1, 0));
    assert!(!index.needs_rebuild());
    assert_eq!(ids(&index.search(&[0.0, 1.0], 5).expect("search")), [1]);
}

fn recall_at_10(index: &VectorIndex, random: &mut RandomVectors, queries: usize) -> f64 {
    let mut found = 0;
    for _ in 0..queries {
        let query = random.vector();
        let exact = ids(&index.search_exact(&query, 10).expect("exact"));
        let approximate = ids(&index.search(&query, 10).expect("search"));
        found += approximate.iter().filter(|id| exact.contains(id)).count();
    }
    found as f64 / (queries * 10) as f64
}

#[test]
fn hnsw_recall_against_exact_with_tombstones_and_late_inserts() {
    let (mut index, mut random) = filled(5_000, 32, 1_000);
    assert!(!index.has_graph());
    index.update_graph();
    assert!(index.has_graph());
    let recall = recall_at_10(&index, &mut random, 100);
    assert!(recall >= 0.9, "recall@10 {recall}");

    // Tombstoned ids never come back from the graph.
    for id in (0..5_000u64).step_by(3) {
        index.remove(id * 10);
    }
    assert!(index.needs_rebuild());
    for _ in 0..50 {
        let hits = index.search(&random.vector(), 10).expect("search");
        assert!(hits.iter().all(|(id, _)| (id / 10) % 3 != 0), "{hits:?}");
    }
    let recall = recall_at_10(&index, &mut random, 100);
    assert!(recall >= 0.85, "recall@10 with tombstones {recall}");

    // Rows added after the graph are found by the scan of the tail.
    let late = random.vector();
    index.insert(999_999, &late).expect("insert");
    assert_eq!(index.search(&late, 1).expect("search")[0].0, 999_999);

    index.rebuild();
    assert!(index.has_graph() && index.tombstones() == 0);
    assert_eq!(index.search(&late, 1).expect("search")[0].0, 999_999);
    let recall = recall_at_10(&index, &mut random, 100);
    assert!(recall >= 0.9, "recall@10 after rebuild {recall}");
}

#[test]
fn below_the_threshold_there_is_no_graph() {
    let (mut index, _) = filled(500, 16, 1_000);
    index.update_graph();
    assert!(!index.has_graph());
}

#[test]
fn bytes_round_trip_the_live_vectors_exactly() {
    let (mut index, mut random) = filled(300, 12, usize::MAX);
    index.remove(50);
    index.insert(7, &random.vector()).expect("insert");
    let bytes = index.to_bytes();
    assert_eq!(&bytes[..8], b"CTXVECS\0");
    let back = VectorIndex::from_bytes(&bytes, config(usize::MAX)).expect("decode");
    assert_eq!(back.model(), "test-model");
    assert_eq!(back.dimensions(), 12);
    assert_eq!(back.len(), index.len());
    assert_eq!(back.tombstones(), 0);
    let original: Vec<(u64, Vec<f32>)> = index.iter().map(|(id, v)| (id, v.to_vec())).collect();
    let decoded: Vec<(u64, Vec<f32>)> = back.iter().map(|(id, v)| (id, v.to_vec())).collect();
    assert_eq!(original, decoded);
    assert_eq!(back.to_bytes(), bytes, "encoding is deterministic");

    let empty = VectorIndex::new("", 4, VectorIndexConfig::default());
    let back = VectorIndex::from_bytes(&empty.to_bytes(), VectorIndexConfig::default());
    assert!(back.expect("decode empty").is_empty());
}

#[test]
fn damaged_bytes_are_refused() {
    let (index, _) = filled(20, 4, usize::MAX);
    let bytes = index.to_bytes();
    let decode = |b: &[u8]| VectorIndex::from_bytes(b, VectorIndexConfig::default()).err();

    assert_eq!(decode(b""), Some(DecodeError::BadMagic));
    assert_eq!(
        decode(b"CTXVECX\0 and more bytes here ......"),
        Some(DecodeError::BadMagic)
    );

    let mut version = bytes.clone();
    version[8..12].copy_from_slice(&(VECTOR_FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        decode(&version),
        Some(DecodeError::UnsupportedVersion {
            found: VECTOR_FORMAT_VERSION + 1
        })
    );

    for cut in [12, 30, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            matches!(decode(&bytes[..cut]), Some(DecodeError::Truncated { .. })),
            "cut at {cut}: {:?}",
            decode(&bytes[..cut])
        );
    }

    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        decode(&longer),
        Some(DecodeError::TrailingBytes { extra: 1 })
    );

    let mut flipped = bytes.clone();
    let middle = bytes.len() - 20;
    flipped[middle] ^= 0x10;
    assert!(matches!(
        decode(&flipped),
        Some(DecodeError::Checksum { .. })
    ));

    let mut huge = bytes.clone();
    huge[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(decode(&huge), Some(DecodeError::Truncated { .. })));

    // A well-formed file whose ids repeat, with its checksum recomputed.
    let header = bytes.len() - 8 - 20 * 8 - 20 * 4 * 4;
    let mut repeated = bytes[..bytes.len() - 8].to_vec();
    let first_id: [u8; 8] = repeated[header..header + 8].try_into().expect("8 bytes");
    repeated[header + 8..header + 16].copy_from_slice(&first_id);
    let checksum = xxhash_rust::xxh3::xxh3_64(&repeated);
    repeated.extend_from_slice(&checksum.to_le_bytes());
    assert_eq!(decode(&repeated), Some(DecodeError::DuplicateId { id: 0 }));

    let mut zero = bytes.clone();
    zero[12..16].copy_from_slice(&0u32.to_le_bytes());
    assert_eq!(decode(&zero), Some(DecodeError::ZeroDimensions));
}

#[test]
fn indexes_and_embedders_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<VectorIndex>();
    shared::<ctx_embeddings::StaticEmbedder>();
    shared::<ctx_embeddings::HashEmbedder>();
    shared::<Box<dyn ctx_embeddings::Embedder>>();
}

//! The budget invariant as a property: for random tasks and budgets from 50
//! to 64k tokens, over every fixture repository at once, the rendered
//! markdown never has more tokens than the budget, counted by the same
//! tokenizer, and the reported count is exact.

mod common;
use common::*;

use ctx::{Index, IndexOptions, PackRequest, Tokenizer};
use proptest::prelude::*;
use std::sync::OnceLock;

/// All fixture repositories side by side, indexed once.
fn fixture_index() -> &'static (tempfile::TempDir, Index) {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = all_fixtures();
        Index::build(dir.path(), &IndexOptions::default(), &mut |_| {}).expect("index");
        let index = Index::open(dir.path()).expect("open");
        (dir, index)
    })
}

const WORDS: &[&str] = &[
    "cart", "Cart.add", "total", "discount", "apply_discount", "fails", "when", "the", "item", "Item::new",
    "store", "inventory", "error", "quantity", "`parse_line`", "price", "File \"shop/cart.py\", line 25",
    "widget", "render", "Component", "props", "main", "http", "timeout", "count", "null", "pointer",
    "src/lib.rs:12", "\"quantity must be positive\"", "\n", "```", "é", "日本", "<|endoftext|>",
];

fn task_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn rendered_pack_never_exceeds_the_budget(
        task in task_strategy(),
        budget in prop_oneof![50usize..400, 400usize..4_000, 4_000usize..64_001],
        cl100k in any::<bool>(),
        size_exponent in prop::sample::select(vec![0.0f32, 0.5, 1.0]),
        staged in any::<bool>(),
    ) {
        let (_, index) = fixture_index();
        let tokenizer = if cl100k { Tokenizer::Cl100k } else { Tokenizer::O200k };
        let request = PackRequest { budget, tokenizer, size_exponent, staged, ..PackRequest::new(task) };
        let pack = index.pack(&request).expect("pack");
        let counted = tokenizer.count(&pack.markdown);
        prop_assert_eq!(counted, pack.tokens);
        prop_assert!(counted <= budget, "{} tokens over a budget of {}", counted, budget);
        // No line is shown twice.
        let mut shown = std::collections::HashSet::new();
        for item in pack.items.iter().filter(|i| i.kind == "body") {
            for line in item.start_line..=item.end_line {
                prop_assert!(shown.insert((item.path.clone(), line)), "{}:{} repeated", item.path, line);
            }
        }
    }
}

#[test]
fn a_large_budget_packs_the_named_code_first() {
    let (_, index) = fixture_index();
    let mut request = PackRequest::new("Item::new clamps the quantity wrongly");
    request.budget = 64_000;
    let pack = index.pack(&request).expect("pack");
    assert!(pack.tokens <= 64_000);
    let definition = &index.symbols("Item::new", 1)[0];
    // Files are rendered best first, so the defining file leads the pack.
    assert_eq!(pack.items[0].path, definition.path, "{:?}", pack.items[0]);
    assert!(pack.items.iter().any(|i| i.path == definition.path
        && i.start_line <= definition.start_line
        && definition.end_line <= i.end_line));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn expansions_never_exceed_the_budget(task in task_strategy(), budget in 50usize..6_000, cl100k in any::<bool>()) {
        let (_, index) = fixture_index();
        let tokenizer = if cl100k { Tokenizer::Cl100k } else { Tokenizer::O200k };
        let pack = index.pack(&PackRequest { budget: 400, tokenizer, ..PackRequest::new(task) }).expect("pack");
        let handles: Vec<String> = pack.omitted.iter().map(|o| o.handle.clone())
            .chain(pack.items.iter().filter_map(|i| i.handle.clone()))
            .collect();
        prop_assume!(!handles.is_empty());
        let expanded = index.expand(&handles, budget, tokenizer, &[]).expect("expand");
        prop_assert_eq!(tokenizer.count(&expanded.markdown), expanded.tokens);
        prop_assert!(expanded.tokens <= budget);
    }
}

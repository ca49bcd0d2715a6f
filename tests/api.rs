//! The crate API an agent embeds: `Index::build_or_refresh` with progress,
//! and cancellation, which fails with a typed error and leaves the current
//! generation as it was.

mod common;
use common::*;

use ctx::{CancelToken, Index, IndexOptions, IndexProgress, PackRequest};

#[test]
fn build_or_refresh_reports_progress_and_opens_the_index() {
    let repo = fixture_copy("python");
    let mut events = Vec::new();
    let (index, report) = Index::build_or_refresh(repo.path(), &IndexOptions::default(), &mut |p| events.push(p)).expect("build");
    assert_eq!(report.manifest.stats.files, 2);
    assert!(matches!(events.first(), Some(IndexProgress::Discovered { files: 2 })), "{events:?}");
    assert!(matches!(events.last(), Some(IndexProgress::Parsed { done: 2, total: 2 })), "{events:?}");
    let pack = index.pack(&PackRequest { budget: 300, ..PackRequest::new("apply_discount") }).expect("pack");
    assert_eq!(pack.items[0].path, "shop/pricing.py");

    let (_, again) = Index::build_or_refresh(repo.path(), &IndexOptions::default(), &mut |_| {}).expect("refresh");
    assert!(again.up_to_date);
}

#[test]
fn a_cancelled_build_leaves_the_previous_generation_untouched() {
    let repo = fixture_copy("python");
    let (before, _) = Index::build_or_refresh(repo.path(), &IndexOptions::default(), &mut |_| {}).expect("build");
    let generation = before.manifest().generation;
    let request = PackRequest { budget: 300, ..PackRequest::new("Cart total") };
    let pack_before = before.pack(&request).expect("pack");
    drop(before);

    for extra in 0..4 {
        std::fs::write(repo.path().join(format!("shop/extra{extra}.py")), format!("def extra_{extra}():\n    return {extra}\n")).expect("write");
    }
    // Cancelled from the progress callback after the first batch of one file.
    let cancel = CancelToken::new();
    let options = IndexOptions { batch_files: 1, cancel: cancel.clone(), ..IndexOptions::default() };
    let mut parsed = 0;
    let error = Index::build(repo.path(), &options, &mut |p| {
        if let IndexProgress::Parsed { done, .. } = p {
            parsed = done;
            cancel.cancel();
        }
    })
    .expect_err("cancelled");
    assert!(error.is_cancelled(), "{error}");
    assert!(!error.is_input_error());
    assert!(error.to_string().contains("cancelled"), "{error}");
    assert!(parsed < 4, "the run went on after the cancellation: {parsed}");

    let after = Index::open(repo.path()).expect("open");
    assert_eq!(after.manifest().generation, generation);
    assert_eq!(after.status().added, 4);
    assert_eq!(after.pack(&request).expect("pack").markdown, pack_before.markdown);
    drop(after);

    // A later run completes and leaves no pending directory behind.
    let report = Index::build(repo.path(), &IndexOptions::default(), &mut |_| {}).expect("build");
    assert_eq!((report.manifest.generation, report.manifest.stats.files), (generation + 1, 6));
    let leftovers: Vec<_> = std::fs::read_dir(repo.path().join(".ctx")).expect("ls").flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Search lists the best chunk of another file before a weaker chunk of a
/// file listed already for a short query; a whole task gets its chunks in
/// score order, so that a file's several definitions it is about are all
/// near the top.
#[test]
fn search_spreads_a_short_query_over_files_and_keeps_a_tasks_order() {
    let repo = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(repo.path().join("app")).expect("mkdir");
    let ledger = "def reconcile_ledger_balance(ledger):\n    \"\"\"Reconcile the ledger balance against the bank statement.\"\"\"\n    balance = ledger.balance\n    return ledger.reconcile(balance)\n\n\n\
                  def reconcile_ledger_entries(ledger):\n    \"\"\"Reconcile each ledger entry balance against the bank statement.\"\"\"\n    balance = ledger.entries_balance\n    return ledger.reconcile(balance)\n";
    let report = "def ledger_balance_report(ledger):\n    \"\"\"Reconcile the ledger balance with the bank statement for the report.\"\"\"\n    return str(ledger.balance)\n";
    std::fs::write(repo.path().join("app/ledger.py"), ledger).expect("write");
    std::fs::write(repo.path().join("app/report.py"), report).expect("write");
    let (index, _) = Index::build_or_refresh(repo.path(), &IndexOptions::default(), &mut |_| {}).expect("build");
    let paths = |query: &str| -> (Vec<String>, Vec<f32>) {
        let hits = index.search(query, 10, None).expect("search").hits;
        (hits.iter().map(|h| h.path.clone()).collect(), hits.iter().map(|h| h.score).collect())
    };
    let (short, scores) = paths("reconcile ledger balance");
    assert_eq!(short, ["app/ledger.py", "app/report.py", "app/ledger.py"], "{scores:?}");
    assert!(scores[2] > scores[1], "the report's chunk should be listed for its file, not its score: {scores:?}");
    let task = "Reconciling the ledger balance with the bank statement at month end gives totals that disagree: each ledger entry \
                balance is counted twice when we reconcile, although the figures for every account, customer, currency and period look right elsewhere";
    let (long, scores) = paths(task);
    assert_eq!(long, ["app/ledger.py", "app/ledger.py", "app/report.py"], "{scores:?}");
    assert!(scores[2] > scores[1] / 2.0, "the case should be one that a file decay of one half would reorder: {scores:?}");
}

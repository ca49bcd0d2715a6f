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

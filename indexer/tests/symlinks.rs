//! Symbolic links: never followed by default; with `follow_symlinks =
//! "repository"`, followed when they stay inside the repository, each target
//! once, and every other link reported with its reason, never read.

#![cfg(unix)]

use ctx_indexer::discover::FollowLinks;
use ctx_indexer::{IndexOptions, SkipReason, build_index, store::Generation};
use std::os::unix::fs::symlink;
use std::path::Path;

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A repository whose `Sources/lib` (the root indexed) is made of links, as
/// RxSwift's `Sources/RxSwift` is, plus the kinds of links that must not be followed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let top = dir.path().join("repo");
    std::fs::create_dir_all(top.join(".git")).expect("a work tree marker");
    write(&top, "core/cart.py", "def cart_total(items):\n    return sum(items)\n");
    write(&top, "core/tax.py", "def tax_rate():\n    return 0.2\n");
    write(&top, "core/extra/discount.py", "def discount():\n    return 5\n");
    write(&top, "Sources/lib/own.py", "def own():\n    return 1\n");
    let lib = top.join("Sources/lib");
    symlink("../../core/cart.py", lib.join("cart.py")).expect("symlink");
    symlink("../../core/cart.py", lib.join("cart_again.py")).expect("symlink");
    symlink("../../core/extra", lib.join("extra")).expect("symlink");
    symlink("own.py", lib.join("own_link.py")).expect("symlink");
    symlink("/etc/hostname", lib.join("outside.py")).expect("symlink");
    symlink("missing.py", lib.join("dangling.py")).expect("symlink");
    symlink("..", lib.join("up")).expect("symlink");
    dir
}

fn follow() -> IndexOptions {
    let mut options = IndexOptions::default();
    options.discovery.follow_links = FollowLinks::Repository;
    options.inherit_follow_links = false;
    options
}

#[test]
fn links_inside_the_repository_are_followed_once_and_the_rest_reported() {
    let dir = repository();
    let root = dir.path().join("repo/Sources/lib");
    let report = build_index(&root, &follow(), &mut |_| {}).expect("index run");
    let generation = Generation::open(&root).expect("index");
    let tables = generation.read_tables().expect("tables");
    let paths: Vec<&str> = tables.files().map(|(_, f)| f.path).collect();
    assert_eq!(paths, ["cart.py", "extra/discount.py", "own.py"], "each target once, under the first link's path");
    let names: Vec<&str> = tables.symbols().map(|(_, s)| s.name).collect();
    assert!(names.contains(&"cart_total") && names.contains(&"discount"), "{names:?}");
    let reason = |path: &str| report.skipped.iter().find(|s| s.path == path).map(|s| s.reason.clone());
    assert_eq!(reason("cart_again.py"), Some(SkipReason::LinkDuplicate("cart.py".into())));
    assert_eq!(reason("own_link.py"), Some(SkipReason::LinkDuplicate("own.py".into())));
    assert!(matches!(reason("outside.py"), Some(SkipReason::LinkOutside(_))), "{:?}", reason("outside.py"));
    assert_eq!(reason("dangling.py"), Some(SkipReason::LinkDangling));
    assert_eq!(reason("up"), Some(SkipReason::LinkLoop));
    assert!(!tables.files().any(|(_, f)| f.path.contains("tax")), "a file no link reaches stays out");
    // The setting is kept: a refresh with the default options changes nothing.
    let again = build_index(&root, &IndexOptions::default(), &mut |_| {}).expect("refresh");
    assert!(again.up_to_date, "a refresh keeps following links");
    assert_eq!(again.manifest.follow_links, FollowLinks::Repository);
}

#[test]
fn by_default_no_link_is_followed() {
    let dir = repository();
    let root = dir.path().join("repo/Sources/lib");
    let report = build_index(&root, &IndexOptions::default(), &mut |_| {}).expect("index run");
    assert_eq!(report.manifest.stats.files, 1, "only own.py");
    let links = report.skipped.iter().filter(|s| s.reason == SkipReason::Symlink).count();
    assert_eq!(links, 5, "the links that look like source files: {:?}", report.skipped);
}

#[test]
fn the_configuration_turns_following_on_and_a_change_of_it_is_a_change_of_files() {
    let dir = repository();
    let root = dir.path().join("repo/Sources/lib");
    build_index(&root, &IndexOptions::default(), &mut |_| {}).expect("index run");
    std::fs::write(root.join("ctx.toml"), "[index]\nfollow_symlinks = \"repository\"\n").expect("write");
    let report = build_index(&root, &IndexOptions::default(), &mut |_| {}).expect("refresh");
    // ctx.toml is indexed as text, with own.py and the two files reached through links.
    assert_eq!(report.manifest.stats.files, 4);
    assert_eq!(report.changes.parsed, 3, "the files reached through links are new, and ctx.toml");
    std::fs::write(root.join("ctx.toml"), "[index]\nfollow_symlinks = \"never\"\n").expect("write");
    let report = build_index(&root, &IndexOptions::default(), &mut |_| {}).expect("refresh");
    assert_eq!((report.manifest.stats.files, report.changes.deleted), (2, 2));
}

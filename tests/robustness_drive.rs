//! The CI slice of the robustness drive (`benches/robustness/`): about 200
//! commands over ctx's own checkout and the Rust sources of three of the
//! workspace's dependencies, which the build has already put under the cargo
//! registry, so nothing is downloaded. Every property the drive checks must
//! hold: no panic, no hang, exit status 0, 1 or 2, valid JSON, never over
//! budget, no line shown twice in a session, no silent empty answer.

#[path = "../benches/robustness/drive.rs"]
mod drive;

use drive::{Counters, DriveConfig, DriveReport, drive};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The three dependencies driven: a large crate, a mid-sized one and one with C.
const DEPENDENCIES: [&str; 3] = ["tantivy-0.", "ignore-0.", "serde_json-1."];

/// Copies `from` to `to`, leaving out build output, indexes and git data.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable source tree").flatten() {
        let name = entry.file_name();
        if matches!(name.to_str(), Some("target" | ".ctx" | ".git")) {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let target = to.join(&name);
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The registry folder of the newest unpacked version of a dependency.
fn registry_source(prefix: &str) -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let registries = std::fs::read_dir(cargo_home.join("registry/src")).expect("the cargo registry holds the dependencies' sources after a build");
    let mut found: Vec<PathBuf> = registries
        .flatten()
        .flat_map(|registry| std::fs::read_dir(registry.path()).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| panic!("no {prefix}* under {}/registry/src: it is a dependency of the workspace", cargo_home.display()))
}

fn drive_copy(name: &str, source: &Path, commands: usize, seed: u64, counters: &Counters) -> DriveReport {
    let scratch = tempfile::tempdir().expect("tempdir");
    let repo = scratch.path().join(name);
    copy_tree(source, &repo);
    let config = DriveConfig {
        ctx: PathBuf::from(env!("CARGO_BIN_EXE_ctx")),
        repo,
        commands,
        seed,
        // A debug build on a shared CI machine: this only catches hangs.
        hang_after: Duration::from_secs(90),
        slow_after: Duration::from_secs(3600),
    };
    let report = drive(&config, counters);
    eprintln!(
        "{name}: {} commands, {} files, {} symbols, statuses {:?}, failures {:?}",
        report.commands,
        report.files,
        report.symbols,
        report.statuses,
        report.failure_counts()
    );
    report
}

#[test]
fn the_drive_finds_no_failure_on_ctx_and_three_dependencies() {
    let counters = Counters::load();
    let mut repos: Vec<(String, PathBuf)> = vec![("ctx".into(), PathBuf::from(env!("CARGO_MANIFEST_DIR")))];
    for prefix in DEPENDENCIES {
        let source = registry_source(prefix);
        let name = source.file_name().and_then(|n| n.to_str()).unwrap_or(prefix).to_string();
        repos.push((name, source));
    }
    let mut failures = Vec::new();
    let mut commands = 0;
    for (seed, (name, source)) in repos.iter().enumerate() {
        let report = drive_copy(name, source, 50, seed as u64 + 1, &counters);
        commands += report.commands;
        assert!(report.files > 0, "{name}: the index has no files");
        assert!(report.symbols > 0, "{name}: the index has no symbols");
        failures.extend(report.failures.into_iter().map(|f| format!("{name}: {} in `{}`: {}", f.kind, f.command, f.detail)));
    }
    assert!(commands >= 200, "only {commands} commands were driven");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

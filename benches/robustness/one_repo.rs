//! The robustness drive of one repository, as a command for `run.py`:
//! `cargo run --release --example robustness -- --ctx BIN --repo DIR
//! [--commands N] [--seed S] [--hang-after SECS] [--slow-after SECS]`.
//! It indexes DIR (a scratch copy: its `.ctx/` is written there), runs the
//! commands and prints one JSON object with the counts and every failure.

mod drive;

use drive::{DriveConfig, drive};
use std::path::PathBuf;
use std::time::Duration;

fn main() {
    let mut config = DriveConfig {
        ctx: PathBuf::from("target/release/ctx"),
        repo: PathBuf::new(),
        commands: 200,
        seed: 1,
        hang_after: Duration::from_secs(30),
        slow_after: Duration::from_secs(5),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("robustness: {flag} needs a value");
            std::process::exit(2);
        };
        let seconds = |v: &str| v.parse::<f64>().map(Duration::from_secs_f64).ok();
        let parsed = match flag.as_str() {
            "--ctx" => Some(config.ctx = PathBuf::from(&value)),
            "--repo" => Some(config.repo = PathBuf::from(&value)),
            "--commands" => value.parse().ok().map(|n| config.commands = n),
            "--seed" => value.parse().ok().map(|n| config.seed = n),
            "--hang-after" => seconds(&value).map(|d| config.hang_after = d),
            "--slow-after" => seconds(&value).map(|d| config.slow_after = d),
            _ => None,
        };
        if parsed.is_none() {
            eprintln!("robustness: bad flag or value: {flag} {value}");
            std::process::exit(2);
        }
    }
    if !config.repo.is_dir() {
        eprintln!("robustness: --repo {} is not a directory", config.repo.display());
        std::process::exit(2);
    }
    // Commands run inside the repository: a relative binary path would not resolve there.
    config.ctx = std::fs::canonicalize(&config.ctx).unwrap_or_else(|e| {
        eprintln!("robustness: --ctx {}: {e}", config.ctx.display());
        std::process::exit(2);
    });
    let counters = drive::Counters::load();
    let report = drive(&config, &counters);
    let failures: Vec<_> = report
        .failures
        .iter()
        .map(|f| serde_json::json!({"kind": f.kind, "command": f.command, "detail": f.detail}))
        .collect();
    let json = serde_json::json!({
        "repo": config.repo.display().to_string(),
        "commands": report.commands,
        "by_verb": report.by_verb,
        "statuses": report.statuses.iter().map(|(k, v)| (k.to_string(), *v)).collect::<std::collections::BTreeMap<_, _>>(),
        "failures": failures,
        "failure_counts": report.failure_counts(),
        "slowest": report.slowest.as_ref().map(|(c, t)| serde_json::json!({"command": c, "seconds": t.as_secs_f64()})),
        "files": report.files,
        "symbols": report.symbols,
    });
    println!("{json}");
}

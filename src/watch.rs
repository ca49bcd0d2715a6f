//! `ctx watch`: keeps the index fresh on file events. Events are debounced
//! (a burst of saves or a branch switch becomes one refresh) and each
//! refresh is the ordinary incremental index run, so what it writes equals
//! a full rebuild. With `--format json` each refresh is one JSON object on
//! its own line of stdout, and notes go to stderr.

use anyhow::{Context, Result};
use ctx::{Index, IndexOptions};
use notify::{RecursiveMode, Watcher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the tree must be quiet before a refresh starts.
const QUIET: Duration = Duration::from_millis(300);
/// The longest a busy tree waits for a refresh.
const MAX_DELAY: Duration = Duration::from_secs(3);

/// Refreshes the index of `root` now and after every burst of changes, until
/// the watcher fails or the process is stopped.
pub fn watch(root: &Path, options: &IndexOptions, json: bool, quiet: bool, out: &mut impl Write) -> Result<()> {
    let root = std::fs::canonicalize(root).with_context(|| format!("cannot watch {}", root.display()))?;
    // Watch before the first refresh, so that a change made right after it
    // (or during it) is never missed.
    let (events, incoming) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = events.send(event);
    })
    .context("cannot start the file watcher")?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    refresh(&root, options, json, out)?;
    let watching = format!("watching {} (Ctrl-C to stop)", root.display());
    if json {
        if !quiet {
            eprintln!("ctx: {watching}");
        }
    } else {
        writeln!(out, "{watching}")?;
        out.flush()?;
    }
    let index_dir = root.join(ctx_indexer::store::INDEX_DIR);
    loop {
        let first = incoming.recv().context("the file watcher stopped")?;
        if !is_relevant(&first, &index_dir)? {
            continue;
        }
        // Debounce: wait for a quiet moment, but not forever.
        let started = Instant::now();
        while started.elapsed() < MAX_DELAY {
            match incoming.recv_timeout(QUIET) {
                Ok(_) => continue,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
            }
        }
        refresh(&root, options, json, out)?;
    }
}

/// Whether an event concerns the working tree rather than ctx's own writes.
fn is_relevant(event: &notify::Result<notify::Event>, index_dir: &Path) -> Result<bool> {
    let event = match event {
        Ok(event) => event,
        Err(error) => anyhow::bail!("file watcher error: {error}"),
    };
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return Ok(false);
    }
    // The local configuration lives in `.ctx/` but is the user's, not ctx's.
    let local_config = index_dir.join(ctx_indexer::config::LOCAL_CONFIG_FILE);
    Ok(event.paths.iter().any(|p: &PathBuf| !p.starts_with(index_dir) || *p == local_config))
}

fn refresh(root: &Path, options: &IndexOptions, json: bool, out: &mut impl Write) -> Result<()> {
    let report = Index::build(root, options, &mut |_| {})?;
    // Grown layers are merged on a thread while the watch goes on.
    let _ = Index::merge_in_background_if_due(root, &report.manifest);
    if !report.up_to_date {
        let c = report.changes;
        if json {
            let line = serde_json::json!({
                "generation": report.manifest.generation,
                "parsed": c.parsed, "reused": c.reused, "deleted": c.deleted, "renamed": c.renamed,
                "files": report.manifest.stats.files,
                "seconds": report.elapsed.as_secs_f64(),
            });
            writeln!(out, "{line}")?;
            out.flush()?;
            return Ok(());
        }
        writeln!(
            out,
            "generation {}: parsed {}, removed {}, {} files in {:.2}s",
            report.manifest.generation, c.parsed, c.deleted, report.manifest.stats.files, report.elapsed.as_secs_f64()
        )?;
        out.flush()?;
    }
    Ok(())
}

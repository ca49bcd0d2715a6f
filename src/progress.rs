//! What `ctx index` and `ctx watch` tell a person on stderr while they work:
//! a progress bar when stderr is a terminal, nothing when it is not (a log,
//! an agent's pipe) or with `--quiet`.

use ctx::IndexProgress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

/// The progress display of one index run.
pub struct IndexBar {
    bar: Option<ProgressBar>,
    quiet: bool,
}

impl IndexBar {
    /// A display that draws only when stderr is a terminal and not `quiet`.
    pub fn new(quiet: bool) -> IndexBar {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner().with_message("finding files");
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        IndexBar { bar, quiet }
    }

    /// Shows one progress event of the run indexing `root`.
    pub fn update(&self, root: &Path, progress: IndexProgress) {
        match progress {
            IndexProgress::WaitingForLock if !self.quiet => {
                let note = format!("ctx: another ctx is indexing {}; waiting for it", root.display());
                match &self.bar {
                    Some(bar) => bar.println(note),
                    None => eprintln!("{note}"),
                }
            }
            IndexProgress::Parsed { done, total } => {
                if let Some(bar) = &self.bar {
                    if bar.length() != Some(total as u64) {
                        bar.set_length(total as u64);
                        bar.set_style(
                            ProgressStyle::with_template("{spinner} parsing {pos}/{len} files [{bar:30}] {eta}")
                                .unwrap_or_else(|_| ProgressStyle::default_bar())
                                .progress_chars("=> "),
                        );
                    }
                    bar.set_position(done as u64);
                }
            }
            _ => {}
        }
    }
}

impl Drop for IndexBar {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

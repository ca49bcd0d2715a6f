//! The robustness drive: runs the built `ctx` binary over one real
//! repository, hundreds of commands with tasks taken from the repository's
//! own text plus hostile ones, and records every failure of a property that
//! must hold on any input (no panic, no hang, a known exit status, valid
//! JSON, never over budget, no line shown twice in a session, no silent
//! empty answer). Shared by the hand-run bench (`benches/robustness/one_repo.rs`)
//! and the CI slice (`tests/robustness_drive.rs`).

#![allow(dead_code)]

use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one drive does.
#[derive(Debug, Clone)]
pub struct DriveConfig {
    /// The `ctx` binary.
    pub ctx: PathBuf,
    /// A writable copy of the repository (its `.ctx/` is written there).
    pub repo: PathBuf,
    /// Commands to run after the index (the index itself and `status` are extra).
    pub commands: usize,
    /// Seed of the task and command choices, so a failure can be replayed.
    pub seed: u64,
    /// A command running longer than this is killed and counted as a hang.
    pub hang_after: Duration,
    /// A command that took longer than this (but finished) is counted as slow.
    pub slow_after: Duration,
}

/// One property that did not hold.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The property: `panic`, `hang`, `slow`, `exit-status`, `invalid-json`,
    /// `over-budget`, `repeated-line`, `silent-empty`, `error-lines`.
    pub kind: &'static str,
    /// The command line, with the task shortened.
    pub command: String,
    /// What was seen.
    pub detail: String,
}

/// What a drive did and found.
#[derive(Debug, Default)]
pub struct DriveReport {
    /// Commands run, the index included.
    pub commands: usize,
    /// Commands per verb.
    pub by_verb: BTreeMap<&'static str, usize>,
    /// Exit statuses seen, per status.
    pub statuses: BTreeMap<i32, usize>,
    /// Every failure.
    pub failures: Vec<Failure>,
    /// The slowest command and its time.
    pub slowest: Option<(String, Duration)>,
    /// Files and symbols of the index, from `ctx status`.
    pub files: u64,
    /// Symbols of the index.
    pub symbols: u64,
}

impl DriveReport {
    /// Failures of each kind.
    pub fn failure_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for failure in &self.failures {
            *counts.entry(failure.kind).or_insert(0) += 1;
        }
        counts
    }
}

/// A small deterministic generator (splitmix64): a failing drive replays from its seed.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    /// One element of a non-empty slice, else `None`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() as f64 / u64::MAX as f64) < p
    }
}

/// Text taken from the repository to build tasks and names from.
#[derive(Debug, Default)]
pub struct Samples {
    /// Comment and docstring lines of at least three words.
    pub comments: Vec<String>,
    /// String literals with a space in them (error messages, log lines).
    pub strings: Vec<String>,
    /// Identifiers of at least three characters.
    pub identifiers: Vec<String>,
    /// The most frequent identifiers, most frequent first.
    pub common: Vec<String>,
    /// Paths of files, relative to the root.
    pub paths: Vec<String>,
}

/// Reads up to `max_files` text files under `root` (skipping hidden folders
/// and `.ctx`) and samples their comments, strings and identifiers.
pub fn sample_repository(root: &Path, max_files: usize, rng: &mut Rng) -> Samples {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                files.push(entry.path());
            }
        }
    }
    // A spread over the whole tree, not its first folders.
    for i in (1..files.len()).rev() {
        files.swap(i, rng.below(i + 1));
    }
    files.truncate(max_files);
    files.sort();
    let mut samples = Samples::default();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else { continue };
        if bytes.len() > 512 * 1024 || bytes.contains(&0) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(relative) = path.strip_prefix(root) {
            samples.paths.push(relative.to_string_lossy().replace('\\', "/"));
        }
        for line in text.lines().take(4000) {
            let trimmed = line.trim();
            let comment = ["///", "//!", "//", "#", "/*", "*", "--", "\"\"\"", "'''"]
                .iter()
                .find_map(|marker| trimmed.strip_prefix(marker))
                .map(|rest| rest.trim().trim_end_matches("*/").trim());
            if let Some(comment) = comment
                && comment.split_whitespace().count() >= 3
                && samples.comments.len() < 20_000
            {
                samples.comments.push(comment.chars().take(300).collect());
            }
            for literal in string_literals(trimmed) {
                if literal.contains(' ') && literal.len() >= 8 && samples.strings.len() < 20_000 {
                    samples.strings.push(literal.chars().take(200).collect());
                }
            }
            for word in trimmed.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if word.len() >= 3 && word.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') {
                    *counts.entry(word.to_string()).or_insert(0) += 1;
                }
            }
        }
    }
    let mut by_count: Vec<(String, usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    samples.common = by_count.iter().take(30).map(|(w, _)| w.clone()).collect();
    samples.identifiers = by_count.into_iter().map(|(w, _)| w).take(50_000).collect();
    samples
}

/// The contents of `"..."` literals on one line.
fn string_literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

/// A task for `pack`: how it is given and a label for reports.
#[derive(Debug, Clone)]
enum Task {
    /// Given as the argument.
    Argument(String),
    /// Given on standard input (`pack -`), as raw bytes.
    Stdin(Vec<u8>),
}

/// The hostile tasks every drive runs once each.
fn hostile_tasks() -> Vec<(&'static str, Task)> {
    let long: String = "fix the parser when the configuration file is missing and ".repeat(1800);
    vec![
        ("empty", Task::Argument(String::new())),
        ("one-character", Task::Argument("g".into())),
        ("two-characters", Task::Argument("io".into())),
        ("100KB", Task::Argument(long.chars().take(100_000).collect())),
        ("punctuation", Task::Argument("!@#$%^&*()_+-=[]{};':\",./<>?\\|`~".into())),
        ("regex", Task::Argument(".*(a|b)+[^x]\\d{2,}$^(?i)\\".into())),
        ("dot-dot-path", Task::Argument("fix ../../../../etc/passwd and ..\\..\\windows".into())),
        ("whitespace", Task::Argument(" \n\t \r\n ".into())),
        ("invalid-utf8", Task::Stdin(b"fix the \xff\xfe\xc3\x28 parser \x80 when \xed\xa0\x80 loading".to_vec())),
        ("nul-bytes", Task::Stdin(b"load\0config\0file".to_vec())),
        ("unicode", Task::Argument("修复 配置 解析器 ünïcödé 🦀 \u{202e}reversed".into())),
        ("empty-stdin", Task::Stdin(Vec::new())),
    ]
}

/// The finished run of one command.
struct Outcome {
    /// The exit status, `None` when killed by a signal (or by the drive at its hang limit).
    status: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    elapsed: Duration,
    hung: bool,
}

/// Runs `ctx` with `args` in `dir`, feeding `stdin`, killing it after `hang_after`.
fn run_ctx(config: &DriveConfig, args: &[String], stdin: Option<&[u8]>, hang_after: Duration) -> Outcome {
    let scratch = tempfile::tempdir().expect("a temporary directory for outputs");
    let out_path = scratch.path().join("out");
    let err_path = scratch.path().join("err");
    let started = Instant::now();
    let mut command = Command::new(&config.ctx);
    command
        .args(args)
        .current_dir(&config.repo)
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .env("RUST_BACKTRACE", "0")
        .env_remove("CTX_MODEL_DIR");
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Outcome { status: Some(-1), stdout: Vec::new(), stderr: format!("could not start ctx: {e}"), elapsed: Duration::ZERO, hung: false };
        }
    };
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        // A ctx that stops reading early (an error) closes the pipe: not a failure of the drive.
        let _ = pipe.write_all(bytes);
    }
    let mut hung = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status.code(),
            Ok(None) if started.elapsed() > hang_after => {
                let _ = child.kill();
                let _ = child.wait();
                hung = true;
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let elapsed = started.elapsed();
    Outcome {
        status,
        stdout: std::fs::read(&out_path).unwrap_or_default(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).into_owned(),
        elapsed,
        hung,
    }
}

/// Exact token counts of the two tokenizers ctx offers.
pub struct Counters {
    o200k: tiktoken_rs::CoreBPE,
    cl100k: tiktoken_rs::CoreBPE,
}

impl Counters {
    /// Loads both vocabularies (about a second).
    pub fn load() -> Counters {
        Counters {
            o200k: tiktoken_rs::o200k_base().expect("o200k vocabulary"),
            cl100k: tiktoken_rs::cl100k_base().expect("cl100k vocabulary"),
        }
    }

    fn count(&self, tokenizer: &str, text: &str) -> usize {
        let bpe = if tokenizer.starts_with("cl100k") { &self.cl100k } else { &self.o200k };
        bpe.encode_ordinary(text).len()
    }
}

/// The lines a session has shown, by file.
type Shown = HashMap<String, HashSet<u32>>;

/// A shortened, printable command line.
fn describe(args: &[String], stdin: Option<&[u8]>) -> String {
    let mut parts: Vec<String> = args
        .iter()
        .map(|a| {
            let short: String = a.chars().take(60).collect();
            let short = if short.len() < a.len() { format!("{short}...({} bytes)", a.len()) } else { short };
            if short.contains(' ') || short.is_empty() { format!("{short:?}") } else { short }
        })
        .collect();
    if let Some(bytes) = stdin {
        parts.push(format!("< {} bytes on stdin", bytes.len()));
    }
    format!("ctx {}", parts.join(" "))
}

/// The state of one drive: its configuration, report and what it learnt.
struct Driver<'a> {
    config: &'a DriveConfig,
    counters: &'a Counters,
    report: DriveReport,
    rng: Rng,
    handles: Vec<String>,
    names: Vec<String>,
    sessions: HashMap<String, Shown>,
}

impl<'a> Driver<'a> {
    /// Runs one command, checks the properties every command has, and
    /// returns its JSON output when it succeeded with `--format json`.
    fn run(&mut self, verb: &'static str, args: Vec<String>, stdin: Option<&[u8]>) -> Option<Value> {
        let line = describe(&args, stdin);
        // An index run grows with the repository: it gets ten times a query's limit.
        let hang_after = if verb == "index" { self.config.hang_after * 10 } else { self.config.hang_after };
        let outcome = run_ctx(self.config, &args, stdin, hang_after);
        self.report.commands += 1;
        *self.report.by_verb.entry(verb).or_insert(0) += 1;
        if self.report.slowest.as_ref().is_none_or(|(_, t)| outcome.elapsed > *t) {
            self.report.slowest = Some((line.clone(), outcome.elapsed));
        }
        let mut fail = |kind: &'static str, detail: String| {
            self.report.failures.push(Failure { kind, command: line.clone(), detail });
        };
        if outcome.stderr.contains("panicked at") {
            let at = outcome.stderr.lines().find(|l| l.contains("panicked at")).unwrap_or_default().to_string();
            let message = outcome.stderr.lines().skip_while(|l| !l.contains("panicked at")).nth(1).unwrap_or_default();
            fail("panic", format!("{at} {message}"));
            return None;
        }
        if outcome.hung {
            fail("hang", format!("killed after {:.1}s", outcome.elapsed.as_secs_f64()));
            return None;
        }
        // An index run grows with the repository; a query must not.
        if outcome.elapsed > self.config.slow_after && verb != "index" {
            fail("slow", format!("{:.2}s", outcome.elapsed.as_secs_f64()));
        }
        let Some(status) = outcome.status else {
            fail("exit-status", format!("killed by a signal; stderr: {}", outcome.stderr.trim()));
            return None;
        };
        *self.report.statuses.entry(status).or_insert(0) += 1;
        if !(0..=2).contains(&status) {
            fail("exit-status", format!("exit {status}; stderr: {}", outcome.stderr.trim()));
            return None;
        }
        if status != 0 {
            // A failure is one line on stderr (the drive runs everything with --quiet).
            let lines = outcome.stderr.trim().lines().count();
            if lines != 1 {
                fail("error-lines", format!("exit {status} with {lines} lines on stderr: {:?}", outcome.stderr.trim()));
            }
            return None;
        }
        if !args.iter().any(|a| a == "json") {
            if outcome.stdout.iter().all(u8::is_ascii_whitespace) {
                fail("silent-empty", "exit 0 with nothing on stdout".into());
            }
            return None;
        }
        match serde_json::from_slice::<Value>(&outcome.stdout) {
            Ok(value) => Some(value),
            Err(e) => {
                fail("invalid-json", format!("{e}; stdout starts {:?}", String::from_utf8_lossy(&outcome.stdout[..outcome.stdout.len().min(200)])));
                None
            }
        }
    }

    fn fail(&mut self, kind: &'static str, command: String, detail: String) {
        self.report.failures.push(Failure { kind, command, detail });
    }

    /// A task made of the repository's own words.
    fn sampled_task(&mut self, samples: &Samples) -> String {
        let pick = |items: &[String], rng: &mut Rng| rng.pick(items).cloned().unwrap_or_else(|| "main".into());
        match self.rng.below(6) {
            0 => pick(&samples.comments, &mut self.rng),
            1 => format!("error: {}", pick(&samples.strings, &mut self.rng)),
            2 => {
                let n = 1 + self.rng.below(4);
                (0..n).map(|_| pick(&samples.identifiers, &mut self.rng)).collect::<Vec<_>>().join(" ")
            }
            3 => format!(
                "{} fails when {} is called with {}\n\n{}\nExpected {} to handle it.",
                pick(&samples.identifiers, &mut self.rng),
                pick(&samples.identifiers, &mut self.rng),
                pick(&samples.strings, &mut self.rng),
                pick(&samples.comments, &mut self.rng),
                pick(&samples.paths, &mut self.rng),
            ),
            4 => format!("where is {} defined and who calls it", pick(&samples.common, &mut self.rng)),
            _ => format!("{}:{} {}", pick(&samples.paths, &mut self.rng), 1 + self.rng.below(400), pick(&samples.comments, &mut self.rng)),
        }
    }

    /// A pack with random settings, checked for its budget, with its handles kept.
    fn pack(&mut self, task: &Task, session: Option<&str>) {
        let budget = if self.rng.chance(0.2) { 50 + self.rng.below(500) } else { 50 + self.rng.below(64_000) };
        let tokenizer = if self.rng.chance(0.5) { "o200k" } else { "cl100k" };
        let mut args: Vec<String> = vec!["pack".into(), "-q".into(), "--format".into(), "json".into(), "--budget".into(), budget.to_string(), "--tokenizer".into(), tokenizer.into()];
        if self.rng.chance(0.25) {
            args.push("--no-stages".into());
        }
        if self.rng.chance(0.25) {
            args.push("--no-graph".into());
        }
        if self.rng.chance(0.25) {
            args.push("--explain".into());
        }
        if self.rng.chance(0.5) {
            args.push("--no-refresh".into());
        }
        if let Some(name) = session {
            args.extend(["--session".into(), name.into()]);
        }
        let stdin = match task {
            Task::Argument(text) => {
                args.push("--".into());
                args.push(text.clone());
                None
            }
            Task::Stdin(bytes) => {
                args.push("-".into());
                Some(bytes.as_slice())
            }
        };
        let line = describe(&args, stdin);
        let Some(pack) = self.run("pack", args, stdin) else { return };
        self.check_rendered(&pack, budget, &line);
        let items = pack["items"].as_array().cloned().unwrap_or_default();
        if items.is_empty() && pack["note"].is_null() {
            self.fail("silent-empty", line.clone(), "a pack with no items and no note".into());
        }
        for item in &items {
            if let Some(handle) = item["handle"].as_str() {
                self.handles.push(handle.to_string());
            }
            if let Some(symbol) = item["symbol"].as_str() {
                self.names.push(symbol.to_string());
            }
        }
        for omitted in pack["omitted"].as_array().into_iter().flatten() {
            if let Some(handle) = omitted["handle"].as_str() {
                self.handles.push(handle.to_string());
            }
        }
        if let Some(name) = session {
            self.record_session(name, &items, &line);
        }
    }

    /// The markdown of a pack, expansion or map fits its budget, counted here.
    fn check_rendered(&mut self, answer: &Value, budget: usize, line: &str) {
        let markdown = answer["markdown"].as_str().unwrap_or_default();
        let tokenizer = answer["tokenizer"].as_str().unwrap_or("o200k_base");
        let counted = self.counters.count(tokenizer, markdown);
        let reported = answer["tokens"].as_u64().unwrap_or(0) as usize;
        if counted > budget || reported > budget {
            self.fail("over-budget", line.to_string(), format!("{counted} tokens counted, {reported} reported, budget {budget}"));
        }
    }

    /// Adds the body lines of `items` to the session, failing on any shown before.
    fn record_session(&mut self, name: &str, items: &[Value], line: &str) {
        let shown = self.sessions.entry(name.to_string()).or_default();
        let mut repeated = Vec::new();
        for item in items.iter().filter(|i| i["kind"] == "body") {
            let (Some(path), Some(start), Some(end)) = (item["path"].as_str(), item["start_line"].as_u64(), item["end_line"].as_u64()) else { continue };
            let lines = shown.entry(path.to_string()).or_default();
            for l in start as u32..=end as u32 {
                if !lines.insert(l) {
                    repeated.push(format!("{path}:{l}"));
                }
            }
        }
        if !repeated.is_empty() {
            let first: Vec<_> = repeated.iter().take(3).cloned().collect();
            self.fail("repeated-line", line.to_string(), format!("{} lines shown again, e.g. {}", repeated.len(), first.join(", ")));
        }
    }

    /// `expand` of up to ten handles, in a session or not.
    fn expand(&mut self, handles: Vec<String>, session: Option<&str>) {
        let budget = 50 + self.rng.below(16_000);
        let mut args: Vec<String> = vec!["expand".into(), "-q".into(), "--format".into(), "json".into(), "--budget".into(), budget.to_string()];
        if let Some(name) = session {
            args.extend(["--session".into(), name.into()]);
        }
        args.extend(handles);
        let line = describe(&args, None);
        let Some(answer) = self.run("expand", args, None) else { return };
        self.check_rendered(&answer, budget, &line);
        if let Some(name) = session {
            let items = answer["items"].as_array().cloned().unwrap_or_default();
            self.record_session(name, &items, &line);
        }
    }

    /// A navigation or lookup command over a name.
    fn navigate(&mut self, name: &str) {
        let verb: &'static str = ["refs", "callers", "callees", "symbols"][self.rng.below(4)];
        let limit = [1, 10, 50, 500][self.rng.below(4)];
        let args: Vec<String> = vec![verb.into(), "-q".into(), "--format".into(), "json".into(), "--limit".into(), limit.to_string(), "--".into(), name.into()];
        let line = describe(&args, None);
        if let Some(answer) = self.run(verb, args, None) {
            let count = answer.as_array().map(Vec::len).or_else(|| answer["results"].as_array().map(Vec::len)).unwrap_or(0);
            if count > limit {
                self.fail("over-limit", line, format!("{count} results for --limit {limit}"));
            }
        }
    }

    fn search(&mut self, query: &str) {
        let limit = [1, 5, 10, 100][self.rng.below(4)];
        let args: Vec<String> = vec!["search".into(), "-q".into(), "--format".into(), "json".into(), "--limit".into(), limit.to_string(), "--".into(), query.into()];
        let line = describe(&args, None);
        if let Some(answer) = self.run("search", args, None) {
            let hits = answer["hits"].as_array().map(Vec::len).unwrap_or(0);
            if hits == 0 {
                self.fail("silent-empty", line.clone(), "exit 0 with no hits".into());
            }
            if hits > limit {
                self.fail("over-limit", line, format!("{hits} hits for --limit {limit}"));
            }
            for hit in answer["hits"].as_array().into_iter().flatten() {
                if let Some(symbol) = hit["symbol"].as_str() {
                    self.names.push(symbol.to_string());
                }
            }
        }
    }

    fn map(&mut self, path: &str) {
        let budget = 50 + self.rng.below(8_000);
        let args: Vec<String> = vec!["map".into(), "-q".into(), "--format".into(), "json".into(), "--budget".into(), budget.to_string(), "--".into(), path.into()];
        let line = describe(&args, None);
        if let Some(answer) = self.run("map", args, None) {
            self.check_rendered(&answer, budget, &line);
        }
    }

    fn status(&mut self) {
        let args: Vec<String> = vec!["status".into(), "-q".into(), "--format".into(), "json".into()];
        if let Some(answer) = self.run("status", args, None) {
            self.report.files = answer["files"].as_u64().unwrap_or(0);
            self.report.symbols = answer["symbols"].as_u64().unwrap_or(0);
        }
    }
}

/// Indexes `config.repo`, then runs `config.commands` commands over it.
pub fn drive(config: &DriveConfig, counters: &Counters) -> DriveReport {
    let mut rng = Rng::new(config.seed);
    let samples = sample_repository(&config.repo, 3000, &mut rng);
    let mut driver = Driver { config, counters, report: DriveReport::default(), rng, handles: Vec::new(), names: Vec::new(), sessions: HashMap::new() };
    let index = driver.run("index", vec!["index".into(), "-q".into(), "--format".into(), "json".into(), ".".into()], None);
    if index.is_none() {
        // Nothing else can be checked without an index; the failure says why.
        if driver.report.failures.is_empty() {
            let line = "ctx index -q --format json .".to_string();
            driver.fail("index", line, "the index run did not succeed".into());
        }
        return driver.report;
    }
    driver.status();
    for (_label, task) in hostile_tasks() {
        driver.pack(&task, None);
        if let Task::Argument(text) = &task {
            driver.search(text);
            driver.navigate(text);
        }
    }
    for path in ["..", "../..", "../../etc", "/etc", "", "./", "src", "no/such/folder"] {
        driver.map(path);
    }
    for bad in ["g0c0", "gxyz", "", "../../x", "g99999999c99999999"] {
        driver.expand(vec![bad.to_string()], None);
    }
    for name in samples.common.clone().iter().take(5) {
        driver.navigate(name);
    }
    let mut session_count = 0;
    while driver.report.commands < config.commands {
        match driver.rng.below(20) {
            0..=6 => {
                let task = Task::Argument(driver.sampled_task(&samples));
                driver.pack(&task, None);
            }
            7..=8 => {
                // A session: two or three packs and an expansion, no line twice.
                session_count += 1;
                let name = format!("drive-{session_count}");
                for _ in 0..2 + driver.rng.below(2) {
                    let task = Task::Argument(driver.sampled_task(&samples));
                    driver.pack(&task, Some(&name));
                }
                let handles: Vec<String> = driver.handles.iter().rev().take(1 + driver.rng.below(5)).cloned().collect();
                if !handles.is_empty() {
                    driver.expand(handles, Some(&name));
                }
            }
            9..=11 => {
                // Every handle seen is expanded, a few at a time.
                if driver.handles.is_empty() {
                    continue;
                }
                let take = (1 + driver.rng.below(10)).min(driver.handles.len());
                let handles: Vec<String> = driver.handles.drain(..take).collect();
                driver.expand(handles, None);
            }
            12..=13 => {
                let query = if driver.rng.chance(0.5) {
                    driver.sampled_task(&samples).chars().take(80).collect()
                } else {
                    driver.rng.pick(&samples.identifiers).cloned().unwrap_or_default()
                };
                driver.search(&query);
            }
            14..=17 => {
                let name = if driver.rng.chance(0.5) && !driver.names.is_empty() {
                    let names = driver.names.clone();
                    driver.rng.pick(&names).cloned().unwrap_or_default()
                } else if driver.rng.chance(0.2) {
                    driver.rng.pick(&samples.common).cloned().unwrap_or_default()
                } else {
                    driver.rng.pick(&samples.identifiers).cloned().unwrap_or_default()
                };
                driver.navigate(&name);
            }
            18 => {
                let path = driver.rng.pick(&samples.paths).map(|p| p.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default()).unwrap_or_default();
                driver.map(&path);
            }
            _ => driver.status(),
        }
    }
    driver.report
}

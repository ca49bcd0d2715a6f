//! Faults: a killed index run, damaged index files, a full disk, a second
//! writer, and readers during a write never break the index that was there
//! before.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn ctx_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ctx"));
    command.args(args).current_dir(dir);
    command
}

fn ctx(dir: &Path, args: &[&str]) -> Output {
    ctx_command(dir, args).output().expect("ctx runs")
}

/// A repository large enough that indexing takes a noticeable moment.
fn generated_repo(files: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..files {
        let mut text = format!("\"\"\"Module {i}.\"\"\"\nimport os\n\n");
        for j in 0..30 {
            text.push_str(&format!(
                "class Widget{i}x{j}:\n    \"\"\"Widget number {j}.\"\"\"\n\n    def render_{j}(self, value):\n        total = value * {j} + {i}\n        return os.path.join(str(total), 'w{j}')\n\n"
            ));
        }
        let sub = dir.path().join(format!("pkg{}", i % 10));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("mod_{i}.py")), text).expect("write");
    }
    dir
}

fn pack_works(dir: &Path) -> Result<serde_json::Value, String> {
    let out = ctx(dir, &["pack", "--budget", "2k", "--format", "json", "render_7 of Widget3x7"]);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).to_string());
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    if json["items"].as_array().is_none_or(|i| i.is_empty()) {
        return Err(format!("empty pack: {json}"));
    }
    Ok(json)
}

/// A small deterministic generator, so a failing trial can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn killing_an_index_run_leaves_the_previous_generation_usable() {
    let repo = generated_repo(120);
    let started = Instant::now();
    assert!(ctx(repo.path(), &["index"]).status.success());
    let full_run = started.elapsed().max(Duration::from_millis(50));
    let first = pack_works(repo.path()).expect("pack after the first run");
    let mut random = Lcg(0x5eed);
    for trial in 0..20 {
        // Touch a file so that each run has something new to write.
        std::fs::write(repo.path().join("pkg0/extra.py"), format!("def extra_{trial}():\n    return {trial}\n")).expect("write");
        let mut child = ctx_command(repo.path(), &["index"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
        let delay = full_run.mul_f64((random.next() % 1000) as f64 / 1000.0 * 1.2);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on unix
        let _ = child.wait();
        let json = pack_works(repo.path()).unwrap_or_else(|e| panic!("trial {trial} (killed after {delay:?}): {e}"));
        assert!(json["generation"].as_u64() >= first["generation"].as_u64());
    }
    let finish = ctx(repo.path(), &["index"]);
    assert!(finish.status.success(), "{}", String::from_utf8_lossy(&finish.stderr));
    pack_works(repo.path()).expect("pack after the final run");
    let leftovers: Vec<PathBuf> = std::fs::read_dir(repo.path().join(".ctx"))
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("tmp-")))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("ls").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn every_damaged_index_file_is_reported_and_rebuilt() {
    let repo = generated_repo(4);
    assert!(ctx(repo.path(), &["index"]).status.success());
    pack_works(repo.path()).expect("pack");
    let generation = std::fs::read_dir(repo.path().join(".ctx"))
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("gen-")))
        .expect("a generation");
    let mut files = files_under(&generation);
    files.push(repo.path().join(".ctx/manifest.json"));
    let mut checked = 0;
    for file in &files {
        let original = std::fs::read(file).expect("read");
        if original.is_empty() {
            continue; // lock files carry no data
        }
        if file.file_name().is_some_and(|name| name == ctx_indexer::pipeline::RENEWED_WALK_FILE) {
            // A record of a later walk, with its own checksum: a damaged
            // one is passed over (the generation's own record judges).
            let mut flipped = original.clone();
            flipped[original.len() / 2] ^= 0x5a;
            for bytes in [&original[..original.len() / 2], &flipped[..]] {
                std::fs::write(file, bytes).expect("damage");
                pack_works(repo.path()).expect("a damaged renewed walk record is passed over");
                std::fs::write(file, &original).expect("restore");
            }
            continue;
        }
        let mut damages: Vec<(&str, Vec<u8>)> = vec![("truncated", original[..original.len() / 2].to_vec())];
        let mut flipped = original.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x5a;
        damages.push(("flipped", flipped));
        for (what, bytes) in damages {
            std::fs::write(file, &bytes).expect("damage");
            let out = ctx(repo.path(), &["pack", "render_7"]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{what} {} was read as valid", file.display());
            assert!(stderr.contains("corrupt") || stderr.contains("rebuild") || stderr.contains("format version"), "{what} {}: {stderr}", file.display());
            assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
            std::fs::write(file, &original).expect("restore");
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} damages tried");
    // Rebuilding over a damaged index works.
    std::fs::write(generation.join("tables.bin"), b"garbage").expect("damage");
    assert!(ctx(repo.path(), &["index"]).status.success());
    pack_works(repo.path()).expect("pack after rebuild");
}

/// The directory of the current generation, from the manifest.
fn current_generation(root: &Path) -> PathBuf {
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(root.join(".ctx/manifest.json")).expect("manifest")).expect("json");
    root.join(".ctx").join(manifest["directory"].as_str().expect("directory"))
}

#[test]
fn a_refreshed_generation_is_checked_whole() {
    let repo = generated_repo(4);
    assert!(ctx(repo.path(), &["index"]).status.success());
    let first = current_generation(repo.path());
    std::fs::write(repo.path().join("pkg1/mod_1.py"), "def render_7():\n    return 7\n").expect("edit");
    assert!(ctx(repo.path(), &["index"]).status.success());
    let second = current_generation(repo.path());
    assert_ne!(first, second);
    pack_works(repo.path()).expect("pack on the refreshed generation");
    let manifest = std::fs::read_to_string(repo.path().join(".ctx/manifest.json")).expect("manifest");
    assert!(!manifest.contains("\"tables.bin\""), "the tables are covered by tables_xxh3, not listed: {manifest}");

    // The header's padding of the tables file is checked too.
    let tables = second.join("tables.bin");
    let original = std::fs::read(&tables).expect("read");
    let mut damaged = original.clone();
    damaged[12] = 1;
    std::fs::write(&tables, &damaged).expect("damage");
    let out = ctx(repo.path(), &["pack", "render_7"]);
    assert!(!out.status.success(), "a damaged tables header was read as valid");
    std::fs::write(&tables, &original).expect("restore");
    pack_works(repo.path()).expect("pack after the repair");
}

#[test]
fn a_second_writer_waits_or_exits_with_no_wait() {
    let repo = generated_repo(150);
    assert!(ctx(repo.path(), &["index"]).status.success());
    let mut first = ctx_command(repo.path(), &["index", "--full"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    // Wait until the first run holds the lock (it writes a tmp- generation).
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut saw_writer = false;
    while Instant::now() < deadline {
        let busy = std::fs::read_dir(repo.path().join(".ctx")).expect("ls").flatten().any(|e| e.file_name().to_string_lossy().starts_with("tmp-"));
        if busy {
            saw_writer = true;
            break;
        }
        if first.try_wait().expect("poll").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    if saw_writer {
        let refused = ctx(repo.path(), &["index", "--no-wait"]);
        // The first run may have finished in between; then the second simply succeeds.
        if !refused.status.success() {
            assert!(String::from_utf8_lossy(&refused.stderr).contains("another ctx process is indexing"));
        }
        // Readers are never blocked by the writer.
        pack_works(repo.path()).expect("pack during a write");
    }
    assert!(first.wait().expect("wait").success());
    assert!(saw_writer, "the first index run was never seen writing");
}

#[test]
fn readers_during_writes_never_see_a_torn_index() {
    let repo = generated_repo(60);
    assert!(ctx(repo.path(), &["index"]).status.success());
    let root = repo.path().to_path_buf();
    let writer = std::thread::spawn(move || {
        for _ in 0..4 {
            assert!(ctx(&root, &["index", "--full"]).status.success());
        }
    });
    let mut packs = 0;
    while !writer.is_finished() {
        pack_works(repo.path()).expect("pack while indexing");
        packs += 1;
    }
    writer.join().expect("writer");
    assert!(packs > 0);
}

/// Makes `dir` refuse new entries: `chattr +i` for root (whom permission
/// bits do not stop), read-only permission bits for anyone else. Returns
/// the command that undoes it.
fn make_unwritable(dir: &Path) -> Box<dyn Fn()> {
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if is_root {
        let set = Command::new("chattr").arg("+i").arg(dir).status().expect("chattr runs (e2fsprogs)");
        assert!(set.success(), "chattr +i {} failed: the test needs a file system with immutable flags", dir.display());
        let dir = dir.to_path_buf();
        Box::new(move || {
            let _ = Command::new("chattr").arg("-i").arg(&dir).status();
        })
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let dir = dir.to_path_buf();
        Box::new(move || {
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
        })
    }
}

#[test]
fn an_unwritable_index_directory_is_a_clear_error_and_the_old_index_still_answers() {
    let repo = generated_repo(3);
    assert!(ctx(repo.path(), &["index"]).status.success());
    let index = repo.path().join(".ctx");
    let before = files_under(&index);
    std::fs::write(repo.path().join("pkg0/mod_0.py"), "def render_7():\n    return 7\n").expect("edit");

    let restore = make_unwritable(&index);
    let refresh = ctx(repo.path(), &["index"]);
    // A pack refreshes first; when it cannot, the previous generation answers.
    let pack = pack_works(repo.path());
    let status = ctx(repo.path(), &["status", "--format", "json"]);
    let after = files_under(&index);
    restore();

    assert_ne!(refresh.status.code(), Some(0));
    let message = String::from_utf8_lossy(&refresh.stderr).to_string();
    assert!(message.trim().lines().count() == 1 && message.contains(".ctx"), "one line naming the index: {message}");
    let pack = pack.expect("the previous index still answers");
    assert_eq!(pack["generation"], 1, "{pack}");
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).expect("status json");
    assert_eq!((status["generation"].as_u64(), status["changed"].as_u64()), (Some(1), Some(1)), "{status}");
    assert_eq!(before, after, "nothing under .ctx changed");
    assert!(ctx(repo.path(), &["index"]).status.success(), "writable again, the refresh completes");
    assert_eq!(pack_works(repo.path()).expect("pack")["generation"], 2);
}

/// Runs `ctx` in `dir` as on a disk that is full: no file may grow
/// past `limit` bytes (`RLIMIT_FSIZE`), and with `SIGXFSZ` ignored a write
/// past it fails with EFBIG ("File too large") the way a write on a full
/// disk fails with ENOSPC: the same `io::Error` at the same call. This
/// needs neither root nor a small file system.
#[allow(unsafe_code)]
fn ctx_with_file_size_limit(dir: &Path, args: &[&str], limit: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let mut command = ctx_command(dir, args);
    // SAFETY: the closure runs between fork and exec, where only
    // async-signal-safe calls are allowed: setrlimit and signal are, and it
    // allocates nothing (an `io::Error` from errno is a plain code). Both
    // settings survive exec: rlimits are inherited, and an ignored signal
    // stays ignored.
    unsafe {
        command.pre_exec(move || {
            let rlimit = libc::rlimit { rlim_cur: limit as libc::rlim_t, rlim_max: limit as libc::rlim_t };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 || libc::signal(libc::SIGXFSZ, libc::SIG_IGN) == libc::SIG_ERR {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().expect("ctx runs")
}

/// Every file under `dir` with its length and a hash of its content (short
/// enough to read in a failed assertion).
fn contents_under(dir: &Path) -> Vec<(PathBuf, usize, u64)> {
    use std::hash::{Hash, Hasher};
    files_under(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("read");
            let mut hasher = std::hash::DefaultHasher::new();
            bytes.hash(&mut hasher);
            (path, bytes.len(), hasher.finish())
        })
        .collect()
}

/// Where a refresh fails, and how: a file size limit (see
/// [`ctx_with_file_size_limit`]) or a directory in the way of the new
/// manifest, which fails its write after the generation's directory has
/// been renamed into place (no file size limit can fail the manifest alone:
/// it is smaller than the text index's `meta.json`).
struct FullDiskCase {
    what: &'static str,
    limit: Option<u64>,
    obstacle: Option<&'static str>,
    /// Words the one-line error must contain.
    says: [&'static str; 2],
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_old_index_still_answers() {
    let repo = generated_repo(12);
    assert!(ctx(repo.path(), &["index"]).status.success());
    let index = repo.path().join(".ctx");
    let generation = index.join("gen-000001");
    let size = |path: &Path| std::fs::metadata(path).expect("stat").len();
    let tables = size(&generation.join("tables.bin"));
    let largest_text_file = files_under(&generation.join("text")).iter().map(|p| size(p)).max().expect("text files");
    // tables.bin is written after every file of the text index, so a limit
    // above all of those fails it, and a small one fails the text index.
    assert!(largest_text_file + 4096 < tables, "text files up to {largest_text_file} bytes, tables {tables}");
    let cases = [
        FullDiskCase { what: "the text index", limit: Some(4096), obstacle: None, says: ["cannot write the text index", "File too large"] },
        FullDiskCase { what: "the tables file", limit: Some(largest_text_file + 1024), obstacle: None, says: ["tables.bin", "File too large"] },
        FullDiskCase { what: "the manifest", limit: None, obstacle: Some("manifest.json.tmp"), says: ["manifest.json.tmp", "Is a directory"] },
    ];
    // Changes to index: an edited file and a new one.
    std::fs::write(repo.path().join("pkg0/mod_0.py"), "def render_7():\n    return 7\n").expect("edit");
    std::fs::write(repo.path().join("pkg1/new_1.py"), "def fresh_1():\n    return 1\n").expect("add");

    let before = contents_under(&index);
    for case in &cases {
        let what = case.what;
        let run_ctx = |args: &[&str]| match case.limit {
            Some(limit) => ctx_with_file_size_limit(repo.path(), args, limit),
            None => ctx(repo.path(), args),
        };
        if let Some(obstacle) = case.obstacle {
            std::fs::create_dir(index.join(obstacle)).expect("obstacle");
        }
        let run = run_ctx(&["index"]);
        let stderr = String::from_utf8_lossy(&run.stderr).to_string();
        assert_eq!(run.status.code(), Some(1), "{what}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{what}: one line: {stderr}");
        assert!(stderr.starts_with("ctx: ") && !stderr.contains("panicked") && !stderr.contains("backtrace"), "{what}: {stderr}");
        assert!(stderr.contains(".ctx") && case.says.iter().all(|w| stderr.contains(w)), "{what}: says what failed: {stderr}");
        // Nothing under .ctx changed: no pending generation, no generation
        // that never became current, the current one's files as they were.
        assert_eq!(contents_under(&index), before, "{what}: .ctx changed");
        // A pack on the same full disk tries to refresh first, fails the
        // same way, and answers from the previous generation.
        let pack = run_ctx(&["pack", "--budget", "2k", "--format", "json", "render_7 of Widget3x7"]);
        assert!(pack.status.success(), "{what}: the previous index still answers: {}", String::from_utf8_lossy(&pack.stderr));
        let pack: serde_json::Value = serde_json::from_slice(&pack.stdout).expect("pack json");
        assert_eq!(pack["generation"], 1, "{what}: {}", pack["markdown"]);
        assert!(pack["items"].as_array().is_some_and(|i| !i.is_empty()), "{what}: {}", pack["markdown"]);
        assert_eq!(contents_under(&index), before, "{what}: the pack changed .ctx");
        if let Some(obstacle) = case.obstacle {
            std::fs::remove_dir(index.join(obstacle)).expect("obstacle removed");
        }
    }
    let status = ctx(repo.path(), &["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).expect("status json");
    assert_eq!((status["generation"].as_u64(), status["changed"].as_u64(), status["added"].as_u64()), (Some(1), Some(1), Some(1)), "{status}");

    let refresh = ctx(repo.path(), &["index"]);
    assert!(refresh.status.success(), "with room again the refresh completes: {}", String::from_utf8_lossy(&refresh.stderr));
    // Failed runs used up no generation number.
    assert_eq!(pack_works(repo.path()).expect("pack")["generation"], 2);
    let found = ctx(repo.path(), &["symbols", "fresh_1", "--format", "json"]);
    assert!(String::from_utf8_lossy(&found.stdout).contains("pkg1/new_1.py"), "{}", String::from_utf8_lossy(&found.stdout));
}

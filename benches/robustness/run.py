#!/usr/bin/env python3
"""Robustness bench: drives the built `ctx` over real repositories from package registries.

Hand-run (Python 3.11, stdlib only). See benches/robustness/README.md.

    benches/robustness/run.py [--commands N] [--only NAME,...] [--languages rust,go]

For every repository of repos.txt it downloads the package once (cached outside
the repository), unpacks it, copies it to a scratch folder, and runs the Rust
drive (`cargo run --release --example robustness`) over the copy: an index, then
hundreds of commands whose tasks come from the repository's own text, plus
hostile ones. It prints counts per language and the first failure of each kind.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
DEFAULT_CACHE = Path(os.environ.get("CTX_ROBUSTNESS_CACHE", Path.home() / ".cache" / "ctx-robustness"))
DEBIAN = "http://deb.debian.org/debian"
SUITE = "bookworm"


def note(message: str) -> None:
    print(f"robustness: {message}", file=sys.stderr, flush=True)


def fetch(url: str, dest: Path) -> Path:
    """Downloads `url` to `dest` once."""
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(dest.suffix + ".part")
    note(f"downloading {url}")
    with urllib.request.urlopen(url, timeout=120) as response, open(tmp, "wb") as out:
        shutil.copyfileobj(response, out)
    tmp.rename(dest)
    return dest


def unpack(archive: Path, dest: Path) -> None:
    """Unpacks a tarball or zip (wheel) into `dest`, refusing members that leave it."""
    dest.mkdir(parents=True, exist_ok=True)
    if archive.suffix in (".whl", ".zip", ".jar"):
        with zipfile.ZipFile(archive) as z:
            z.extractall(dest)
        return
    with tarfile.open(archive) as t:
        t.extractall(dest, filter="data")


def single_child(folder: Path) -> Path:
    """The one folder an archive unpacked into, else the folder itself."""
    children = [c for c in folder.iterdir() if not c.name.startswith(".")]
    return children[0] if len(children) == 1 and children[0].is_dir() else folder


class Debian:
    """Source packages of Debian's suite, found through its Sources index."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.index: dict[str, dict] | None = None

    def load(self) -> dict[str, dict]:
        if self.index is None:
            xz = fetch(f"{DEBIAN}/dists/{SUITE}/main/source/Sources.xz", self.cache / "debian" / f"{SUITE}-Sources.xz")
            self.index = {}
            record: dict = {}
            key = None
            for line in lzma.open(xz, "rt", encoding="utf-8", errors="replace"):
                line = line.rstrip("\n")
                if not line:
                    if "Package" in record:
                        self.index.setdefault(record["Package"], record)
                    record, key = {}, None
                elif line[0] in " \t" and key:
                    record[key] = record.get(key, "") + "\n" + line.strip()
                else:
                    key, _, value = line.partition(":")
                    record[key] = value.strip()
        return self.index

    def tarball(self, name: str) -> Path:
        record = self.load().get(name)
        if record is None:
            raise RuntimeError(f"no Debian source package {name} in {SUITE}")
        files = [line.split()[-1] for line in record.get("Files", "").splitlines() if line.strip()]
        upstream = [f for f in files if ".orig.tar." in f and ".orig-" not in f]
        native = [f for f in files if ".tar." in f and ".debian.tar." not in f and not f.endswith(".asc")]
        chosen = (upstream or native or [None])[0]
        if chosen is None:
            raise RuntimeError(f"{name}: no source tarball among {files}")
        return fetch(f"{DEBIAN}/{record['Directory']}/{chosen}", self.cache / "debian" / chosen)


def download(source: str, name: str, version: str, cache: Path, debian: Debian) -> Path:
    """The package archive in the cache."""
    downloads = cache / "downloads"
    safe = name.replace("/", "+").replace("@", "")
    if source == "crate":
        return fetch(f"https://static.crates.io/crates/{name}/{name}-{version}.crate", downloads / f"{name}-{version}.crate")
    if source == "npm":
        dest = downloads / "npm" / f"{safe}-{version}"
        if not dest.exists():
            tmp = dest.with_name(dest.name + ".part")
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", str(tmp), "--silent"], check=True, stdout=subprocess.DEVNULL)
            tmp.rename(dest)
        return next(dest.glob("*.tgz"))
    if source == "pypi":
        # The simple index, read here: `pip download` of an sdist builds its
        # metadata, which for a package with C extensions means compiling Cython.
        page = urllib.request.urlopen(f"https://pypi.org/simple/{name}/", timeout=60).read().decode()
        links = re.findall(r'href="([^"#]+)', page)
        normal = re.sub(r"[-_.]+", "_", name).lower()

        def named(url: str, ends: tuple[str, ...]) -> bool:
            file = url.rsplit("/", 1)[-1]
            return re.sub(r"[-_.]+", "_", file).lower().startswith(f"{normal}_{version.replace('.', '_')}") and file.endswith(ends)

        sdists = [u for u in links if named(u, (".tar.gz", ".zip"))]
        # Some packages (ziglang) ship only wheels: a pure or manylinux x86_64 one.
        wheels = [u for u in links if named(u, (".whl",)) and ("none-any" in u or "manylinux" in u and "x86_64" in u)]
        url = (sdists or wheels or [None])[0]
        if url is None:
            raise RuntimeError(f"no sdist or wheel of {name} {version} on PyPI")
        return fetch(url, downloads / "pypi" / url.rsplit("/", 1)[-1])
    if source == "deb":
        return debian.tarball(name)
    raise RuntimeError(f"unknown source {source}")


MIRRORS = Path(os.environ.get("CTX_MIRRORS", "/work/.mirror"))


def git_tree(name: str, commit: str, cache: Path) -> Path:
    """A public repository at a commit, from a local git directory of it
    (`MIRRORS/<owner>+<name>/repo`, as the eval suites' scripts read them):
    for languages no registry here ships sources of (Dart)."""
    dest = cache / "trees" / f"git-{name.replace('/', '+')}-{commit[:12]}"
    if not (dest / ".ok").exists():
        git_dir = MIRRORS / name.replace("/", "+") / "repo"
        if not git_dir.is_dir():
            raise RuntimeError(f"no git directory {git_dir} (bring the repository there first)")
        shutil.rmtree(dest, ignore_errors=True)
        (dest / "t").mkdir(parents=True)
        archive = subprocess.Popen(["git", "--git-dir", str(git_dir), "archive", commit], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(dest / "t")], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            raise RuntimeError(f"git archive {commit} of {name} failed")
        (dest / ".ok").touch()
    return dest / "t"


def tree_of(entry: dict, cache: Path, debian: Debian) -> Path:
    """The unpacked tree of a repos.txt entry (ctx's checkout for `self`)."""
    if entry["source"] == "self":
        return REPO_ROOT
    if entry["source"] == "git":
        tree = git_tree(entry["name"], entry["version"], cache)
        return tree / entry["folder"] if entry["folder"] else tree
    archive = download(entry["source"], entry["name"], entry["version"], cache, debian)
    dest = cache / "trees" / archive.name
    if not (dest / ".ok").exists():
        shutil.rmtree(dest, ignore_errors=True)
        unpack(archive, dest / "t")
        (dest / ".ok").touch()
    tree = single_child(dest / "t")
    if entry["folder"]:
        tree = tree / entry["folder"]
    return tree


def copy_tree(source: Path, dest: Path) -> None:
    """A scratch copy without build output, indexes or git data; symlinks stay links."""
    ignore = shutil.ignore_patterns("target", ".ctx", ".git", "node_modules")
    shutil.copytree(source, dest, symlinks=True, ignore=ignore)


def read_manifest(path: Path) -> list[dict]:
    entries = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        source, name, version, language = parts[:4]
        folder = parts[4] if len(parts) > 4 else ""
        entries.append({"source": source, "name": name, "version": version, "language": language, "folder": folder})
    return entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commands", type=int, default=170, help="commands per repository (default 170)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated repository names")
    parser.add_argument("--languages", default="", help="comma-separated languages")
    parser.add_argument("--ctx", default=str(REPO_ROOT / "target" / "release" / "ctx"))
    parser.add_argument("--hang-after", type=float, default=30.0, help="seconds before a command counts as hung")
    parser.add_argument("--slow-after", type=float, default=5.0, help="seconds before a command counts as slow")
    parser.add_argument("--cache", default=str(DEFAULT_CACHE))
    parser.add_argument("--out", default="", help="write every report as JSON lines here")
    parser.add_argument("--fetch-only", action="store_true", help="download and unpack, then stop")
    args = parser.parse_args()

    cache = Path(args.cache)
    entries = read_manifest(HERE / "repos.txt")
    if args.only:
        wanted = set(args.only.split(","))
        entries = [e for e in entries if e["name"] in wanted]
    if args.languages:
        wanted = set(args.languages.split(","))
        entries = [e for e in entries if e["language"] in wanted]
    if args.fetch_only:
        debian = Debian(cache)
        for entry in entries:
            try:
                note(f"{entry['name']}: {tree_of(entry, cache, debian)}")
            except Exception as e:
                note(f"{entry['name']}: not available ({e})")
        return 0
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--bin", "ctx", "--example", "robustness"], cwd=REPO_ROOT, check=True)
    drive_bin = REPO_ROOT / "target" / "release" / "examples" / "robustness"
    debian = Debian(cache)
    reports = []
    out = open(args.out, "w") if args.out else None
    started = time.time()
    for seed, entry in enumerate(entries, start=args.seed):
        label = f"{entry['source']}:{entry['name']}"
        try:
            tree = tree_of(entry, cache, debian)
        except Exception as e:  # a download that failed is reported, not fatal
            note(f"{label}: not available ({e})")
            continue
        scratch = cache / "scratch" / entry["name"].replace("/", "+")
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.parent.mkdir(parents=True, exist_ok=True)
        copy_tree(tree, scratch)
        t0 = time.time()
        run = subprocess.run(
            [str(drive_bin), "--ctx", args.ctx, "--repo", str(scratch), "--commands", str(args.commands), "--seed", str(seed),
             "--hang-after", str(args.hang_after), "--slow-after", str(args.slow_after)],
            capture_output=True, text=True)
        shutil.rmtree(scratch, ignore_errors=True)
        if run.returncode != 0:
            note(f"{label}: the drive itself failed: {run.stderr.strip()[:400]}")
            continue
        report = json.loads(run.stdout)
        report.update(name=entry["name"], language=entry["language"], source=entry["source"], seconds=time.time() - t0)
        reports.append(report)
        if out:
            out.write(json.dumps(report) + "\n")
            out.flush()
        counts = report["failure_counts"]
        note(f"{label} ({entry['language']}): {report['commands']} commands, {report['files']} files, "
             f"{report['symbols']} symbols, {report['seconds']:.0f}s, failures {counts or 0}")

    by_language: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    first: dict[str, tuple[str, dict]] = {}
    for report in reports:
        row = by_language[report["language"]]
        row["repos"] += 1
        row["commands"] += report["commands"]
        row["files"] += report["files"]
        row["symbols"] += report["symbols"]
        for kind, n in report["failure_counts"].items():
            row["failures"] += n
            row[kind] += n
        for failure in report["failures"]:
            first.setdefault(failure["kind"], (report["name"], failure))
    kinds = sorted({k for row in by_language.values() for k in row} - {"repos", "commands", "files", "symbols", "failures"})
    print(f"\n{'language':<12} {'repos':>5} {'commands':>8} {'files':>7} {'symbols':>8} {'failures':>8}  " + " ".join(kinds))
    total = defaultdict(int)
    for language in sorted(by_language):
        row = by_language[language]
        for k, v in row.items():
            total[k] += v
        print(f"{language:<12} {row['repos']:>5} {row['commands']:>8} {row['files']:>7} {row['symbols']:>8} {row['failures']:>8}  "
              + " ".join(f"{row[k]:>{len(k)}}" for k in kinds))
    print(f"{'all':<12} {total['repos']:>5} {total['commands']:>8} {total['files']:>7} {total['symbols']:>8} {total['failures']:>8}  "
          + " ".join(f"{total[k]:>{len(k)}}" for k in kinds))
    print(f"\n{len(reports)} repositories in {time.time() - started:.0f}s")
    for kind, (name, failure) in sorted(first.items()):
        print(f"first {kind}: {name}: {failure['command']}\n    {failure['detail']}")
    slowest = sorted((r for r in reports if r.get("slowest")), key=lambda r: -r["slowest"]["seconds"])[:5]
    for report in slowest:
        print(f"slowest in {report['name']}: {report['slowest']['seconds']:.2f}s {report['slowest']['command'][:160]}")
    return 1 if total["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

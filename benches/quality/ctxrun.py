"""Running the ctx binary: index (fresh or seeded from a sibling tree's index), pack,
search and token counts, and checking which variant flags each command accepts.

Every call is one `ctx` process, timed from start to exit (start-up + index load + the
work), which is what an agent pays. Indexes are cached per tree: a marker beside the tree
records the binary's size+mtime and the index flags, and the index is rebuilt only when
they change (README.md, "Caching").
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from metrics import norm_path

REPO_ROOT = Path(__file__).resolve().parents[2]
MAX_ARG = 100_000     # bytes of a query passed as one argument (Linux caps one at 128 KiB)


def truncate_utf8(text: str, limit: int = MAX_ARG) -> str:
    b = text.encode("utf-8")
    if len(b) <= limit:
        return text
    return b[:limit].decode("utf-8", errors="ignore")


class CtxError(RuntimeError):
    pass


class Ctx:
    def __init__(self, binary: str, timeout: float = 600, token_counter: str = "ctx"):
        self.bin = binary
        self.timeout = timeout
        self.token_counter = token_counter

    def stamp(self) -> str:
        st = os.stat(self.bin)
        return f"{st.st_size}:{st.st_mtime_ns}"

    @staticmethod
    def commit() -> str:
        r = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True)
        head = r.stdout.strip() or "unknown"
        d = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no",
                            "--", ".", ":!benches"], capture_output=True, text=True)
        return head + ("+dirty" if d.stdout.strip() else "")

    def _run(self, cmd, cwd=None, input=None, ok=(0,)):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, cwd=cwd, input=input, capture_output=True, text=True, timeout=self.timeout)
        dt = time.perf_counter() - t0
        if r.returncode not in ok:
            raise CtxError(f"{' '.join(shlex.quote(c) for c in cmd[:3])} ... failed ({r.returncode}): "
                           f"{r.stderr.strip()[-1500:]}")
        return dt, r

    def index(self, root: Path, extra: list[str]) -> tuple[float, str]:
        dt, r = self._run([self.bin, "index", "--quiet", *extra, str(root)])
        return dt, r.stdout.strip()

    def pack(self, cwd: Path, text: str, budget: int, extra: list[str]) -> tuple[float, dict]:
        cmd = [self.bin, "pack", "--budget", str(budget), "--tokenizer", "cl100k", "--format", "json",
               "--quiet", *extra, "-"]
        dt, r = self._run(cmd, cwd=cwd, input=text, ok=(0, 1))
        try:
            return dt, json.loads(r.stdout)
        except ValueError:
            raise CtxError(f"ctx pack printed no JSON ({r.returncode}): {r.stderr.strip()[-500:]}")

    def search(self, cwd: Path, query: str, limit: int, extra: list[str]) -> tuple[float, dict]:
        """`ctx search` takes the query as an argument (no stdin); exit 1 = no hits."""
        cmd = [self.bin, "search", "--format", "json", "--limit", str(limit), "--quiet", *extra,
               "--", truncate_utf8(query)]
        dt, r = self._run(cmd, cwd=cwd, ok=(0, 1))
        try:
            return dt, json.loads(r.stdout)
        except ValueError:
            raise CtxError(f"ctx search printed no JSON ({r.returncode}): {r.stderr.strip()[-500:]}")

    def count_texts(self, texts: list[str]) -> list[int]:
        """Exact cl100k counts of several texts with one `ctx tokens` call."""
        if self.token_counter == "approx":
            return [(len(t.encode()) + 3) // 4 for t in texts]
        if not texts:
            return []
        with tempfile.TemporaryDirectory() as td:
            names = []
            for i, t in enumerate(texts):
                (Path(td) / f"{i}.md").write_text(t)
                names.append(f"{i}.md")
            got = self._count(Path(td), names)
        return [got[n] for n in names]

    def count_files(self, tree: Path, rels: list[str]) -> dict:
        if self.token_counter == "approx":
            return {r: ((tree / r).stat().st_size + 3) // 4 for r in rels}
        out = {}
        for i in range(0, len(rels), 2000):
            out.update(self._count(tree, rels[i:i + 2000]))
        return out

    def _count(self, cwd: Path, rels: list[str]) -> dict:
        _, r = self._run([self.bin, "tokens", "--tokenizer", "cl100k", *rels], cwd=cwd)
        out = {}
        for line in r.stdout.splitlines():
            if "\t" in line:
                c, p = line.split("\t", 1)
                out[norm_path(p)] = int(c)
        missing = [x for x in rels if x not in out]
        if missing:
            raise CtxError(f"ctx tokens gave no count for {len(missing)} files, e.g. {missing[:3]}")
        return out

    # ------------------------------------------------------------------
    # variant flags

    def accepted_flags(self, probe_dir: Path, flags: list[str]) -> dict:
        """Which of `flags` `ctx pack` and `ctx search` accept, found by running each on a
        tiny index and dropping what clap calls an unexpected argument (with its value when
        written as a separate word). Returns {"pack": [...], "search": [...], "dropped": {...}}."""
        root = probe_dir / "tree"
        if not (probe_dir / "stamp").is_file() or (probe_dir / "stamp").read_text() != self.stamp():
            shutil.rmtree(probe_dir, ignore_errors=True)
            (root / "src").mkdir(parents=True)
            (root / "src" / "probe.py").write_text("def probe_function(x):\n    return x + 1\n")
            self.index(root, [])
            (probe_dir / "stamp").write_text(self.stamp())
        out = {"dropped": {}}
        for cmd in ("pack", "search"):
            keep = list(flags)
            dropped = []
            for _ in range(len(flags) + 1):
                if cmd == "pack":
                    argv = [self.bin, "pack", "--budget", "1000", "--format", "json", "--quiet", *keep, "--",
                            "probe function"]
                else:
                    argv = [self.bin, "search", "--format", "json", "--limit", "1", "--quiet", *keep, "--",
                            "probe function"]
                r = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=self.timeout)
                if r.returncode in (0, 1):
                    break
                bad = _unexpected_argument(r.stderr)
                at = [j for j, x in enumerate(keep) if bad is not None and (x == bad or x.startswith(bad + "="))]
                if not at:
                    raise CtxError(f"variant flags {flags} make `ctx {cmd}` fail: {r.stderr.strip()[-800:]}")
                i = at[0]
                n = 2 if ("=" not in keep[i] and i + 1 < len(keep) and not keep[i + 1].startswith("-")) else 1
                dropped += keep[i:i + n]
                del keep[i:i + n]
            out[cmd] = keep
            if dropped:
                out["dropped"][cmd] = dropped
        return out


def _unexpected_argument(stderr: str) -> str | None:
    """The flag clap rejects: "error: unexpected argument '--foo' found"."""
    import re
    m = re.search(r"unexpected argument '([^']+)'", stderr)
    if not m:
        return None
    return m.group(1)


def copy_index(src_tree: Path, dst_tree: Path) -> None:
    """Copy src_tree/.ctx to dst_tree/.ctx (reflinks when the filesystem has them)."""
    dst = dst_tree / ".ctx"
    shutil.rmtree(dst, ignore_errors=True)
    r = subprocess.run(["cp", "-a", "--reflink=auto", str(src_tree / ".ctx"), str(dst)], capture_output=True, text=True)
    if r.returncode != 0:
        shutil.copytree(src_tree / ".ctx", dst, symlinks=True)


def ensure_index(ctx: Ctx, root: Path, marker: Path, extra: list[str], *, reindex: bool = False,
                 keep_index: bool = False, seed: Path | None = None) -> dict:
    """Index `root` unless `marker` says it is current for this binary and these flags.

    With `seed` (another tree of the same repository, indexed by this binary with these
    flags), its index is copied and refreshed instead of built from scratch: the refresh
    reparses only the files whose content differs, and writes what a full build would
    (ctx's refresh invariant, checked for this harness in README.md)."""
    want = {"ctx": ctx.stamp(), "args": extra}
    if marker.is_file() and not reindex and (root / ".ctx").exists():
        try:
            info = json.loads(marker.read_text())
        except ValueError:
            info = {}
        if keep_index or (info.get("ctx") == want["ctx"] and info.get("args") == extra):
            info["reused"] = True
            return info
    shutil.rmtree(root / ".ctx", ignore_errors=True)
    marker.unlink(missing_ok=True)
    seeded = None
    if seed is not None and (seed / ".ctx").is_dir():
        copy_index(seed, root)
        seeded = str(seed)
    dt, out = ctx.index(root, extra)
    info = dict(want, index_s=round(dt, 3), seed=seeded, summary=out[-600:])
    marker.write_text(json.dumps(info, indent=1))
    info["reused"] = False
    return info

#!/usr/bin/env python3
"""Retrieval-quality harness for `ctx pack` on the SWE-bench Verified dev tasks.

Hand-run benchmark (Python 3.11, stdlib only). See benches/quality/README.md.

For every task it builds the pre-fix tree (cached per task id), runs `ctx index`
once per tree, then `ctx pack` at each budget, and scores the pack against the
gold patch exactly as ../shared/eval/README.md defines the metrics. A plain
BM25 whole-file baseline is computed on the same trees for comparison.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Paths relative to this file: the repository root is two levels up and
# `shared/` sits beside the repository, as on the developers' machines and CI.
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TASKS = str(REPO_ROOT.parent / "shared" / "eval" / "dev.jsonl")
DEFAULT_GET_REPO = str(REPO_ROOT.parent / "shared" / "eval" / "get_repo.sh")
DEFAULT_CTX = str(REPO_ROOT / "target" / "release" / "ctx")
DEFAULT_WORK = os.path.expanduser("~/.cache/ctx-bench/quality")
TREE_MARKER = "built.json"  # in the task dir (outside the tree)
INDEX_MARKER = "indexed.json"
BASELINE = "bm25-baseline"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Unified diff parsing and hunk location
# --------------------------------------------------------------------------

@dataclass
class Hunk:
    path: str                 # old-side path (relative, no a/ prefix)
    old_start: int            # 1-based, from the @@ header
    lines: list               # [(tag, text)] tag in ' ', '-', '+'

    @property
    def old_block(self):
        """Old-side lines (context + removed) in order, as (text, is_removed, idx_in_hunk)."""
        return [(t, tag == "-", i) for i, (tag, t) in enumerate(self.lines) if tag in " -"]


@dataclass
class FilePatch:
    old_path: str | None      # None when the file is added (--- /dev/null)
    new_path: str | None      # None when the file is deleted
    hunks: list = field(default_factory=list)


_HUNK_RE = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _strip_prefix(p: str) -> str | None:
    p = p.split("\t", 1)[0].strip()
    if p == "/dev/null":
        return None
    if p.startswith(("a/", "b/")):
        p = p[2:]
    return p


def parse_patch(patch: str) -> list[FilePatch]:
    """Parse a unified (git) diff. Hunk extents come from the @@ counts, so a
    removed line that starts with '-- ' is never mistaken for a header."""
    files: list[FilePatch] = []
    lines = patch.split("\n")
    i, n = 0, len(lines)
    cur: FilePatch | None = None
    while i < n:
        ln = lines[i]
        if ln.startswith("--- ") and i + 1 < n and lines[i + 1].startswith("+++ "):
            cur = FilePatch(_strip_prefix(ln[4:]), _strip_prefix(lines[i + 1][4:]))
            files.append(cur)
            i += 2
            continue
        m = _HUNK_RE.match(ln)
        if m and cur is not None:
            old_start = int(m.group(1))
            old_len = int(m.group(2)) if m.group(2) is not None else 1
            new_len = int(m.group(4)) if m.group(4) is not None else 1
            body = []
            i += 1
            o = nw = 0
            while i < n and (o < old_len or nw < new_len):
                b = lines[i]
                if b.startswith("\\"):          # "\ No newline at end of file"
                    i += 1
                    continue
                tag, text = (b[:1] or " "), b[1:]
                if tag not in " -+":
                    break
                body.append((tag, text))
                if tag in " -":
                    o += 1
                if tag in " +":
                    nw += 1
                i += 1
            cur.hunks.append(Hunk(cur.old_path or cur.new_path or "", old_start, body))
            continue
        i += 1
    return files


def _norms():
    return (lambda s: s.rstrip("\r"), lambda s: s.rstrip(), lambda s: s.strip())


def read_lines(path: Path) -> list[str]:
    data = path.read_bytes().decode("utf-8", errors="replace")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def locate_hunk(file_lines: list[str], hunk: Hunk) -> dict:
    """Find the hunk's old-side block in the pre-fix file.

    Returns {"method", "pos": [1-based file line per old-block line or None],
    "changed": [1-based lines that must be shown]}.
    Exact contiguous match first (at three whitespace-normalisation levels,
    nearest to the header's line number when several), then fuzzy: vote for the
    offset where most old-side lines match, then align in order (LCS) inside a
    window around it; unmatched lines are interpolated from their neighbours.
    """
    old = hunk.old_block
    m = len(old)
    hint = max(hunk.old_start - 1, 0)
    pos: list = [None] * m
    method = None
    if m == 0:
        method = "empty"
    else:
        for level, norm in enumerate(_norms()):
            fl = [norm(x) for x in file_lines]
            ob = [norm(t) for t, _, _ in old]
            cands = [s for s in range(len(fl) - m + 1) if fl[s] == ob[0] and fl[s:s + m] == ob]
            if cands:
                s = min(cands, key=lambda c: (abs(c - hint), c))
                pos = [s + k + 1 for k in range(m)]
                method = "exact" if level == 0 else f"exact-ws{level}"
                if len(cands) > 1:
                    method += f"(1of{len(cands)})"
                break
        if method is None:
            method = "fuzzy"
            norm = _norms()[2]
            fl = [norm(x) for x in file_lines]
            ob = [norm(t) for t, _, _ in old]
            where: dict = {}
            for p, t in enumerate(fl):
                where.setdefault(t, []).append(p)
            votes: Counter = Counter()
            informative = [k for k, t in enumerate(ob) if len(t) > 3] or list(range(m))
            for k in informative:
                for p in where.get(ob[k], ()):
                    votes[p - k] += 1
            if votes:
                best = max(votes.values())
                off = min((o for o, v in votes.items() if v == best), key=lambda o: (abs(o - hint), o))
            else:
                off = hint
            lo = max(off - 20, 0)
            hi = min(off + m + 20, len(fl))
            # LCS alignment of old block vs window, in order
            win = fl[lo:hi]
            W = len(win)
            dp = [[0] * (W + 1) for _ in range(m + 1)]
            for a in range(m - 1, -1, -1):
                for b in range(W - 1, -1, -1):
                    dp[a][b] = dp[a + 1][b + 1] + 1 if ob[a] == win[b] else max(dp[a + 1][b], dp[a][b + 1])
            a = b = 0
            while a < m and b < W:
                if ob[a] == win[b] and dp[a][b] == dp[a + 1][b + 1] + 1:
                    pos[a] = lo + b + 1
                    a += 1
                    b += 1
                elif dp[a + 1][b] >= dp[a][b + 1]:
                    a += 1
                else:
                    b += 1
            matched = sum(1 for p in pos if p is not None)
            method = f"fuzzy({matched}/{m})"
            # interpolate unmatched
            for k in range(m):
                if pos[k] is None:
                    prev = next((j for j in range(k - 1, -1, -1) if pos[j] is not None), None)
                    nxt = next((j for j in range(k + 1, m) if pos[j] is not None), None)
                    if prev is not None:
                        pos[k] = pos[prev] + (k - prev)
                    elif nxt is not None:
                        pos[k] = max(pos[nxt] - (nxt - k), 1)
                    else:
                        pos[k] = off + k + 1
    changed = [pos[k] for k, (_, rem, _) in enumerate(old) if rem]
    if not changed:
        # pure addition: the line before each insertion point
        hunk_to_old = {}
        for k, (_, _, hi_) in enumerate(old):
            hunk_to_old[hi_] = k
        prev_tag = None
        last_old_k = None
        for hi_, (tag, _) in enumerate(hunk.lines):
            if tag == "+" and prev_tag != "+":
                if last_old_k is not None:
                    changed.append(pos[last_old_k])
                elif m:
                    changed.append(pos[0])    # insertion at file start: the line after
                else:
                    changed.append(1)
            if tag in " -":
                last_old_k = hunk_to_old[hi_]
            prev_tag = tag
    changed = sorted(set(c for c in changed if c is not None))
    return {"method": method, "pos": pos, "changed": changed}


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------

def gold_target_files(task) -> list[str]:
    added = set(task.get("gold_files_added") or [])
    return [f for f in task["gold_files"] if f not in added]


def task_hunks(task, tree: Path) -> list[dict]:
    """All hunks of the patch on pre-existing files, located in the pre-fix tree."""
    out = []
    cache: dict = {}
    added = set(task.get("gold_files_added") or [])
    for fp in parse_patch(task["patch"]):
        if fp.old_path is None or fp.old_path in added:
            continue
        p = tree / fp.old_path
        if fp.old_path not in cache:
            cache[fp.old_path] = read_lines(p) if p.is_file() else None
        lines = cache[fp.old_path]
        for h in fp.hunks:
            if lines is None:
                out.append({"path": fp.old_path, "header": h.old_start, "method": "missing-file",
                            "changed": []})
                continue
            loc = locate_hunk(lines, h)
            out.append({"path": fp.old_path, "header": h.old_start, "method": loc["method"],
                        "changed": loc["changed"]})
    return out


def norm_path(p: str) -> str:
    p = p.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def score(task, hunks: list[dict], items: list[dict]) -> dict:
    gold = gold_target_files(task)
    shown: set = set()
    body: dict = {}
    for it in items:
        p = norm_path(str(it.get("path", "")))
        s, e = it.get("start_line"), it.get("end_line")
        if not isinstance(s, int) or not isinstance(e, int) or e < s:
            continue
        # A map line names a file without showing its code: not counted as shown.
        if it.get("kind") == "map":
            continue
        shown.add(p)
        if it.get("kind") == "body":
            body.setdefault(p, []).append((s, e))
    files_hit = [f for f in gold if f in shown]
    hunk_res = []
    for h in hunks:
        iv = body.get(h["path"], [])
        ok = bool(h["changed"]) and all(any(s <= ln <= e for s, e in iv) for ln in h["changed"])
        hunk_res.append(ok)
    return {
        "file_recall": (len(files_hit) / len(gold)) if gold else None,
        "edit_recall": (sum(hunk_res) / len(hunk_res)) if hunk_res else None,
        "all_files": (len(files_hit) == len(gold)) if gold else None,
        "gold_files": gold,
        "files_hit": files_hit,
        "hunks": [dict(h, covered=ok) for h, ok in zip(hunks, hunk_res)],
    }


# --------------------------------------------------------------------------
# BM25 baseline
# --------------------------------------------------------------------------

_RUN_RE = re.compile(r"[A-Za-z0-9_]+")
_CAMEL_RE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_expand_cache: dict = {}
_expand_lock = threading.Lock()


def _expand(run: str) -> tuple:
    r = _expand_cache.get(run)
    if r is not None:
        return r
    parts = []
    for piece in run.split("_"):
        if piece:
            parts.extend(_CAMEL_RE.findall(piece))
    whole = run.lower()
    terms = [whole]
    for p in parts:
        p = p.lower()
        if p != whole:
            terms.append(p)
    r = tuple(terms)
    if len(_expand_cache) < 2_000_000:
        _expand_cache[run] = r
    return r


def bm25_terms(text: str) -> Counter:
    """Lowercased alnum/underscore runs, plus their snake_case and camelCase parts."""
    raw = Counter(_RUN_RE.findall(text))
    out: Counter = Counter()
    for run, c in raw.items():
        for t in _expand(run):
            out[t] += c
    return out


def is_test_path(rel: str) -> bool:
    parts = rel.split("/")
    if any(d in ("tests", "test") for d in parts[:-1]):
        return True
    name = parts[-1]
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def baseline_files(tree: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if d != ".ctx" and not d.startswith(".git"))
        for f in sorted(files):
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(root, f), tree).replace(os.sep, "/")
                if not is_test_path(rel):
                    out.append(rel)
    return out


class BM25:
    def __init__(self, tree: Path, files: list[str], k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.files = files
        self.docs = []
        for rel in files:
            text = (tree / rel).read_bytes().decode("utf-8", errors="replace")
            tf = bm25_terms(rel + "\n" + text)
            self.docs.append((tf, sum(tf.values())))
        self.N = len(self.docs)
        self.avgdl = (sum(d for _, d in self.docs) / self.N) if self.N else 1.0

    def rank(self, query: str) -> list[tuple[str, float]]:
        q = bm25_terms(query)   # Lucene-like: each query-token occurrence is a clause
        df = {t: 0 for t in q}
        for tf, _ in self.docs:
            for t in q:
                if t in tf:
                    df[t] += 1
        idf = {t: math.log(1 + (self.N - n + 0.5) / (n + 0.5)) for t, n in df.items() if n}
        k1, b, avgdl = self.k1, self.b, self.avgdl
        scores = []
        for rel, (tf, dl) in zip(self.files, self.docs):
            s = 0.0
            norm = k1 * (1 - b + b * dl / avgdl)
            for t, w in idf.items():
                f = tf.get(t)
                if f:
                    s += q[t] * w * f * (k1 + 1) / (f + norm)
            scores.append((rel, s))
        scores.sort(key=lambda x: (-x[1], x[0]))
        return scores


# --------------------------------------------------------------------------
# ctx invocation
# --------------------------------------------------------------------------

class Ctx:
    def __init__(self, binary: str, token_counter: str = "ctx", timeout: float = 600):
        self.bin = binary
        self.token_counter = token_counter
        self.timeout = timeout

    def stamp(self) -> str:
        st = os.stat(self.bin)
        return f"{st.st_size}:{st.st_mtime_ns}"

    def index(self, tree: Path, extra: list[str]) -> tuple[float, str]:
        t0 = time.perf_counter()
        r = subprocess.run([self.bin, "index", *extra, str(tree)], capture_output=True, text=True,
                           timeout=self.timeout)
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            raise RuntimeError(f"ctx index failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
        return dt, r.stdout.strip()

    def pack(self, tree: Path, text: str, budget: int, extra: list[str]) -> tuple[float, dict]:
        cmd = [self.bin, "pack", "--budget", str(budget), "--tokenizer", "cl100k",
               "--format", "json", *extra, "-"]
        t0 = time.perf_counter()
        r = subprocess.run(cmd, cwd=tree, input=text, capture_output=True, text=True, timeout=self.timeout)
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            raise RuntimeError(f"ctx pack failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
        return dt, json.loads(r.stdout)

    def count_text(self, text: str) -> int:
        if self.token_counter == "approx":
            return (len(text.encode()) + 3) // 4
        r = subprocess.run([self.bin, "tokens", "--tokenizer", "cl100k"], input=text,
                           capture_output=True, text=True, check=True)
        return int(r.stdout.strip().split()[0])

    def count_files(self, tree: Path, rels: list[str]) -> dict:
        if self.token_counter == "approx":
            return {r: ((tree / r).stat().st_size + 3) // 4 for r in rels}
        out = {}
        for i in range(0, len(rels), 2000):
            chunk = rels[i:i + 2000]
            r = subprocess.run([self.bin, "tokens", "--tokenizer", "cl100k", *chunk], cwd=tree,
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError(f"ctx tokens failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
            for line in r.stdout.splitlines():
                if "\t" in line:
                    c, p = line.split("\t", 1)
                    out[norm_path(p)] = int(c)
        missing = [r for r in rels if r not in out]
        if missing:
            raise RuntimeError(f"ctx tokens gave no count for {len(missing)} files, e.g. {missing[:3]}")
        return out


# --------------------------------------------------------------------------
# Trees
# --------------------------------------------------------------------------

_pair_locks: dict = {}
_pair_locks_guard = threading.Lock()


def _pair_lock(key) -> threading.Lock:
    with _pair_locks_guard:
        return _pair_locks.setdefault(key, threading.Lock())


def build_tree(task, work: Path, get_repo: str, rebuild: bool) -> dict:
    """Build (or reuse) the pre-fix tree of a task. Returns the marker dict:
    {"status": reversed|pre|mismatch|failed, "tree": path, ...}."""
    tdir = work / "trees" / task["id"]
    tree = tdir / "tree"
    marker = tdir / TREE_MARKER
    if marker.is_file() and not rebuild:
        info = json.loads(marker.read_text())
        if info.get("status") == "mismatch" or tree.is_dir():
            return info
    if tdir.exists():
        shutil.rmtree(tdir)
    tdir.mkdir(parents=True)
    patchf = tdir / "gold.diff"
    patchf.write_text(task["patch"])
    t0 = time.perf_counter()
    with _pair_lock((task["pypi_name"], task["version"])):
        r = subprocess.run(["bash", get_repo, task["pypi_name"], task["version"], str(tree), str(patchf)],
                           capture_output=True, text=True)
    patchf.unlink(missing_ok=True)        # the answer must not be in the indexed tree
    info = {"id": task["id"], "tree": str(tree), "data_snapshot_status": task.get("snapshot_status"),
            "build_s": round(time.perf_counter() - t0, 1), "get_repo_stderr": r.stderr.strip()[-1500:]}
    snap = tree / ".ctx-eval-snapshot"
    if r.returncode != 0 or not snap.is_file():
        info["status"] = "failed"
        log(f"[{task['id']}] get_repo failed: {r.stderr.strip()[-500:]}")
        return info                        # not cached: retried on the next run
    info["status"] = snap.read_text().strip()
    snap.unlink()                          # keep the tree free of eval artefacts
    if info["status"] == "mismatch":
        shutil.rmtree(tree, ignore_errors=True)
    marker.write_text(json.dumps(info, indent=1))
    return info


def ensure_index(ctx: Ctx, tree: Path, tdir: Path, extra: list[str], reindex: bool, keep_index: bool = False) -> dict:
    marker = tdir / INDEX_MARKER
    want = {"ctx": ctx.stamp(), "args": extra}
    if marker.is_file() and not reindex and (tree / ".ctx").exists():
        info = json.loads(marker.read_text())
        if keep_index or (info.get("ctx") == want["ctx"] and info.get("args") == extra):
            info["reused"] = True
            return info
    shutil.rmtree(tree / ".ctx", ignore_errors=True)
    dt, out = ctx.index(tree, extra)
    info = dict(want, index_s=round(dt, 3), summary=out[-1000:])
    marker.write_text(json.dumps(info, indent=1))
    info["reused"] = False
    return info


def baseline_token_counts(ctx: Ctx, tree: Path, tdir: Path, files: list[str]) -> dict:
    cache_f = tdir / f"bm25-tokens-{ctx.token_counter}.json"
    cache = {}
    if cache_f.is_file():
        try:
            cache = json.loads(cache_f.read_text())
        except ValueError:
            cache = {}
    out, todo = {}, []
    for rel in files:
        st = (tree / rel).stat()
        key = f"{st.st_size}:{st.st_mtime_ns}"
        c = cache.get(rel)
        if c and c[0] == key:
            out[rel] = c[1]
        else:
            todo.append(rel)
    if todo:
        got = ctx.count_files(tree, todo)
        for rel in todo:
            st = (tree / rel).stat()
            cache[rel] = [f"{st.st_size}:{st.st_mtime_ns}", got[rel]]
            out[rel] = got[rel]
        cache = {k: v for k, v in cache.items() if k in out}
        cache_f.write_text(json.dumps(cache))
    return out


# --------------------------------------------------------------------------
# Per task
# --------------------------------------------------------------------------

def validate_items(tree: Path, items: list[dict], line_counts: dict) -> list[str]:
    bad = []
    for it in items:
        p = norm_path(str(it.get("path", "")))
        s, e = it.get("start_line"), it.get("end_line")
        f = tree / p
        if p not in line_counts:
            line_counts[p] = len(read_lines(f)) if f.is_file() else None
        n = line_counts[p]
        if n is None:
            bad.append(f"{p}: no such file")
        elif not (isinstance(s, int) and isinstance(e, int) and 1 <= s <= e <= max(n, 1)):
            bad.append(f"{p}:{s}-{e} outside 1..{n}")
    return bad


def run_task(task, args, ctx: Ctx, budgets: list[int], emit) -> None:
    tid = task["id"]
    work = Path(args.work)
    info = build_tree(task, work, args.get_repo, args.rebuild)
    base_row = {"id": tid, "repo": task["repo"], "snapshot": info.get("status"),
                "data_snapshot": task.get("snapshot_status")}
    if info["status"] not in ("reversed", "pre"):
        emit(dict(base_row, variant="excluded", label="excluded", budget=None, status=info["status"],
                  error=info.get("get_repo_stderr", "")[-500:]))
        return
    tree = Path(info["tree"])
    tdir = tree.parent
    hunks = task_hunks(task, tree)
    missing_gold = [f for f in gold_target_files(task) if not (tree / f).is_file()]
    base_row["missing_gold_in_tree"] = missing_gold
    # False when the tree's context differs from the patch (get_repo reverse/forward-applied with fuzz)
    base_row["tree_exact"] = all(str(h["method"]).startswith("exact") for h in hunks)
    line_counts: dict = {}

    if args.run_ctx:
        try:
            idx = ensure_index(ctx, tree, tdir, args.index_args_list, args.reindex, args.keep_index)
        except Exception as e:  # noqa: BLE001
            for B in budgets:
                emit(dict(base_row, variant="ctx", label=args.label, budget=B, status="error",
                          error=str(e), **_zero(task, hunks)))
            idx = None
        if idx is not None:
            for B in budgets:
                row = dict(base_row, variant="ctx", label=args.label, budget=B,
                           index_s=idx.get("index_s"), index_reused=idx.get("reused"))
                try:
                    dt, pk = ctx.pack(tree, task["problem_statement"], B, args.variant_args_list)
                except Exception as e:  # noqa: BLE001
                    emit(dict(row, status="error", error=str(e), **_zero(task, hunks)))
                    continue
                items = pk.get("items") or []
                sc = score(task, hunks, items)
                reported = pk.get("tokens")
                recount = ctx.count_text(pk.get("markdown", "")) if args.verify_tokens else None
                toks = max(x for x in (reported, recount, 0) if isinstance(x, int))
                if args.keep_packs:
                    pd = work / "packs" / _safe(args.label)
                    pd.mkdir(parents=True, exist_ok=True)
                    (pd / f"{tid}-{B}.json").write_text(json.dumps(pk))
                row.update(status="ok", pack_ms=round(dt * 1000, 1), tokens=reported,
                           tokens_recount=recount, over_budget=toks > B,
                           token_mismatch=(recount is not None and recount != reported),
                           n_items=len(items),
                           bad_items=validate_items(tree, items, line_counts)[:20],
                           kinds=dict(Counter(str(it.get("kind")) for it in items)),
                           top_paths=_top_paths(items, 15), **sc)
                emit(row)

    if args.run_baseline:
        t0 = time.perf_counter()
        files = baseline_files(tree)
        counts = baseline_token_counts(ctx, tree, tdir, files)
        ranked = BM25(tree, files).rank(task["problem_statement"])
        rank_s = time.perf_counter() - t0
        gold = set(gold_target_files(task))
        gold_rank = {r: i + 1 for i, (r, _) in enumerate(ranked) if r in gold}
        for B in budgets:
            used, items = 0, []
            for rel, s in ranked:
                c = counts[rel]
                if used + c <= B:
                    used += c
                    n = len(read_lines(tree / rel))
                    items.append({"path": rel, "start_line": 1, "end_line": max(n, 1),
                                  "kind": "body", "tokens": c, "score": s})
                if B - used <= 0:
                    break
            sc = score(task, hunks, items)
            emit(dict(base_row, variant=BASELINE, label=BASELINE, budget=B, status="ok",
                      pack_ms=round(rank_s * 1000, 1), tokens=used, over_budget=used > B,
                      n_items=len(items), n_candidates=len(files), gold_rank=gold_rank,
                      top_paths=[it["path"] for it in items[:15]], **sc))


def _zero(task, hunks):
    gold = gold_target_files(task)
    return {"file_recall": 0.0 if gold else None, "edit_recall": 0.0 if hunks else None,
            "all_files": False if gold else None, "gold_files": gold, "files_hit": [],
            "over_budget": False}


def _top_paths(items, n):
    seen = []
    for it in items:
        p = norm_path(str(it.get("path", "")))
        if p not in seen:
            seen.append(p)
        if len(seen) >= n:
            break
    return seen


def _safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", s)[:80] or "x"


# --------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------

def summarize(rows: list[dict]) -> str:
    excluded = {r["id"]: r.get("status") for r in rows if r.get("variant") == "excluded"}
    groups: dict = {}
    for r in rows:
        if r.get("variant") == "excluded":
            continue
        groups.setdefault((r["label"], r["budget"]), []).append(r)

    def mean(xs):
        xs = [x for x in xs if x is not None]
        return (sum(xs) / len(xs)) if xs else float("nan")

    hdr = f"{'variant':<28} {'budget':>7} {'file_rec':>8} {'edit_rec':>8} {'all_files':>9} {'over_B':>6} {'tasks':>5} {'errors':>6} {'pack_ms':>8}"
    out = [hdr, "-" * len(hdr)]
    order = sorted(groups, key=lambda k: (k[0] == BASELINE, k[0], k[1]))
    for label, B in order:
        g = groups[(label, B)]
        ok = [r for r in g if r.get("status") == "ok"]
        pms = [r["pack_ms"] for r in ok if r.get("pack_ms") is not None]
        out.append(f"{label[:28]:<28} {B:>7} {mean(r.get('file_recall') for r in g):>8.3f} "
                   f"{mean(r.get('edit_recall') for r in g):>8.3f} "
                   f"{mean(None if r.get('all_files') is None else float(r['all_files']) for r in g):>9.3f} "
                   f"{sum(1 for r in g if r.get('over_budget')):>6} {len(g):>5} {len(g) - len(ok):>6} "
                   f"{(statistics.fmean(pms) if pms else float('nan')):>8.1f}")
    notes = []
    if excluded:
        notes.append(f"excluded tasks: {len(excluded)} (" +
                     ", ".join(f"{k}={v}" for k, v in sorted(excluded.items())) + ")")
    mism = sorted({r["id"] for r in rows if r.get("token_mismatch")})
    if mism:
        notes.append(f"token count mismatch (reported != `ctx tokens` recount): {len(mism)} packs, e.g. {mism[:5]}")
    bad = sorted({r["id"] for r in rows if r.get("bad_items")})
    if bad:
        notes.append(f"packs with items outside the file / unknown paths: {len(bad)} tasks, e.g. {bad[:5]}")
    fuzzy = sorted({r["id"] for r in rows if r.get("tree_exact") is False})
    if fuzzy:
        notes.append(f"tasks whose tree does not match the patch context exactly (fuzzy hunk location): "
                     f"{len(fuzzy)} ({', '.join(fuzzy[:14])})")
    snapdiff = sorted({r["id"] for r in rows if r.get("snapshot") and r.get("data_snapshot")
                       and r["snapshot"] != r["data_snapshot"]})
    if snapdiff:
        notes.append(f"snapshot differs from dev.jsonl's snapshot_status: {', '.join(snapdiff)}")
    return "\n".join(out + notes)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def parse_budgets(s: str) -> list[int]:
    out = []
    for x in s.split(","):
        x = x.strip().lower()
        if x:
            out.append(int(float(x[:-1]) * 1000) if x.endswith("k") else int(x))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks-file", default=DEFAULT_TASKS)
    ap.add_argument("--get-repo", default=DEFAULT_GET_REPO)
    ap.add_argument("--limit", type=int, default=0, help="first N tasks (after --tasks)")
    ap.add_argument("--tasks", default="", help="comma-separated task ids")
    ap.add_argument("--budgets", default="8000,32000")
    ap.add_argument("--ctx", default=DEFAULT_CTX, help="path to the ctx binary")
    ap.add_argument("--work", default=DEFAULT_WORK)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", default="", help="per-task rows (default WORK/results-LABEL.jsonl)")
    ap.add_argument("--label", default="", help="name of the ctx variant in the table/out file")
    ap.add_argument("--variant-args", default="", help="extra flags for `ctx pack` (shell-split)")
    ap.add_argument("--index-args", default="", help="extra flags for `ctx index` (shell-split)")
    ap.add_argument("--no-baseline", dest="run_baseline", action="store_false")
    ap.add_argument("--baseline-only", action="store_true", help="skip ctx pack (still needs `ctx tokens`)")
    ap.add_argument("--no-verify-tokens", dest="verify_tokens", action="store_false",
                    help="do not recount each pack's markdown with `ctx tokens`")
    ap.add_argument("--no-keep-packs", dest="keep_packs", action="store_false",
                    help="do not save pack JSON under WORK/packs/LABEL/")
    ap.add_argument("--keep-index", action="store_true", help="reuse an existing .ctx even if the binary changed (for query-only changes)")
    ap.add_argument("--reindex", action="store_true", help="rebuild .ctx even if the binary is unchanged")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the task trees")
    ap.add_argument("--token-counter", choices=["ctx", "approx"], default="ctx",
                    help="'approx' (bytes/4) is only for testing the harness without a ctx binary")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per ctx index/pack call")
    ap.add_argument("--prepare-only", action="store_true", help="only build the trees")
    ap.add_argument("--summarize", nargs="+", metavar="RESULTS", help="print the table for existing result files")
    args = ap.parse_args(argv)

    if args.summarize:
        rows = []
        for f in args.summarize:
            rows += [json.loads(l) for l in open(f) if l.strip()]
        print(summarize(rows))
        return 0

    import shlex
    args.variant_args_list = shlex.split(args.variant_args)
    args.index_args_list = shlex.split(args.index_args)
    args.run_ctx = not args.baseline_only and not args.prepare_only
    if args.prepare_only:
        args.run_baseline = False
    if not args.label:
        args.label = "ctx" + (f"[{args.variant_args}]" if args.variant_args else "")
    budgets = parse_budgets(args.budgets)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    out_path = Path(args.out) if args.out else work / f"results-{_safe(args.label)}.jsonl"

    tasks = [json.loads(l) for l in open(args.tasks_file) if l.strip()]
    if args.tasks:
        want = [t.strip() for t in args.tasks.split(",") if t.strip()]
        by_id = {t["id"]: t for t in tasks}
        unknown = [w for w in want if w not in by_id]
        if unknown:
            ap.error(f"unknown task ids: {unknown}")
        tasks = [by_id[w] for w in want]
    if args.limit:
        tasks = tasks[:args.limit]

    need_ctx = args.run_ctx or (args.run_baseline and args.token_counter == "ctx")
    if need_ctx and not os.access(args.ctx, os.X_OK):
        ap.error(f"ctx binary not found at {args.ctx} (build with `cargo build --release`)")
    ctx = Ctx(args.ctx, args.token_counter, args.timeout)

    rows: list = []
    lock = threading.Lock()
    out_f = open(out_path, "w")

    def emit(row):
        with lock:
            rows.append(row)
            out_f.write(json.dumps(row) + "\n")
            out_f.flush()

    done = [0]

    def one(task):
        t0 = time.perf_counter()
        try:
            if args.prepare_only:
                info = build_tree(task, work, args.get_repo, args.rebuild)
                emit({"id": task["id"], "variant": "prepare", "status": info["status"]})
            else:
                run_task(task, args, ctx, budgets, emit)
        except Exception as e:  # noqa: BLE001
            log(f"[{task['id']}] harness error: {type(e).__name__}: {e}")
            emit({"id": task["id"], "variant": "excluded", "label": "excluded", "budget": None,
                  "status": f"harness-error: {e}"})
        with lock:
            done[0] += 1
            log(f"[{done[0]}/{len(tasks)}] {task['id']} {time.perf_counter() - t0:.1f}s")

    t_all = time.perf_counter()
    if args.jobs <= 1:
        for t in tasks:
            one(t)
    else:
        with cf.ThreadPoolExecutor(args.jobs) as ex:
            list(ex.map(one, tasks))
    out_f.close()
    if args.prepare_only:
        print(Counter(r["status"] for r in rows))
        return 0
    print(summarize(rows))
    print(f"\n{len(tasks)} tasks in {time.perf_counter() - t_all:.0f}s; per-task rows: {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

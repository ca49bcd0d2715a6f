"""The plain BM25 whole-file baseline of the issue suites.

SWE-bench (../shared/eval/README.md, "Baseline"): BM25 over the tree's non-test `*.py`
files, a document being its path plus its content. Poly (../shared/eval/poly/README.md):
BM25 over whole source files of the task's language. Files are then packed whole in rank
order, skipping any that no longer fits. Terms: lowercased `[A-Za-z0-9_]+` runs plus their
snake_case and camelCase parts; k1=1.2, b=0.75, Lucene idf; the query is the problem
statement with term frequency. Rankings and cl100k file sizes are cached beside the tree
(they do not depend on the ctx binary), so only the first run pays for them.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter
from pathlib import Path

from patches import read_lines

VERSION = 1   # bump when the ranking changes, to invalidate cached rankings

# file extensions of each poly language (C and C++ share headers)
LANG_EXT = {
    "Python": (".py",),
    "Rust": (".rs",),
    "Go": (".go",),
    "Java": (".java",),
    "JavaScript": (".js", ".mjs", ".cjs", ".jsx"),
    "C": (".c", ".h"),
    "C++": (".cc", ".cpp", ".cxx", ".c++", ".h", ".hh", ".hpp", ".hxx", ".ipp", ".tcc", ".inl"),
}

_RUN_RE = re.compile(r"[A-Za-z0-9_]+")
_CAMEL_RE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_expand_cache: dict = {}


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
    """SWE-bench's test files: under a tests/ or test/ folder, test_*.py, *_test.py, conftest.py."""
    parts = rel.split("/")
    if any(d in ("tests", "test") for d in parts[:-1]):
        return True
    name = parts[-1]
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def baseline_files(tree: Path, language: str, skip_tests: bool) -> list[str]:
    """The files the baseline ranks, sorted: source files of `language`, minus SWE-bench's
    test files when `skip_tests`."""
    exts = LANG_EXT[language]
    out = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if d != ".ctx" and not d.startswith(".git"))
        for f in sorted(files):
            if f.endswith(exts):
                rel = os.path.relpath(os.path.join(root, f), tree).replace(os.sep, "/")
                if not (skip_tests and is_test_path(rel)) and os.path.isfile(os.path.join(root, f)):
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


def _load(path: Path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def token_counts(ctx, tree: Path, cache_dir: Path, files: list[str]) -> dict:
    """cl100k size of each file, cached in cache_dir by size and mtime."""
    cache_f = cache_dir / f"bm25-tokens-{ctx.token_counter}.json"
    cache = _load(cache_f) or {}
    out, todo = {}, []
    for rel in files:
        st = (tree / rel).stat()
        c = cache.get(rel)
        if c and c[0] == f"{st.st_size}:{st.st_mtime_ns}":
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


def ranking(ctx, tree: Path, cache_dir: Path, query: str, language: str, skip_tests: bool) -> tuple:
    """(ranked [(file, score, tokens)], n_candidates, seconds or None when cached)."""
    import time
    key = hashlib.sha1(f"{VERSION}|{language}|{skip_tests}|{query}".encode()).hexdigest()[:16]
    cache_f = cache_dir / f"bm25-rank-{key}.json"
    hit = _load(cache_f)
    if hit is not None:
        return [tuple(x) for x in hit["ranked"]], hit["n"], None
    t0 = time.perf_counter()
    files = baseline_files(tree, language, skip_tests)
    counts = token_counts(ctx, tree, cache_dir, files)
    ranked = [(rel, round(s, 4), counts[rel]) for rel, s in BM25(tree, files).rank(query)]
    dt = time.perf_counter() - t0
    cache_f.write_text(json.dumps({"ranked": ranked, "n": len(files)}))
    return ranked, len(files), dt


def pack_whole_files(tree: Path, ranked: list, budget: int) -> tuple[list[dict], int]:
    """Whole files in rank order, skipping any that no longer fits: (items, tokens used)."""
    used, items = 0, []
    for rel, s, c in ranked:
        if used + c <= budget:
            used += c
            n = len(read_lines(tree / rel))
            items.append({"path": rel, "start_line": 1, "end_line": max(n, 1), "kind": "body",
                          "tokens": c, "score": s})
        if budget - used <= 0:
            break
    return items, used

"""Unified diffs: parsing a patch into hunks, and locating each hunk in the pre-fix file.

Used by the issue suites (SWE-bench and poly) to find the lines a fix changed, which
edit recall requires a pack to show verbatim. Hunks are located by content, not by the
`@@` line numbers, because a release tree can differ from the repository at the base
commit (see README.md, "Metrics").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


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


def task_hunks(patch: str, tree: Path, skip: set | frozenset = frozenset(), only: set | None = None) -> list[dict]:
    """Every hunk of `patch` on a pre-existing file, located in the pre-fix `tree`.

    `skip` names files left out (the files a fix adds); when `only` is given, hunks on
    other files are left out too (poly: the doc and changelog files outside gold_files).
    Each hunk is {"path", "header", "method", "changed"}, `changed` being the 1-based
    lines a pack must show verbatim; a hunk whose file is absent has method "missing-file".
    """
    out = []
    cache: dict = {}
    for fp in parse_patch(patch):
        if fp.old_path is None or fp.old_path in skip or (only is not None and fp.old_path not in only):
            continue
        if fp.old_path not in cache:
            p = tree / fp.old_path
            cache[fp.old_path] = read_lines(p) if p.is_file() else None
        lines = cache[fp.old_path]
        for h in fp.hunks:
            if lines is None:
                out.append({"path": fp.old_path, "header": h.old_start, "method": "missing-file", "changed": []})
                continue
            loc = locate_hunk(lines, h)
            out.append({"path": fp.old_path, "header": h.old_start, "method": loc["method"],
                        "changed": loc["changed"]})
    return out

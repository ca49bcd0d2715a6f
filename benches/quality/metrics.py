"""Scoring: pack recall, Acc@k of a ranking, and semble's NDCG@10.

Pure functions over plain data (no ctx, no disk), so selftest.py can check them:

- `score_pack`: file recall, edit recall and the all-files flag of one pack
  (../shared/eval/README.md, "Metrics").
- `rank_locations` / `acc_at_k`: the ranked files, modules and functions of a search,
  the rank at which each gold location is found, and Acc@k as LocAgent's
  evaluation/eval_metric.py and SweRank compute it.
- `semble_ndcg` / `semble_aggregate`: NDCG@10 of one query and the per-repository,
  per-category and per-language means, exactly as ../shared/eval/semble/README.md
  ("The metric, exactly") says.
"""

from __future__ import annotations

import math
import re


def norm_path(p: str) -> str:
    p = str(p).replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def mean(xs):
    xs = [x for x in xs if x is not None]
    return (sum(xs) / len(xs)) if xs else None


# --------------------------------------------------------------------------
# Packs
# --------------------------------------------------------------------------

def score_pack(gold_files: list[str], hunks: list[dict], items: list[dict]) -> dict:
    """File recall, edit recall and all-files of one pack.

    A file is shown when an item of any kind but `map` has a valid span in it (a map line
    names a file without showing its code). A hunk is covered when every one of its
    changed lines lies inside a `body` item of its file.
    """
    shown: set = set()
    body: dict = {}
    for it in items:
        p = norm_path(it.get("path", ""))
        s, e = it.get("start_line"), it.get("end_line")
        if not isinstance(s, int) or not isinstance(e, int) or e < s:
            continue
        if it.get("kind") == "map":
            continue
        shown.add(p)
        if it.get("kind") == "body":
            body.setdefault(p, []).append((s, e))
    files_hit = [f for f in gold_files if f in shown]
    covered = []
    for h in hunks:
        iv = body.get(h["path"], [])
        covered.append(bool(h["changed"]) and all(any(s <= ln <= e for s, e in iv) for ln in h["changed"]))
    return {
        "file_recall": (len(files_hit) / len(gold_files)) if gold_files else None,
        "edit_recall": (sum(covered) / len(covered)) if covered else None,
        "all_files": (len(files_hit) == len(gold_files)) if gold_files else None,
        "files_hit": files_hit,
        "hunks_covered": covered,
    }


# --------------------------------------------------------------------------
# Acc@k of a ranking (LocAgent / SweRank)
# --------------------------------------------------------------------------

_SPLIT = re.compile(r"::|\.")


def name_parts(name: str | None) -> tuple:
    """`Type::method`, `Type.method`, `a::b.c` -> ("Type", "method") ...; template and
    generic arguments and a Go receiver's `(*T)` are dropped."""
    if not name:
        return ()
    n = re.sub(r"<[^<>]*>", "", name)        # one level of template / generic arguments
    n = re.sub(r"^\(\*?([A-Za-z_]\w*)\)", r"\1", n)
    return tuple(p.strip() for p in _SPLIT.split(n) if p.strip())


def gold_functions(pairs) -> list[tuple]:
    """[(file, name)] -> distinct [(file, parts)] in order; unnamed entries dropped."""
    out = []
    for f, n in pairs:
        key = (norm_path(f), name_parts(n))
        if key[1] and key not in out:
            out.append(key)
    return out


def gold_modules(funcs: list[tuple]) -> list[tuple]:
    """LocAgent's module of `file:Class.method` is `file:Class`, of `file:func` `file:func`."""
    out = []
    for f, parts in funcs:
        key = (f, parts[0])
        if key not in out:
            out.append(key)
    return out


def rank_locations(hits: list, gold_files: list[str], gold_fns: list[tuple], changed: dict | None = None) -> dict:
    """The rank at which each gold file, module and function is found in `hits`.

    `hits` are (path, symbol, start_line, end_line) in rank order. Ranks count distinct
    entries in order of first appearance: files by path; modules by (path, first part of
    the symbol); functions by (path, symbol). Hits without a symbol only count for files.

    A gold function (file, parts) is found by a hit in that file whose symbol's parts end
    with `parts` (`Class.method` finds gold `Class.method`; `pkg::Class::method` too). When
    ctx's symbol lacks the qualification the gold name has (a Go method is `handleX`, not
    `ClientConn.handleX`; members of C++ class templates are unqualified), a hit in that file
    whose last part is the gold's last part and whose lines hold one of the fix's changed
    lines of that file (`changed`: {file: [lines]}) is that definition, and counts too.
    A gold module (file, M) is found by a hit in that file whose first part is M or whose
    enclosing parts include M (`Outer.Inner.m` is in module `Inner` too), or by a hit that
    found one of M's functions.
    Returns {"files": [rank|None per gold file], "modules": [...], "functions": [...],
    "functions_by_span": [bool per gold function], "n_files": distinct files ranked, ...}.
    """
    changed = changed or {}
    files: list = []
    modules: list = []
    functions: list = []
    gm = gold_modules(gold_fns)
    f_rank = {f: None for f in gold_files}
    m_rank = {m: None for m in gm}
    fn_rank = {g: None for g in gold_fns}
    by_span = {g: False for g in gold_fns}
    for hit in hits:
        path, symbol = hit[0], hit[1]
        start, end = (hit[2], hit[3]) if len(hit) >= 4 else (None, None)
        p = norm_path(path)
        if p not in files:
            files.append(p)
            if p in f_rank and f_rank[p] is None:
                f_rank[p] = len(files)
        parts = name_parts(symbol)
        if not parts:
            continue
        mk = (p, parts[0])
        if mk not in modules:
            modules.append(mk)
        mr = modules.index(mk) + 1
        fk = (p, parts)
        if fk not in functions:
            functions.append(fk)
        fr = functions.index(fk) + 1
        for (gf, gmod) in gm:
            if gf == p and m_rank[(gf, gmod)] is None and (parts[0] == gmod or gmod in parts[:-1]):
                m_rank[(gf, gmod)] = mr
        lines = changed.get(p, ())
        spans = isinstance(start, int) and isinstance(end, int) and any(start <= ln <= end for ln in lines)
        for g in gold_fns:
            gf, gparts = g
            if gf != p or fn_rank[g] is not None:
                continue
            if parts[-len(gparts):] == gparts:
                fn_rank[g] = fr
            elif spans and parts[-1] == gparts[-1]:
                fn_rank[g] = fr
                by_span[g] = True
            else:
                continue
            if m_rank[(gf, gparts[0])] is None:
                m_rank[(gf, gparts[0])] = mr
    return {"files": [f_rank[f] for f in gold_files], "modules": [m_rank[m] for m in gm],
            "functions": [fn_rank[g] for g in gold_fns], "functions_by_span": [by_span[g] for g in gold_fns],
            "n_files": len(files), "n_modules": len(modules), "n_functions": len(functions)}


def acc_at_k(ranks: list, k: int) -> bool | None:
    """LocAgent's Acc@k for one task: the top k hold min(k, n) of its n gold locations
    (all of them when n <= k). None when the task has no gold location at this level."""
    if not ranks:
        return None
    found = sum(1 for r in ranks if r is not None and r <= k)
    return found >= min(k, len(ranks))


# --------------------------------------------------------------------------
# semble's NDCG@10
# --------------------------------------------------------------------------

def infer_category(query: str) -> str:
    if " " not in query.strip():
        return "symbol"
    if query.lower().startswith("how "):
        return "architecture"
    return "semantic"


def parse_target(t) -> tuple:
    """A string is a whole file: (path, None, None); an object is (path, start, end)."""
    if isinstance(t, str):
        return (t, None, None)
    s, e = t.get("start_line"), t.get("end_line")
    return (str(t["path"]), int(s) if s is not None else None, int(e) if e is not None else None)


def semble_path_match(a: str, b: str) -> bool:
    a, b = a.replace("\\", "/"), b.replace("\\", "/")
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


def semble_target_rank(results: list, target: tuple, k: int = 10) -> int | None:
    """1-based rank of the first of the top k (path, start, end) results that matches the
    target's path and overlaps its span (any chunk of the file for a target without one)."""
    tp, ts, te = target
    for i, (p, s, e) in enumerate(results[:k], 1):
        if not semble_path_match(p, tp):
            continue
        if ts is None or te is None or not (e < ts or s > te):
            return i
    return None


def dcg(rels) -> float:
    return sum(r / math.log2(i + 2) for i, r in enumerate(rels))


def semble_ndcg(results: list, targets: list, k: int = 10) -> tuple[float, list]:
    """NDCG@k of one query and the rank of each target. Each found rank has relevance 1,
    once even when several targets share it; IDCG is that of min(k, len(targets)) ones,
    targets missing from the tree included."""
    ranks = [semble_target_rank(results, t, k) for t in targets]
    if not targets:
        return 0.0, ranks
    rels = [0] * k
    for r in ranks:
        if r is not None:
            rels[r - 1] = 1
    return dcg(rels) / dcg([1] * min(k, len(targets))), ranks


def semble_aggregate(rows: list[dict]) -> dict:
    """rows: {"repo", "language", "category", "ndcg10"} per query. Returns overall (mean of
    repo means), per category (mean over repos of each repo's category mean), per language
    (mean over its repos' means) and per repo."""
    by_repo: dict = {}
    for r in rows:
        by_repo.setdefault(r["repo"], []).append(r)
    repo_mean = {repo: mean(q["ndcg10"] for q in qs) for repo, qs in by_repo.items()}
    lang = {repo: qs[0]["language"] for repo, qs in by_repo.items()}
    cats = sorted({q["category"] for q in rows})
    per_cat = {}
    for c in cats:
        per_cat[c] = mean(mean(q["ndcg10"] for q in qs if q["category"] == c)
                          for qs in by_repo.values() if any(q["category"] == c for q in qs))
    per_lang = {}
    for lg in sorted(set(lang.values())):
        per_lang[lg] = mean(repo_mean[repo] for repo in repo_mean if lang[repo] == lg)
    return {"overall": mean(repo_mean.values()), "category": per_cat, "language": per_lang,
            "repo": repo_mean, "queries": {repo: len(qs) for repo, qs in by_repo.items()},
            "repo_language": lang}

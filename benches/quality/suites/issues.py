"""The driver of the issue suites (swe and poly): a task is an issue with its fix; the
harness builds its pre-fix tree, indexes it, packs the issue at each budget and searches
it, then scores the packs (file and edit recall) and the search (Acc@k).

The suites supply `IssueTask`s and a tree builder; this module does the rest:
- `prepare`: every task's tree (cached; a failed build is retried on the next run);
- `index_all`: one index per tree and binary. The trees of one family (one repository) are
  indexed in order (release or pull-request number): the first in full, each next one
  seeded from the previous one's index and refreshed (ctxrun.ensure_index), which reparses
  only the files that differ;
- `run_task`: packs and search for every variant, plus the BM25 baseline when asked.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import baseline
import metrics
from ctxrun import CtxError, ensure_index
from patches import read_lines, task_hunks

SEARCH_LIMIT = 50      # hits asked of `ctx search` for Acc@k (k <= 10 distinct entries)


@dataclass
class IssueTask:
    suite: str                 # "swe" or "poly"
    id: str
    language: str              # "Python", "Rust", ...
    repo: str
    family: str                # trees of one family seed each other's index
    tree_key: str              # folder under WORK/<suite>/trees
    problem: str
    patch: str
    gold_files: list           # targets of file recall and Acc@k
    gold_fns: list             # [(file, name)]
    hunk_skip: set = field(default_factory=set)     # files the fix adds
    hunk_only: set | None = None                   # hunks counted only in these files
    baseline_skip_tests: bool = False
    extra: dict = field(default_factory=dict)       # suite fields copied into rows
    raw: dict = field(default_factory=dict, repr=False)   # the task's line of the suite file
    order: tuple = ()          # position in its family: trees are indexed in this order


def read_jsonl(path) -> list[dict]:
    """The objects of a JSON-lines file, blank lines skipped."""
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def log(*a):
    import sys
    print(*a, file=sys.stderr, flush=True)


def _pool(jobs: int, fn, items):
    if jobs <= 1:
        return [fn(x) for x in items]
    with cf.ThreadPoolExecutor(jobs) as ex:
        return list(ex.map(fn, items))


def prepare(tasks: list[IssueTask], build, jobs: int) -> dict:
    """{tree_key: info} with info["status"] "ok" (and info["tree"]) or a failure reason.
    `build(task)` builds or reuses one tree; tasks sharing a tree_key build it once."""
    first = {}
    for t in tasks:
        first.setdefault(t.tree_key, t)
    done = [0]
    lock = threading.Lock()

    def one(t):
        t0 = time.perf_counter()
        try:
            info = build(t)
        except Exception as e:  # noqa: BLE001
            info = {"status": f"harness-error: {type(e).__name__}: {e}"}
        with lock:
            done[0] += 1
            if info.get("status") != "ok" or not info.get("reused"):
                log(f"  [{t.suite} tree {done[0]}/{len(first)}] {t.tree_key}: {info.get('status')} "
                    f"{time.perf_counter() - t0:.1f}s")
        return t.tree_key, info

    return dict(_pool(jobs, one, list(first.values())))


def index_all(ctx, tasks: list[IssueTask], trees: dict, args, emit) -> dict:
    """Index every tree that built; returns {tree_key: index info or {"error"}}."""
    families: dict = {}
    for t in sorted(tasks, key=lambda t: (t.family, t.order, t.id)):
        info = trees.get(t.tree_key, {})
        if info.get("status") == "ok":
            keys = families.setdefault(t.family, [])
            if t.tree_key not in keys:
                keys.append(t.tree_key)
    out: dict = {}
    lock = threading.Lock()

    def family(keys):
        prev = None
        for key in keys:
            info = trees[key]
            tree = Path(info["tree"])
            try:
                idx = ensure_index(ctx, tree, Path(info["dir"]) / "indexed.json", args.index_args_list,
                                   reindex=args.reindex, keep_index=args.keep_index,
                                   seed=prev if args.seed_index else None)
            except Exception as e:  # noqa: BLE001
                idx = {"error": str(e)[-800:]}
                log(f"  index of {key} failed: {str(e)[-300:]}")
            if "error" not in idx:
                prev = tree
            with lock:
                out[key] = idx
                if not idx.get("reused") and "error" not in idx:
                    log(f"  [{tasks[0].suite} index {len(out)}] {key}: {idx.get('index_s')}s"
                        f"{' (seeded)' if idx.get('seed') else ''}")
            emit({"type": "index", "suite": tasks[0].suite, "tree": key, "reused": idx.get("reused"),
                  "index_s": idx.get("index_s"), "seeded": bool(idx.get("seed")), "error": idx.get("error")})

    _pool(args.jobs, family, list(families.values()))
    return out


def _bad_items(tree: Path, items: list[dict], line_counts: dict) -> list[str]:
    bad = []
    for it in items:
        p = metrics.norm_path(it.get("path", ""))
        s, e = it.get("start_line"), it.get("end_line")
        if p not in line_counts:
            f = tree / p
            line_counts[p] = len(read_lines(f)) if f.is_file() else None
        n = line_counts[p]
        if n is None:
            bad.append(f"{p}: no such file")
        elif not (isinstance(s, int) and isinstance(e, int) and 1 <= s <= e <= max(n, 1)):
            bad.append(f"{p}:{s}-{e} outside 1..{n}")
    return bad


def _top_paths(items, n=15):
    seen = []
    for it in items:
        p = metrics.norm_path(it.get("path", ""))
        if p not in seen:
            seen.append(p)
        if len(seen) >= n:
            break
    return seen


def _safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", s)[:80] or "x"


def run_task(task: IssueTask, tree_info: dict, index_info: dict | None, ctx, args, variants, emit) -> None:
    """Packs at every budget and one search per variant, the baseline if asked; one row each."""
    base = {"suite": task.suite, "id": task.id, "language": task.language, "repo": task.repo, **task.extra}
    if tree_info.get("status") != "ok":
        emit(dict(base, type="excluded", reason=f"tree: {tree_info.get('status')}"))
        return
    tree = Path(tree_info["tree"])
    hunks = task_hunks(task.patch, tree, skip=task.hunk_skip, only=task.hunk_only)
    missing_gold = [f for f in task.gold_files if not (tree / f).is_file()]
    base["tree_exact"] = all(str(h["method"]).startswith("exact") for h in hunks)
    if missing_gold:
        base["missing_gold"] = missing_gold
    gold_fns = metrics.gold_functions(task.gold_fns)
    rank_base = dict(base, n_gold_files=len(task.gold_files), n_gold_functions=len(gold_fns),
                     n_gold_modules=len(metrics.gold_modules(gold_fns)))
    zero = {"file_recall": 0.0 if task.gold_files else None, "edit_recall": 0.0 if hunks else None,
            "all_files": False if task.gold_files else None, "over_budget": False}
    changed: dict = {}
    for h in hunks:
        changed.setdefault(h["path"], []).extend(h["changed"])
    line_counts: dict = {}
    index_failed = index_info is None or "error" in index_info

    for v in variants:
        if index_failed:
            err = (index_info or {}).get("error", "no index")
            for B in args.budgets:
                emit(dict(base, type="pack", variant=v.name, budget=B, status="error", error=err, **zero))
            emit(dict(rank_base, type="rank", variant=v.name, status="error", error=err,
                      files=[None] * len(task.gold_files), modules=[None] * rank_base["n_gold_modules"],
                      functions=[None] * len(gold_fns)))
            continue
        packs = []
        for B in args.budgets:
            row = dict(base, type="pack", variant=v.name, budget=B, index_s=index_info.get("index_s"),
                       index_reused=index_info.get("reused"))
            try:
                dt, pk = ctx.pack(tree, task.problem, B, v.pack_flags)
            except Exception as e:  # noqa: BLE001
                emit(dict(row, status="error", error=str(e)[-800:], **zero))
                continue
            items = pk.get("items") or []
            sc = metrics.score_pack(task.gold_files, hunks, items)
            if args.keep_packs:
                pd = Path(args.work) / task.suite / "packs" / _safe(v.name)
                pd.mkdir(parents=True, exist_ok=True)
                (pd / f"{task.id}-{B}.json").write_text(json.dumps(pk))
            row.update(status="ok", pack_ms=round(dt * 1000, 1), tokens=pk.get("tokens"), n_items=len(items),
                       kinds=dict(Counter(str(it.get("kind")) for it in items)),
                       bad_items=_bad_items(tree, items, line_counts)[:20], top_paths=_top_paths(items),
                       gold_files=task.gold_files, files_hit=sc["files_hit"],
                       file_recall=sc["file_recall"], edit_recall=sc["edit_recall"], all_files=sc["all_files"],
                       hunks=[dict(h, covered=c) for h, c in zip(hunks, sc["hunks_covered"])])
            packs.append((row, pk.get("markdown", "")))
        recounts = [None] * len(packs)
        if args.verify_tokens and packs:
            try:
                recounts = ctx.count_texts([md for _, md in packs])
            except CtxError as e:
                log(f"[{task.id}] token recount failed: {e}")
        for (row, _), rc in zip(packs, recounts):
            toks = max(x for x in (row["tokens"], rc, 0) if isinstance(x, int))
            row.update(tokens_recount=rc, over_budget=toks > row["budget"],
                       token_mismatch=(rc is not None and rc != row["tokens"]))
            emit(row)
        # the ranking: Acc@k of `ctx search`
        row = dict(rank_base, type="rank", variant=v.name)
        try:
            dt, res = ctx.search(tree, task.problem, SEARCH_LIMIT, v.search_flags)
        except Exception as e:  # noqa: BLE001
            emit(dict(row, status="error", error=str(e)[-800:], files=[None] * len(task.gold_files),
                      modules=[None] * rank_base["n_gold_modules"], functions=[None] * len(gold_fns)))
            continue
        hits = res.get("hits") or []
        rk = metrics.rank_locations([(h.get("path", ""), h.get("symbol"), h.get("start_line"), h.get("end_line"))
                                     for h in hits], task.gold_files, gold_fns, changed)
        emit(dict(row, status="ok", search_ms=round(dt * 1000, 1), n_hits=len(hits), **rk,
                  hits=[[h.get("path"), h.get("start_line"), h.get("end_line"), h.get("symbol")] for h in hits]))

    if args.baseline:
        bl = "bm25"
        try:
            ranked, n_cand, dt = baseline.ranking(ctx, tree, Path(tree_info["dir"]), task.problem, task.language,
                                                  task.baseline_skip_tests)
        except Exception as e:  # noqa: BLE001
            emit(dict(base, type="excluded", reason=f"baseline: {e}"))
            return
        gold = set(task.gold_files)
        gold_rank = {r: i + 1 for i, (r, _, _) in enumerate(ranked) if r in gold}
        for B in args.budgets:
            items, used = baseline.pack_whole_files(tree, ranked, B)
            sc = metrics.score_pack(task.gold_files, hunks, items)
            emit(dict(base, type="pack", variant=bl, budget=B, status="ok",
                      pack_ms=None if dt is None else round(dt * 1000, 1), tokens=used, over_budget=used > B,
                      n_items=len(items), n_candidates=n_cand, gold_rank=gold_rank,
                      top_paths=[it["path"] for it in items[:15]], gold_files=task.gold_files,
                      files_hit=sc["files_hit"], file_recall=sc["file_recall"], edit_recall=sc["edit_recall"],
                      all_files=sc["all_files"], hunks=[dict(h, covered=c) for h, c in zip(hunks, sc["hunks_covered"])]))
        emit(dict(rank_base, type="rank", variant=bl, status="ok", files_only=True,
                  files=[gold_rank.get(f) for f in task.gold_files], modules=[], functions=[],
                  n_files=len(ranked)))


def run_suite(tasks: list[IssueTask], trees: dict, indexes: dict, ctx, args, variants, emit) -> None:
    done = [0]
    lock = threading.Lock()

    def one(t):
        t0 = time.perf_counter()
        try:
            run_task(t, trees.get(t.tree_key, {}), indexes.get(t.tree_key), ctx, args, variants, emit)
        except Exception as e:  # noqa: BLE001
            log(f"[{t.id}] harness error: {type(e).__name__}: {e}")
            emit({"type": "excluded", "suite": t.suite, "id": t.id, "language": t.language,
                  "reason": f"harness-error: {e}"})
        with lock:
            done[0] += 1
            if done[0] % 10 == 0 or done[0] == len(tasks):
                log(f"  [{t.suite} run {done[0]}/{len(tasks)}] {t.id} {time.perf_counter() - t0:.1f}s")

    _pool(args.jobs, one, tasks)

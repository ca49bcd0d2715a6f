#!/usr/bin/env python3
"""The quality benchmark of ctx: all three dev suites in one command.

    python3 benches/quality/run.py                      # swe, poly and semble
    python3 benches/quality/run.py --suites poly --limit 5
    python3 benches/quality/run.py --variant base= --variant nograph="--no-graph"
    python3 benches/quality/run.py --summarize A.jsonl B.jsonl

- swe (suites/swe.py): 132 SWE-bench Verified Python tasks; poly (suites/poly.py): 151
  Multi-SWE-bench tasks in six languages. Each task: `ctx pack` of the issue at each budget
  (file and edit recall, all-files, over-budget) and `ctx search` of it (Acc@k of the
  ranked files, modules and functions, as LocAgent and SweRank score it).
- semble (suites/semble.py): 239 code-search queries over 14 repositories, NDCG@10.

Every variant (`--variant NAME="FLAGS"`, repeatable) runs every pack and search with its
extra flags; a flag a command does not take is left out of that command, with a note.
Results are JSON lines, one per pack, search and query (README.md, "Results"); the tables
are printed at the end and `--summarize` prints them again for any result files.
Python 3.11, stdlib only. See benches/quality/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import report  # noqa: E402
from ctxrun import REPO_ROOT, Ctx, CtxError  # noqa: E402
from suites import issues, poly, semble, swe  # noqa: E402

DEFAULT_CTX = str(REPO_ROOT / "target" / "release" / "ctx")
DEFAULT_WORK = os.path.expanduser("~/.cache/ctx-bench/quality")
SUITES = ("swe", "poly", "semble")


@dataclass
class Variant:
    name: str
    flags: list
    pack_flags: list = field(default_factory=list)
    search_flags: list = field(default_factory=list)
    dropped: dict = field(default_factory=dict)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def parse_budgets(s: str) -> list[int]:
    out = []
    for x in s.split(","):
        x = x.strip().lower()
        if x:
            out.append(int(float(x[:-1]) * 1000) if x.endswith("k") else int(x))
    return out


def parse_variants(specs: list[str], ap) -> list[Variant]:
    out = []
    for s in specs:
        name, sep, flags = s.partition("=")
        if not sep or not name.strip():
            ap.error(f'--variant wants NAME="FLAGS" (FLAGS may be empty), got {s!r}')
        if name in [v.name for v in out] or name == "bm25":
            ap.error(f"variant name {name!r} used twice or reserved")
        out.append(Variant(name.strip(), shlex.split(flags)))
    return out


def load_rows(files: list[str]) -> list[dict]:
    """Rows of several result files; a variant name seen in an earlier file gets @STEM."""
    rows, seen = [], set()
    for f in files:
        got = [json.loads(line) for line in open(f) if line.strip()]
        names = {r.get("variant") for r in got if r.get("variant")}
        rename = {n: f"{n}@{Path(f).stem}" for n in names if n in seen}
        seen |= {rename.get(n, n) for n in names}
        for r in got:
            if r.get("variant") in rename:
                r["variant"] = rename[r["variant"]]
            if r.get("type") == "meta":
                for v in r.get("variants", []):
                    v["name"] = rename.get(v["name"], v["name"])
        rows += got
    return rows


def snapshot_binary(binary: str, work: Path, keep: int = 3) -> str:
    """A private copy of the binary (same size and mtime, so the same index stamp), so that
    a rebuild by someone else during the run changes nothing; the last `keep` are kept."""
    st = os.stat(binary)
    d = work / "bin"
    d.mkdir(parents=True, exist_ok=True)
    dst = d / f"ctx-{st.st_size}-{st.st_mtime_ns}"
    if not dst.is_file():
        tmp = dst.with_suffix(".tmp")
        shutil.copy2(binary, tmp)
        os.replace(tmp, dst)
    old = sorted((p for p in d.glob("ctx-*") if p.suffix != ".tmp"), key=lambda p: p.stat().st_mtime_ns)
    for p in old[:-keep]:
        if p != dst:
            p.unlink(missing_ok=True)
    return str(dst)


def select(items, key, args):
    if args.tasks:
        want = set(args.tasks.split(","))
        items = [x for x in items if key(x) in want]
    if args.limit:
        items = items[:args.limit]
    return items


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suites", default=",".join(SUITES), help="comma-separated: swe,poly,semble")
    ap.add_argument("--limit", type=int, default=0, help="first N tasks (semble: queries) of each suite")
    ap.add_argument("--tasks", default="", help="comma-separated task ids (semble: NAME/INDEX)")
    ap.add_argument("--budgets", default="2000,8000,32000", help="pack budgets (8k works too)")
    ap.add_argument("--variant", action="append", default=[], metavar='NAME="FLAGS"',
                    help='a ranking variant: extra flags for `ctx pack` and `ctx search` (repeat; default ctx="")')
    ap.add_argument("--index-args", default="", help="extra flags for `ctx index` (all suites)")
    ap.add_argument("--baseline", action="store_true", help="also the BM25 whole-file baseline (swe, poly)")
    ap.add_argument("--baseline-only", action="store_true", help="only the BM25 baseline (no index, no ctx variant)")
    ap.add_argument("--ctx", default=DEFAULT_CTX, help="the ctx binary")
    ap.add_argument("--work", default=DEFAULT_WORK, help="cache of trees, indexes, packs and results")
    ap.add_argument("--jobs", type=int, default=1, help="tasks (and index families) in parallel")
    ap.add_argument("--out", default="", help="result rows, JSON lines (default WORK/results/TIME.jsonl)")
    ap.add_argument("--summarize", nargs="+", metavar="RESULTS", help="print the tables of result files")
    ap.add_argument("--prepare-only", action="store_true", help="only build the trees")
    ap.add_argument("--reindex", action="store_true", help="rebuild every index")
    ap.add_argument("--keep-index", action="store_true",
                    help="reuse indexes built by another binary (for query-only changes)")
    ap.add_argument("--no-seed-index", dest="seed_index", action="store_false",
                    help="index every tree from scratch instead of refreshing a sibling's index")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the trees")
    ap.add_argument("--no-verify-tokens", dest="verify_tokens", action="store_false",
                    help="do not recount each pack's markdown with `ctx tokens`")
    ap.add_argument("--no-keep-packs", dest="keep_packs", action="store_false",
                    help="do not save pack JSON under WORK/SUITE/packs/VARIANT/")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per ctx call")
    ap.add_argument("--token-counter", choices=["ctx", "approx"], default="ctx", help=argparse.SUPPRESS)
    ap.add_argument("--swe-tasks", default=str(swe.DEFAULT_TASKS))
    ap.add_argument("--poly-tasks", default=str(poly.DEFAULT_TASKS))
    ap.add_argument("--mirrors", default=str(poly.DEFAULT_MIRRORS), help="MIRROR_ROOT of poly and semble")
    ap.add_argument("--semble-src", default=str(semble.DEFAULT_SRC),
                    help="materialized semble repositories to copy (else semble/materialize.py runs)")
    args = ap.parse_args(argv)

    if args.summarize:
        print(report.summarize(load_rows(args.summarize)))
        return 0

    suites = [s.strip() for s in args.suites.split(",") if s.strip()]
    bad = [s for s in suites if s not in SUITES]
    if bad:
        ap.error(f"unknown suites {bad}; choose from {','.join(SUITES)}")
    args.budgets = parse_budgets(args.budgets)
    args.index_args_list = shlex.split(args.index_args)
    variants = parse_variants(args.variant or ["ctx="], ap)
    if args.baseline_only:
        args.baseline, variants = True, []
        suites = [s for s in suites if s != "semble"]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if not args.prepare_only and not os.access(args.ctx, os.X_OK):
        ap.error(f"ctx binary not found at {args.ctx} (cargo build --release --locked --bin ctx)")
    commit = Ctx.commit()
    ctx = Ctx(snapshot_binary(args.ctx, work) if os.access(args.ctx, os.X_OK) else args.ctx,
              args.timeout, args.token_counter)

    # the tasks of each suite
    loaded = {}
    if "swe" in suites:
        loaded["swe"] = select(swe.load(Path(args.swe_tasks)), lambda t: t.id, args)
    if "poly" in suites:
        loaded["poly"] = select(poly.load(Path(args.poly_tasks)), lambda t: t.id, args)
    if "semble" in suites:
        repos, queries = semble.load()
        queries = select(queries, lambda q: q["id"], args)
        wanted = {q["repo"] for q in queries}
        loaded["semble"] = ([r for r in repos if r["name"] in wanted], queries)

    seconds: dict = {}

    def timed(name, fn):
        t0 = time.perf_counter()
        res = fn()
        seconds[name] = time.perf_counter() - t0
        return res

    # 1. trees
    trees = {}
    mirrors = Path(args.mirrors)
    if "swe" in loaded:
        log(f"swe: trees of {len(loaded['swe'])} tasks")
        trees["swe"] = timed("prepare swe", lambda: issues.prepare(
            loaded["swe"], lambda t: swe.build_tree(t, work, args.rebuild), args.jobs))
    if "poly" in loaded:
        log(f"poly: trees of {len(loaded['poly'])} tasks")
        trees["poly"] = timed("prepare poly", lambda: issues.prepare(
            loaded["poly"], lambda t: poly.build_tree(t, work, mirrors, args.rebuild,
                                                      tasks_file=Path(args.poly_tasks)), args.jobs))
    if "semble" in loaded:
        src = Path(args.semble_src) if args.semble_src and Path(args.semble_src).is_dir() else None
        log(f"semble: trees of {len(loaded['semble'][0])} repositories")
        trees["semble"] = timed("prepare semble", lambda: semble.build_trees(
            loaded["semble"][0], work, src, mirrors, args.rebuild))
    if args.prepare_only:
        for s, tr in trees.items():
            c = {}
            for info in tr.values():
                c[info.get("status")] = c.get(info.get("status"), 0) + 1
            print(f"{s}: {len(tr)} trees: {c}")
        print("time (wall seconds): " + ", ".join(f"{k} {v:.0f}" for k, v in seconds.items()))
        return 0

    # 2. what each variant's flags mean to pack and search
    for v in variants:
        if v.flags:
            try:
                acc = ctx.accepted_flags(work / "probe", v.flags)
            except CtxError as e:
                ap.error(str(e))
            v.pack_flags, v.search_flags, v.dropped = acc["pack"], acc["search"], acc["dropped"]
            for cmd, fl in v.dropped.items():
                log(f"variant {v.name}: `ctx {cmd}` does not take {' '.join(fl)}; left out of its {cmd} calls")

    out_path = Path(args.out) if args.out else work / "results" / f"{time.strftime('%Y%m%d-%H%M%S')}.jsonl"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    rows: list = []
    lock = threading.Lock()
    out_f = open(out_path, "w")

    def emit(row):
        with lock:
            rows.append(row)
            out_f.write(json.dumps(row) + "\n")
            out_f.flush()

    emit({"type": "meta", "started": time.strftime("%Y-%m-%d %H:%M:%S"), "commit": commit,
          "ctx": args.ctx, "stamp": ctx.stamp(), "binary_built": time.strftime(
              "%Y-%m-%d %H:%M:%S", time.localtime(os.stat(ctx.bin).st_mtime)), "suites": suites, "budgets": args.budgets,
          "index_args": args.index_args_list, "jobs": args.jobs, "limit": args.limit,
          "variants": [{"name": v.name, "flags": v.flags, "pack": v.pack_flags, "search": v.search_flags,
                        "dropped": v.dropped} for v in variants], "baseline": args.baseline,
          "argv": sys.argv[1:]})

    # 3. indexes, then 4. packs and searches, suite by suite
    for s in suites:
        if s in ("swe", "poly"):
            log(f"{s}: indexes")
            idx = {} if not variants else timed(f"index {s}", lambda: issues.index_all(ctx, loaded[s], trees[s],
                                                                                   args, emit))
            log(f"{s}: packs and searches of {len(loaded[s])} tasks x {len(variants)} variant(s)")
            timed(f"run {s}", lambda: issues.run_suite(loaded[s], trees[s], idx, ctx, args, variants, emit))
        else:
            log("semble: indexes")
            idx = timed("index semble", lambda: semble.index_all(ctx, trees["semble"], args, emit))
            log(f"semble: {len(loaded['semble'][1])} queries x {len(variants)} variant(s)")
            timed("run semble", lambda: semble.run_suite(loaded["semble"][1], trees["semble"], idx, ctx, args,
                                                         variants, emit))
    seconds["total"] = sum(seconds.values())
    emit({"type": "timing", "seconds": {k: round(v, 1) for k, v in seconds.items()}})
    out_f.close()
    latest = out_path.parent / "latest.jsonl"
    try:
        if latest.is_symlink() or latest.exists():
            latest.unlink()
        latest.symlink_to(out_path.name)
    except OSError:
        pass
    print(report.summarize(rows))
    print(f"\nresult rows: {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

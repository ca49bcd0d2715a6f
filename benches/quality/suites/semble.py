"""semble's code-search suite (dev half): 239 queries over 14 pinned repositories
(../shared/eval/semble: repos.json, annotations/<name>.json), scored on `ctx search` with
NDCG@10 exactly as its README ("The metric, exactly") defines it (metrics.semble_*).

Trees: WORK/semble/trees/<name>/ is the repository at its pinned revision, copied from an
existing materialization (--semble-src, default /work/scratch/semble, never written to) or
written by semble/materialize.py from the mirrors. Markers live in WORK/semble/state/<name>/.
The index root is the repository's `benchmark_root` (the repository when absent), as
semble's harness indexes `checkout_dir / benchmark_root`; results are paths relative to it,
which the suffix rule of the metric matches against the annotations' repository paths.

Symbolic links: semble's harness reads the benchmark root's files, and rxswift's
`Sources/RxSwift` holds only links into `../../RxSwift/` (162 links, no regular file). When
an index root holds more linked files than regular ones, the tree gets an empty `.git`
folder at the repository top (a checkout has one; ctx takes the nearest folder above the
root with a `.git` as the repository) and is indexed with `ctx index --follow-symlinks`, so
links into the repository are read under their link paths (`Sources/RxSwift/X.swift`, the
paths the annotations name). Other roots are indexed without following links, as semble's
walker skips them: serde's `serde/src/core -> ../../serde_core/src` would otherwise put
serde_core's files under the link path instead of the path the annotations name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import metrics
from ctxrun import CtxError, ensure_index
from suites.issues import log, _pool

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "semble"
DEFAULT_SRC = Path("/work/scratch/semble")
RESULTS_K = 10


def load(root: Path = EVAL) -> tuple[list[dict], list[dict]]:
    repos = json.load(open(root / "repos.json"))
    queries = []
    for r in repos:
        f = root / "annotations" / f"{r['name']}.json"
        if not f.is_file():
            continue
        for i, q in enumerate(json.load(open(f))):
            cat = q.get("category")
            queries.append({
                "id": f"{r['name']}/{i}", "repo": r["name"], "language": r["language"], "query": q["query"],
                "category": cat if isinstance(cat, str) else metrics.infer_category(q["query"]),
                "category_inferred": not isinstance(cat, str),
                "targets": [metrics.parse_target(x) for x in (q.get("relevant") or []) + (q.get("secondary") or [])],
            })
    return repos, queries


def _links_and_files(root: Path) -> tuple[int, int]:
    links = files = 0
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for n in names:
            p = os.path.join(d, n)
            if os.path.islink(p):
                links += 1
            elif os.path.isfile(p):
                files += 1
    return links, files


def build_trees(repos: list[dict], work: Path, src: Path | None, mirrors: Path, rebuild: bool) -> dict:
    """{name: info}; info["status"] "ok" with "tree" (the repository) and "root" (index root)."""
    out = {}
    todo = []
    for r in repos:
        state = work / "semble" / "state" / r["name"]
        marker = state / "built.json"
        tree = work / "semble" / "trees" / r["name"]
        if marker.is_file() and tree.is_dir() and not rebuild:
            out[r["name"]] = dict(json.loads(marker.read_text()), reused=True)
        else:
            todo.append(r)
    if todo and not (src and all((src / r["name"]).is_dir() for r in todo)):
        dest = work / "semble" / "trees"
        dest.mkdir(parents=True, exist_ok=True)
        log(f"  semble: materialize.py {mirrors} {dest}")
        subprocess.run(["python3", str(EVAL / "materialize.py"), str(mirrors), str(dest)], check=False)
        src = None
    for r in todo:
        name = r["name"]
        state = work / "semble" / "state" / name
        state.mkdir(parents=True, exist_ok=True)
        tree = work / "semble" / "trees" / name
        t0 = time.perf_counter()
        if src is not None:
            shutil.rmtree(tree, ignore_errors=True)
            tree.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["cp", "-a", str(src / name), str(tree)], check=True)
            how = f"copied from {src / name}"
        else:
            how = "semble/materialize.py"
        root = tree / r["benchmark_root"] if r.get("benchmark_root") else tree
        info = {"name": name, "tree": str(tree), "root": str(root), "dir": str(state), "how": how,
                "build_s": round(time.perf_counter() - t0, 1)}
        if not root.is_dir():
            info["status"] = f"benchmark_root {r.get('benchmark_root')} missing"
            out[name] = info
            continue
        links, files = _links_and_files(root)
        info.update(links=links, files=files, follow_symlinks=links > files, status="ok")
        if info["follow_symlinks"]:
            (tree / ".git").mkdir(exist_ok=True)
        (state / "built.json").write_text(json.dumps(info, indent=1))
        out[name] = info
    return out


def index_all(ctx, trees: dict, args, emit) -> dict:
    out = {}

    def one(name):
        info = trees[name]
        if info.get("status") != "ok":
            return name, None
        extra = args.index_args_list + (["--follow-symlinks"] if info.get("follow_symlinks") else [])
        try:
            idx = ensure_index(ctx, Path(info["root"]), Path(info["dir"]) / "indexed.json", extra,
                               reindex=args.reindex, keep_index=args.keep_index)
        except (CtxError, OSError) as e:
            idx = {"error": str(e)[-800:]}
            log(f"  semble index of {name} failed: {str(e)[-300:]}")
        if not idx.get("reused") and "error" not in idx:
            log(f"  [semble index] {name}: {idx.get('index_s')}s")
        emit({"type": "index", "suite": "semble", "tree": name, "reused": idx.get("reused"),
              "index_s": idx.get("index_s"), "seeded": False, "error": idx.get("error"),
              "summary": idx.get("summary")})
        return name, idx

    return dict(_pool(args.jobs, one, list(trees)))


def run_suite(queries: list[dict], trees: dict, indexes: dict, ctx, args, variants, emit) -> None:
    def one(q):
        info = trees.get(q["repo"], {})
        base = {"suite": "semble", "id": q["id"], "repo": q["repo"], "language": q["language"],
                "category": q["category"], "query": q["query"], "n_targets": len(q["targets"])}
        idx = indexes.get(q["repo"])
        if info.get("status") != "ok" or not idx or "error" in idx:
            reason = info.get("status") if info.get("status") != "ok" else (idx or {}).get("error", "no index")
            for v in variants:   # scored 0, as semble scores a repository it cannot search
                emit(dict(base, type="semble", variant=v.name, status="error", error=reason, ndcg10=0.0))
            return
        tree, root = Path(info["tree"]), Path(info["root"])
        missing = [t[0] for t in q["targets"] if not ((tree / t[0]).exists() or (root / t[0]).exists())]
        for v in variants:
            row = dict(base, type="semble", variant=v.name, missing_targets=missing)
            try:
                dt, res = ctx.search(root, q["query"], RESULTS_K, v.search_flags)
            except CtxError as e:
                emit(dict(row, status="error", error=str(e)[-800:], ndcg10=0.0))
                continue
            hits = res.get("hits") or []
            results = [(h.get("path", ""), h.get("start_line", 0), h.get("end_line", 0)) for h in hits]
            ndcg, ranks = metrics.semble_ndcg(results, q["targets"], RESULTS_K)
            emit(dict(row, status="ok", search_ms=round(dt * 1000, 1), ndcg10=ndcg, ranks=ranks,
                      hits=[list(r) + [h.get("symbol")] for r, h in zip(results, hits)]))

    _pool(args.jobs, one, queries)

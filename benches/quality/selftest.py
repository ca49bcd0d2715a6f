#!/usr/bin/env python3
"""Self-test of the benchmark's scoring code (no ctx binary needed).

1. Unit tests: the diff parser and hunk locator (patches.py), pack scoring, Acc@k and the
   ranked locations of a search, semble's NDCG@10 and its aggregation (metrics.py), the
   BM25 tokenizer (baseline.py).
2. Per task of swe and poly, on the cached trees (`run.py --prepare-only` first):
   - every gold file whole, kind "body"     -> file recall 1, edit recall 1, all files;
   - the same files as "signature"          -> file recall 1, edit recall 0;
   - exactly the changed lines as "body"    -> edit recall 1; dropping one line fails that hunk;
   - search hits on the gold functions, by their own names, find each at its rank or before;
   - the located hunks applied to the pre-fix file reproduce the post-fix file (swe:
     the cached release for `reversed` trees, else `patch` forward; poly: `patch` forward),
     for files whose hunks all matched exactly (fuzzy ones are printed for review).
Usage: selftest.py [--work DIR] [--suites swe,poly] [--limit N] [--units-only]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baseline  # noqa: E402
import metrics  # noqa: E402
import patches  # noqa: E402
from run import DEFAULT_WORK  # noqa: E402
from suites import poly, swe  # noqa: E402


def apply_located(lines, hunks_with_loc):
    """Apply hunks (with located old-side positions) to lines; returns new lines."""
    out = list(lines)
    for h, loc in sorted(hunks_with_loc, key=lambda x: -(x[1]["pos"][0] if x[1]["pos"] else 0)):
        new = [t for tag, t in h.lines if tag in " +"]
        if loc["pos"]:
            a, b = loc["pos"][0], loc["pos"][-1]
            out[a - 1:b] = new
        else:
            out[h.old_start:h.old_start] = new
    return out


def unit_tests():
    p = ("diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,3 +1,3 @@\n a\n--- b\n++++ c\n d\n"
         "@@ -10,2 +10,3 @@ def f():\n x\n y\n+z\n\\ No newline at end of file\n"
         "diff --git a/new.py b/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,1 @@\n+hi\n")
    fps = patches.parse_patch(p)
    assert [f.old_path for f in fps] == ["x.py", None], fps
    h0, h1 = fps[0].hunks
    assert h0.lines == [(" ", "a"), ("-", "-- b"), ("+", "+++ c"), (" ", "d")], h0.lines
    assert h1.lines == [(" ", "x"), (" ", "y"), ("+", "z")], h1.lines
    file_lines = ["q"] * 5 + ["a", "-- b", "d"] + ["q"] * 3 + ["x", "y"]
    loc0 = patches.locate_hunk(file_lines, h0)
    assert loc0["changed"] == [7] and loc0["method"].startswith("exact"), loc0
    loc1 = patches.locate_hunk(file_lines, h1)
    assert loc1["changed"] == [13], loc1          # pure addition: the line before the insertion
    fl2 = list(file_lines)
    fl2[5] = "a changed"                          # fuzzy: one context line differs
    loc2 = patches.locate_hunk(fl2, h0)
    assert loc2["method"].startswith("fuzzy") and loc2["changed"] == [7], loc2
    hp = patches.parse_patch("--- a/y\n+++ b/y\n@@ -1,2 +1,3 @@\n+import os\n l1\n l2\n")[0].hunks[0]
    assert patches.locate_hunk(["l1", "l2", "l3"], hp)["changed"] == [1]
    hm = patches.parse_patch("--- a/z\n+++ b/z\n@@ -5,1 +5,1 @@\n-dup\n+new\n")[0].hunks[0]
    assert patches.locate_hunk(["dup", "x", "x", "x", "dup", "x"], hm)["changed"] == [5]

    # packs: signatures and maps do not count for edit recall; maps not even as shown
    hs = [{"path": "x.py", "changed": [7]}]
    s = metrics.score_pack(["x.py"], hs, [{"path": "x.py", "start_line": 1, "end_line": 20, "kind": "signature"}])
    assert s["file_recall"] == 1.0 and s["edit_recall"] == 0.0
    s = metrics.score_pack(["x.py"], hs, [{"path": "./x.py", "start_line": 7, "end_line": 7, "kind": "body"}])
    assert s["edit_recall"] == 1.0 and s["all_files"] is True
    s = metrics.score_pack(["x.py"], hs, [{"path": "x.py", "start_line": 8, "end_line": 9, "kind": "body"}])
    assert s["edit_recall"] == 0.0 and s["file_recall"] == 1.0
    s = metrics.score_pack(["x.py", "y.py"], hs, [{"path": "y.py", "start_line": 1, "end_line": 9, "kind": "map"}])
    assert s["file_recall"] == 0.0 and s["all_files"] is False

    # names
    assert metrics.name_parts("Index::pack") == ("Index", "pack")
    assert metrics.name_parts("specs_setter.on_zero") == ("specs_setter", "on_zero")
    assert metrics.name_parts("Vec<T>::push") == ("Vec", "push")
    assert metrics.name_parts("(*ClientConn).Close") == ("ClientConn", "Close")
    assert metrics.name_parts(None) == ()

    # Acc@k, LocAgent's way: n <= k needs all n, n > k needs the top k all gold
    assert metrics.acc_at_k([1], 1) is True and metrics.acc_at_k([2], 1) is False
    assert metrics.acc_at_k([1, 4], 1) is True and metrics.acc_at_k([1, 4], 3) is False
    assert metrics.acc_at_k([1, 4], 5) is True and metrics.acc_at_k([None, 1], 10) is False
    assert metrics.acc_at_k([], 5) is None

    # ranked locations: distinct files / modules / functions in order of first appearance
    hits = [("a.py", "f", 1, 5), ("b.py", "C.m", 10, 20), ("a.py", "g", 7, 9), ("c.py", None, 1, 3),
            ("b.py", "C.n", 21, 30), ("d.go", "handle", 40, 60), ("e.rs", "mod_x::Type::go", 5, 9)]
    gfn = metrics.gold_functions([("b.py", "C.n"), ("a.py", "g"), ("d.go", "Conn.handle"),
                                  ("e.rs", "Type.go"), ("b.py", "C.n")])
    assert len(gfn) == 4                                        # duplicates dropped
    rk = metrics.rank_locations(hits, ["b.py", "c.py", "z.py"], gfn, {"d.go": [50]})
    assert rk["files"] == [2, 3, None], rk
    # functions: f=1, C.m=2, g=3, C.n=4, handle=5 (by span: d.go line 50), mod_x::Type::go=6
    assert rk["functions"] == [4, 3, 5, 6] and rk["functions_by_span"] == [False, False, True, False], rk
    # modules: (a,f)=1 (b,C)=2 (a,g)=3 (d,handle)=4 (e,mod_x)=5 ; gold (b,C) (a,g) (d,Conn) (e,Type)
    assert rk["modules"] == [2, 3, 4, 5], rk
    rk = metrics.rank_locations(hits, ["d.go"], metrics.gold_functions([("d.go", "Conn.handle")]), {"d.go": [61]})
    assert rk["functions"] == [None] and rk["modules"] == [None], rk   # change outside the hit: no credit

    # semble NDCG@10
    t_file, t_span = ("pkg/a.py", None, None), ("src/pkg/b.py", 10, 20)
    assert metrics.semble_path_match("src/pkg/a.py", "pkg/a.py") and metrics.semble_path_match("pkg/a.py", "src/pkg/a.py")
    assert not metrics.semble_path_match("xpkg/a.py", "pkg/a.py")
    res = [("other.py", 1, 5), ("pkg/b.py", 1, 9), ("pkg/b.py", 15, 30), ("pkg/a.py", 100, 200)]
    nd, ranks = metrics.semble_ndcg(res, [t_file, t_span])
    assert ranks == [4, 3], ranks
    want = (1 / __import__("math").log2(5) + 1 / __import__("math").log2(4)) / (1 + 1 / __import__("math").log2(3))
    assert abs(nd - want) < 1e-12, (nd, want)
    nd, ranks = metrics.semble_ndcg([("pkg/a.py", 1, 2)], [t_file, ("pkg/a.py", 1, 1), ("gone.py", None, None)])
    assert ranks == [1, 1, None]                              # one chunk hits two targets: counted once
    assert abs(nd - 1 / (1 + 1 / __import__("math").log2(3) + 0.5)) < 1e-12, nd   # IDCG of 3 targets
    rows = [{"repo": "r1", "language": "py", "category": "symbol", "ndcg10": 1.0},
            {"repo": "r1", "language": "py", "category": "semantic", "ndcg10": 0.0},
            {"repo": "r1", "language": "py", "category": "semantic", "ndcg10": 0.5},
            {"repo": "r2", "language": "go", "category": "semantic", "ndcg10": 1.0}]
    a = metrics.semble_aggregate(rows)
    assert abs(a["overall"] - (0.5 + 1.0) / 2) < 1e-12, a
    assert abs(a["category"]["semantic"] - (0.25 + 1.0) / 2) < 1e-12 and a["category"]["symbol"] == 1.0, a
    assert a["language"] == {"go": 1.0, "py": 0.5}, a
    assert metrics.infer_category("parse_args") == "symbol"
    assert metrics.infer_category("how are routes grouped") == "architecture"
    assert metrics.infer_category("route grouping") == "semantic"

    # bm25 tokenizer
    tt = baseline.bm25_terms("separability_matrix CompoundModels HTTPServer x2")
    for w in ["separability_matrix", "separability", "matrix", "compoundmodels", "compound", "models",
              "httpserver", "http", "server", "x2"]:
        assert tt[w] >= 1, (w, tt)
    assert baseline.is_test_path("a/tests/b.py") and baseline.is_test_path("a/test_b.py")
    assert baseline.is_test_path("conftest.py") and baseline.is_test_path("a/b_test.py")
    assert not baseline.is_test_path("a/testing/b.py")
    print("unit tests: ok")


def check_task(t, tree: Path, info: dict, fails: list, methods: dict) -> int:
    hunks = patches.task_hunks(t.patch, tree, skip=t.hunk_skip, only=t.hunk_only)
    for h in hunks:
        k = h["method"].split("(")[0]
        methods[k] = methods.get(k, 0) + 1
        if k != "exact":
            print(f"  note {t.id} {h['path']} @@{h['header']}: {h['method']} changed={h['changed']}")
    whole = [{"path": f, "start_line": 1, "end_line": max(len(patches.read_lines(tree / f)), 1), "kind": "body"}
             for f in t.gold_files]
    s = metrics.score_pack(t.gold_files, hunks, whole)
    if s["file_recall"] != 1.0 or s["edit_recall"] not in (1.0, None) or not s["all_files"]:
        fails.append((t.id, "whole-files", s["file_recall"], s["edit_recall"]))
    s = metrics.score_pack(t.gold_files, hunks, [dict(w, kind="signature") for w in whole])
    if s["file_recall"] != 1.0 or s["edit_recall"] not in (0.0, None):
        fails.append((t.id, "signature", s["file_recall"], s["edit_recall"]))
    exact = [{"path": h["path"], "start_line": c, "end_line": c, "kind": "body"} for h in hunks for c in h["changed"]]
    if hunks and metrics.score_pack(t.gold_files, hunks, exact)["edit_recall"] != 1.0:
        fails.append((t.id, "exact-lines"))
    for i, h in enumerate(hunks):
        drop = [it for it in exact if not (it["path"] == h["path"] and it["start_line"] == h["changed"][-1])]
        if metrics.score_pack(t.gold_files, hunks, drop)["hunks_covered"][i]:
            fails.append((t.id, f"drop-line hunk {i}"))
    gfn = metrics.gold_functions(t.gold_fns)
    hits = [(f, ".".join(parts), None, None) for f, parts in gfn]
    rk = metrics.rank_locations(hits, [], gfn)
    # each gold function is found by its own hit, or earlier by a hit whose name ends with its name
    if any(r is None or r > i + 1 for i, r in enumerate(rk["functions"])):
        fails.append((t.id, "gold-functions-rank", rk["functions"]))
    # the located hunks reproduce the post-fix file
    for fp in patches.parse_patch(t.patch):
        if fp.old_path is None or fp.old_path in t.hunk_skip or (t.hunk_only is not None and fp.old_path not in t.hunk_only):
            continue
        pre = patches.read_lines(tree / fp.old_path)
        locs = [(h, patches.locate_hunk(pre, h)) for h in fp.hunks]
        if not all(loc["method"].startswith("exact") for _, loc in locs):
            continue      # the tree's context differs from the patch: only an exact location can round-trip
        post = apply_located(pre, locs)
        if t.suite == "swe" and info.get("snapshot") == "reversed":
            ref = patches.read_lines(_cached_src(t.raw) / fp.old_path)
        else:
            with tempfile.TemporaryDirectory() as td:
                tf = Path(td) / "f"
                tf.write_bytes((tree / fp.old_path).read_bytes())
                r = subprocess.run(["patch", "-s", "-f", str(tf)], input=_single_file_patch(t.patch, fp.old_path),
                                   text=True, capture_output=True)
                if r.returncode != 0:
                    fails.append((t.id, "patch-forward-failed", fp.old_path, r.stdout[-200:]))
                    continue
                ref = patches.read_lines(tf) if tf.exists() else []   # patch removes a file the fix deletes
        if [x.rstrip() for x in post] != [x.rstrip() for x in ref]:
            fails.append((t.id, "post-fix-mismatch", fp.old_path))
    return len(hunks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=DEFAULT_WORK)
    ap.add_argument("--suites", default="swe,poly")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--units-only", action="store_true")
    a = ap.parse_args()
    unit_tests()
    if a.units_only:
        return 0
    fails, methods, n_hunks, n_tasks = [], {}, 0, 0
    for suite in a.suites.split(","):
        tasks = {"swe": swe.load, "poly": poly.load}[suite]()
        if a.limit:
            tasks = tasks[:a.limit]
        for t in tasks:
            mk = Path(a.work) / suite / "trees" / t.tree_key / "built.json"
            if not mk.is_file():
                print(f"skip {t.id}: no tree (run run.py --prepare-only)")
                continue
            info = json.loads(mk.read_text())
            tree = Path(a.work) / suite / "trees" / t.tree_key / "tree"
            if info.get("status") not in ("ok", "reversed", "pre") or not tree.is_dir():
                print(f"skip {t.id}: {info.get('status')}")
                continue
            if suite == "swe" and "snapshot" not in info:
                info["snapshot"] = info.get("status")
            n_tasks += 1
            n_hunks += check_task(t, tree, info, fails, methods)
    print(f"tasks checked: {n_tasks}, hunks: {n_hunks}, location methods: {methods}")
    if fails:
        print(f"FAILURES ({len(fails)}):")
        for f in fails:
            print("  ", f)
        return 1
    print("all synthetic checks passed")
    return 0


def _cached_src(t):
    out = subprocess.run(["bash", str(swe.GET_REPO), t["pypi_name"], t["version"], "-"],
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return Path(out)


def _single_file_patch(patch, path):
    out, keep = [], False
    for ln in patch.split("\n"):
        if ln.startswith("diff --git"):
            keep = f" a/{path} " in ln + " "
        if keep:
            out.append(ln)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())

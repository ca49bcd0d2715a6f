#!/usr/bin/env python3
"""Self-test of run.py's scoring (no ctx binary needed).

Needs the task trees (build them with `run.py --prepare-only`). For every task:
  1. synthetic pack = every gold file whole, kind "body"  -> file recall 1, edit recall 1
  2. same files but kind "signature"                      -> file recall 1, edit recall 0
  3. each hunk's changed lines minus one line, as body    -> that hunk is not covered
  4. the located hunks, applied to the pre-fix file, must reproduce the post-fix file
     (for `reversed` trees the cached release file; for `pre` trees `patch` forward);
     only for files whose hunks all matched exactly (fuzzy ones are printed for review).
  5. the parser on tricky diffs (removed lines starting with "-- ", no-newline markers).
Usage: selftest.py [--work DIR] [--tasks-file F] [--limit N]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


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


def parser_unit_tests():
    p = ("diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,3 +1,3 @@\n a\n--- b\n++++ c\n d\n"
         "@@ -10,2 +10,3 @@ def f():\n x\n y\n+z\n\\ No newline at end of file\n"
         "diff --git a/new.py b/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,1 @@\n+hi\n")
    fps = run.parse_patch(p)
    assert [f.old_path for f in fps] == ["x.py", None], fps
    h0, h1 = fps[0].hunks
    assert h0.lines == [(" ", "a"), ("-", "-- b"), ("+", "+++ c"), (" ", "d")], h0.lines
    assert h1.lines == [(" ", "x"), (" ", "y"), ("+", "z")], h1.lines
    file_lines = ["q"] * 5 + ["a", "-- b", "d"] + ["q"] * 3 + ["x", "y"]
    loc0 = run.locate_hunk(file_lines, h0)
    assert loc0["changed"] == [7] and loc0["method"].startswith("exact"), loc0
    loc1 = run.locate_hunk(file_lines, h1)
    assert loc1["changed"] == [13], loc1          # pure addition: the line before the insertion
    # fuzzy: one context line differs
    fl2 = list(file_lines)
    fl2[5] = "a changed"
    loc2 = run.locate_hunk(fl2, h0)
    assert loc2["method"].startswith("fuzzy") and loc2["changed"] == [7], loc2
    # pure addition at the start of a hunk at file start
    hp = run.parse_patch("--- a/y\n+++ b/y\n@@ -1,2 +1,3 @@\n+import os\n l1\n l2\n")[0].hunks[0]
    assert run.locate_hunk(["l1", "l2", "l3"], hp)["changed"] == [1]
    # multiple identical blocks: choose the one nearest the header line
    hm = run.parse_patch("--- a/z\n+++ b/z\n@@ -5,1 +5,1 @@\n-dup\n+new\n")[0].hunks[0]
    assert run.locate_hunk(["dup", "x", "x", "x", "dup", "x"], hm)["changed"] == [5]
    # scoring: signature items do not count for edit recall
    t = {"gold_files": ["x.py"], "gold_files_added": []}
    hs = [{"path": "x.py", "changed": [7]}]
    s = run.score(t, hs, [{"path": "x.py", "start_line": 1, "end_line": 20, "kind": "signature"}])
    assert s["file_recall"] == 1.0 and s["edit_recall"] == 0.0
    s = run.score(t, hs, [{"path": "./x.py", "start_line": 7, "end_line": 7, "kind": "body"}])
    assert s["edit_recall"] == 1.0 and s["all_files"] is True
    s = run.score(t, hs, [{"path": "x.py", "start_line": 8, "end_line": 9, "kind": "body"}])
    assert s["edit_recall"] == 0.0 and s["file_recall"] == 1.0
    # bm25 tokenizer
    tt = run.bm25_terms("separability_matrix CompoundModels HTTPServer x2")
    for w in ["separability_matrix", "separability", "matrix", "compoundmodels", "compound", "models",
              "httpserver", "http", "server", "x2"]:
        assert tt[w] >= 1, (w, tt)
    assert run.is_test_path("a/tests/b.py") and run.is_test_path("a/test_b.py") and run.is_test_path("conftest.py")
    assert run.is_test_path("a/b_test.py") and not run.is_test_path("a/testing/b.py")
    print("unit tests: ok")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=run.DEFAULT_WORK)
    ap.add_argument("--tasks-file", default=run.DEFAULT_TASKS)
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    parser_unit_tests()
    tasks = [json.loads(l) for l in open(a.tasks_file)]
    if a.limit:
        tasks = tasks[:a.limit]
    fails, methods, n_hunks, n_tasks = [], {}, 0, 0
    for t in tasks:
        tdir = Path(a.work) / "trees" / t["id"]
        mk = tdir / run.TREE_MARKER
        if not mk.is_file():
            print(f"skip {t['id']}: no tree (run run.py --prepare-only)")
            continue
        info = json.loads(mk.read_text())
        if info["status"] not in ("reversed", "pre"):
            print(f"skip {t['id']}: {info['status']}")
            continue
        tree = Path(info["tree"])
        n_tasks += 1
        hunks = run.task_hunks(t, tree)
        n_hunks += len(hunks)
        for h in hunks:
            k = h["method"].split("(")[0]
            methods[k] = methods.get(k, 0) + 1
            if k not in ("exact",):
                print(f"  note {t['id']} {h['path']} @@{h['header']}: {h['method']} changed={h['changed']}")
        gold = run.gold_target_files(t)
        whole = [{"path": f, "start_line": 1, "end_line": max(len(run.read_lines(tree / f)), 1), "kind": "body"}
                 for f in gold]
        s = run.score(t, hunks, whole)
        if s["file_recall"] != 1.0 or s["edit_recall"] != 1.0 or not s["all_files"]:
            fails.append((t["id"], "whole-files", s["file_recall"], s["edit_recall"]))
        sig = [dict(w, kind="signature") for w in whole]
        s = run.score(t, hunks, sig)
        if s["file_recall"] != 1.0 or s["edit_recall"] not in (0.0, None):
            fails.append((t["id"], "signature", s["file_recall"], s["edit_recall"]))
        # exactly the changed lines -> 1.0 ; drop one line -> that hunk fails
        exact = [{"path": h["path"], "start_line": c, "end_line": c, "kind": "body"} for h in hunks for c in h["changed"]]
        if run.score(t, hunks, exact)["edit_recall"] != 1.0:
            fails.append((t["id"], "exact-lines"))
        for i, h in enumerate(hunks):
            drop = [it for it in exact if not (it["path"] == h["path"] and it["start_line"] == h["changed"][-1])]
            r = run.score(t, hunks, drop)
            if r["hunks"][i]["covered"]:
                fails.append((t["id"], f"drop-line hunk {i}"))
        # reproduce the post-fix file from the located hunks
        for fp in run.parse_patch(t["patch"]):
            if fp.old_path is None:
                continue
            pre = run.read_lines(tree / fp.old_path)
            locs = [(h, run.locate_hunk(pre, h)) for h in fp.hunks]
            if not all(l["method"].startswith("exact") for _, l in locs):
                continue    # the tree's context differs from the patch: only an exact location can round-trip
            post = apply_located(pre, locs)
            if info["status"] == "reversed":
                ref_path = _cached_src(t) / fp.old_path
                ref = run.read_lines(ref_path)
            else:
                with tempfile.TemporaryDirectory() as td:
                    tf = Path(td) / "f"
                    tf.write_bytes((tree / fp.old_path).read_bytes())
                    one = _single_file_patch(t["patch"], fp.old_path)
                    r = subprocess.run(["patch", "-s", "-f", str(tf)], input=one, text=True, capture_output=True)
                    if r.returncode != 0:
                        fails.append((t["id"], "patch-forward-failed", fp.old_path, r.stdout[-200:]))
                        continue
                    ref = run.read_lines(tf)
            if [x.rstrip() for x in post] != [x.rstrip() for x in ref]:
                fails.append((t["id"], "post-fix-mismatch", fp.old_path))
    print(f"tasks checked: {n_tasks}, hunks: {n_hunks}, location methods: {methods}")
    if fails:
        print(f"FAILURES ({len(fails)}):")
        for f in fails:
            print("  ", f)
        return 1
    print("all synthetic checks passed")
    return 0


def _cached_src(t):
    out = subprocess.run(["bash", run.DEFAULT_GET_REPO, t["pypi_name"], t["version"], "-"],
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

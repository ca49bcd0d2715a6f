"""The SWE-bench Verified dev suite: 132 Python tasks of ../shared/eval/dev.jsonl.

A task's tree is the release sdist of its project (get_repo.sh, cached in
~/.cache/ctx-eval), with the gold patch reverse-applied when the release already has
the fix. The patch is written outside the tree and deleted, and get_repo's outcome marker
is removed from the tree, so nothing of the answer is indexed. Cached per task id in
WORK/swe/trees/ID/ (built.json records the outcome); failed builds are retried on the
next run, `mismatch` (the patch fits neither way) is cached and excluded.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

from suites.issues import IssueTask, log, read_jsonl

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"
DEFAULT_TASKS = EVAL / "dev.jsonl"
GET_REPO = EVAL / "get_repo.sh"

_locks: dict = {}
_guard = threading.Lock()


def _lock(key) -> threading.Lock:
    with _guard:
        return _locks.setdefault(key, threading.Lock())


def _version(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[.]", v))


def load(path: Path = DEFAULT_TASKS) -> list[IssueTask]:
    out = []
    for t in read_jsonl(path):
        added = set(t.get("gold_files_added") or [])
        out.append(IssueTask(
            suite="swe", id=t["id"], language="Python", repo=t["repo"], family=t["pypi_name"],
            tree_key=t["id"], problem=t["problem_statement"], patch=t["patch"],
            gold_files=[f for f in t["gold_files"] if f not in added],
            gold_fns=[(g["file"], g["name"]) for g in t.get("gold_functions") or []],
            hunk_skip=added, baseline_skip_tests=True,
            extra={"data_snapshot": t.get("snapshot_status")}, raw=t, order=_version(t["version"]),
        ))
    return out


def build_tree(task: IssueTask, work: Path, rebuild: bool = False, get_repo: Path = GET_REPO) -> dict:
    """Build or reuse the pre-fix tree: {"status": "ok"|..., "tree", "dir", "snapshot"}."""
    t = task.raw
    tdir = work / "swe" / "trees" / task.tree_key
    tree = tdir / "tree"
    marker = tdir / "built.json"
    if marker.is_file() and not rebuild:
        info = json.loads(marker.read_text())
        if "snapshot" not in info:                   # a marker of the single-suite harness
            info["snapshot"] = info.get("status")
            info["status"] = "ok" if info["snapshot"] in ("reversed", "pre") else "mismatch (the patch applies neither way)"
        info.update(tree=str(tree), dir=str(tdir))
        if info["snapshot"] == "mismatch" or tree.is_dir():
            return dict(info, reused=True)
    if tdir.exists():
        shutil.rmtree(tdir)
    tdir.mkdir(parents=True)
    patchf = tdir / "gold.diff"
    patchf.write_text(t["patch"])
    t0 = time.perf_counter()
    with _lock((t["pypi_name"], t["version"])):      # get_repo.sh shares one cache dir per release
        r = subprocess.run(["bash", str(get_repo), t["pypi_name"], t["version"], str(tree), str(patchf)],
                           capture_output=True, text=True)
    patchf.unlink(missing_ok=True)                   # the answer must not be in the indexed tree
    info = {"id": task.id, "tree": str(tree), "dir": str(tdir), "data_snapshot": t.get("snapshot_status"),
            "build_s": round(time.perf_counter() - t0, 1), "stderr": r.stderr.strip()[-1500:]}
    snap = tree / ".ctx-eval-snapshot"
    if r.returncode != 0 or not snap.is_file():
        log(f"[{task.id}] get_repo failed: {r.stderr.strip()[-500:]}")
        return dict(info, status="get_repo failed")  # not cached: retried on the next run
    info["snapshot"] = snap.read_text().strip()
    snap.unlink()                                    # keep the tree free of eval artefacts
    if info["snapshot"] == "mismatch":
        shutil.rmtree(tree, ignore_errors=True)
        info["status"] = "mismatch (the patch applies neither way)"
    else:
        info["status"] = "ok"
    marker.write_text(json.dumps(info, indent=1))
    return info

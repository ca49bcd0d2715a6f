"""The Multi-SWE-bench dev suite: 151 issues in Rust, C++, Java, JavaScript, C and Go
(../shared/eval/poly/dev.jsonl).

A tree is the repository at the task's base commit, written by poly/materialize.sh from the
git directories under MIRROR_ROOT (/work/.mirror/<owner>+<name>/repo). Tasks with the same
repository and base commit share one tree: WORK/poly/trees/<owner>+<name>@<commit12>/.
Blobs absent from a mirror (4 MiB and more, never a gold file) are listed by materialize.sh
in the tree; the list is moved beside the tree, into missing-blobs.txt.

Scored like swe, with two readings of the poly README: file recall and Acc@k count
`gold_files` (non-test, non-doc files that existed before the fix), and edit recall counts
the hunks in those files only, so the doc and changelog hunks some patches keep
(`gold_files_doc`) are not required of a pack.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

from suites.issues import IssueTask, log, read_jsonl

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "poly"
DEFAULT_TASKS = EVAL / "dev.jsonl"
MATERIALIZE = EVAL / "materialize.sh"
DEFAULT_MIRRORS = Path("/work/.mirror")


def load(path: Path = DEFAULT_TASKS) -> list[IssueTask]:
    out = []
    for t in read_jsonl(path):
        fns = []
        for g in t.get("gold_functions") or []:
            f, _, name = g.partition("::")
            fns.append((f, name))
        key = f"{t['repo'].replace('/', '+')}@{t['base_commit'][:12]}"
        added = set(t.get("gold_files_added") or [])
        out.append(IssueTask(
            suite="poly", id=t["instance_id"], language=t["language"], repo=t["repo"], family=t["repo"],
            tree_key=key, problem=t["problem_statement"], patch=t["patch"],
            gold_files=list(t["gold_files"]), gold_fns=fns, hunk_skip=added, hunk_only=set(t["gold_files"]),
            raw=t, order=(int(t["instance_id"].rsplit("-", 1)[-1]),),
        ))
    return out


def build_tree(task: IssueTask, work: Path, mirrors: Path = DEFAULT_MIRRORS, rebuild: bool = False,
               materialize: Path = MATERIALIZE, tasks_file: Path = DEFAULT_TASKS) -> dict:
    tdir = work / "poly" / "trees" / task.tree_key
    tree = tdir / "tree"
    marker = tdir / "built.json"
    if marker.is_file() and tree.is_dir() and not rebuild:
        return dict(json.loads(marker.read_text()), reused=True)
    if tdir.exists():
        shutil.rmtree(tdir)
    tdir.mkdir(parents=True)
    t0 = time.perf_counter()
    r = subprocess.run(["bash", str(materialize), str(mirrors), task.id, str(tree)], capture_output=True,
                       text=True, env={**__import__("os").environ, "POLY_TASKS": str(tasks_file)})
    info = {"id": task.id, "tree": str(tree), "dir": str(tdir), "build_s": round(time.perf_counter() - t0, 1),
            "stderr": r.stderr.strip()[-1500:]}
    if r.returncode != 0:
        log(f"[{task.id}] materialize.sh failed: {r.stderr.strip()[-500:]}")
        shutil.rmtree(tree, ignore_errors=True)
        return dict(info, status=f"materialize.sh failed ({r.returncode})")   # retried next run
    missing = tree / ".poly-missing-blobs"
    if missing.is_file():
        info["missing_blobs"] = [x for x in missing.read_text().splitlines() if x]
        shutil.move(str(missing), str(tdir / "missing-blobs.txt"))
    info["status"] = "ok"
    marker.write_text(json.dumps(info, indent=1))
    return info

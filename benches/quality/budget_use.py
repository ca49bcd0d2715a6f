"""Where the budget of the packs that miss an edit went.

    python3 benches/quality/budget_use.py RESULTS.jsonl [--variant default] [--suite poly] [--budget 8000]

Reads the result rows of `run.py` (each pack row lists its hunks and whether a body showed
them) and the packs it kept (`WORK/SUITE/packs/VARIANT/TASK-BUDGET.json`). For every pack
that misses a hunk it prints:

- each missed hunk by where it sits: its file absent from the pack, shown by maps or
  signatures only, or shown with bodies (within 30 lines of one of them, or farther);
- the pack's tokens by item kind, split between the fix's files and the others;
- for poly, the missed hunks per language.
"""

import argparse
import collections
import json
import os

NEAR_LINES = 30
ELIDED_KINDS = ("map", "signature", "skeleton")


def where(hunk, items):
    """Where a missed hunk sits relative to the pack's items of its file."""
    mine = [it for it in items if it["path"] == hunk["path"]]
    if not mine:
        return "file absent"
    bodies = [it for it in mine if it["kind"] not in ELIDED_KINDS]
    if not bodies:
        return "file shown by maps or signatures only"
    near = any(it["start_line"] - NEAR_LINES <= line <= it["end_line"] + NEAR_LINES for it in bodies for line in hunk["changed"])
    return "file shown with bodies, hunk within 30 lines of one" if near else "file shown with bodies, hunk farther"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results")
    ap.add_argument("--variant", default="default")
    ap.add_argument("--suite", default="poly", choices=("swe", "poly"))
    ap.add_argument("--budget", type=int, default=8000)
    ap.add_argument("--work", default=os.path.expanduser("~/.cache/ctx-bench/quality"))
    args = ap.parse_args(argv)
    packs_dir = os.path.join(args.work, args.suite, "packs", args.variant)
    hunks_at = collections.Counter()
    by_language = collections.defaultdict(collections.Counter)
    tokens = collections.Counter()
    packs = 0
    with open(args.results) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        if (row.get("type"), row.get("suite"), row.get("variant"), row.get("budget")) != ("pack", args.suite, args.variant, args.budget):
            continue
        missed = [h for h in row.get("hunks", []) if not h["covered"]]
        path = os.path.join(packs_dir, f"{row['id']}-{args.budget}.json")
        if not missed or not os.path.exists(path):
            continue
        with open(path) as f:
            items = json.load(f)["items"]
        packs += 1
        fixed = {h["path"] for h in row["hunks"]}
        for item in items:
            tokens[("fix's files" if item["path"] in fixed else "other files", item["kind"])] += item["tokens"]
        for hunk in missed:
            place = where(hunk, items)
            hunks_at[place] += 1
            by_language[row.get("language") or "?"][place] += 1
    total_hunks = sum(hunks_at.values())
    print(f"{args.suite} {args.variant} at {args.budget}: {packs} packs miss an edit, {total_hunks} hunks missed")
    for place, n in hunks_at.most_common():
        print(f"  {n:5d}  {n / total_hunks:4.0%}  {place}")
    total_tokens = sum(tokens.values()) or 1
    print(f"tokens of those packs (mean {total_tokens / max(packs, 1):.0f} a pack):")
    for (files, kind), n in tokens.most_common():
        print(f"  {n / total_tokens:4.0%}  {files:12} {kind}")
    if args.suite == "poly":
        print("missed hunks per language:")
        for language, places in sorted(by_language.items()):
            print(f"  {language:11} " + "; ".join(f"{place}: {n}" for place, n in places.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

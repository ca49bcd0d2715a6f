"""The tables: one per suite and language, from the result rows alone (so `--summarize`
prints the same tables for earlier result files, several variants side by side).

- packs (swe, poly): file and edit recall, all-files rate, over-budget count, tasks,
  errors and mean pack time, per variant and budget;
- ranking (swe, poly): Acc@k of the ranked files, modules and functions of `ctx search`
  (metrics.acc_at_k), per variant;
- semble: NDCG@10 overall, per category, per language and per repository, per variant.
"""

from __future__ import annotations

from collections import Counter

import metrics

LANG_ORDER = ["Python", "Rust", "C++", "Java", "JavaScript", "C", "Go"]
FILE_K = (1, 3, 5, 10)
MODULE_K = (5, 10)
FUNCTION_K = (5, 10)


def _f(x, w=8, d=3):
    return f"{'-':>{w}}" if x is None else f"{x:>{w}.{d}f}"


def variants_of(rows) -> list[str]:
    seen = []
    for r in rows:
        v = r.get("variant")
        if v and v not in seen and r.get("type") in ("pack", "rank", "semble"):
            seen.append(v)
    return sorted(seen, key=lambda v: (v == "bm25", seen.index(v)))


def languages_of(rows, suite) -> list[str]:
    langs = {r.get("language") for r in rows if r.get("suite") == suite and r.get("type") in ("pack", "rank")}
    return sorted((lg for lg in langs if lg), key=lambda lg: (LANG_ORDER.index(lg) if lg in LANG_ORDER else 99, lg))


def pack_table(rows, suite, language=None) -> str:
    sel = [r for r in rows if r.get("type") == "pack" and r.get("suite") == suite
           and (language is None or r.get("language") == language)]
    if not sel:
        return ""
    groups: dict = {}
    for r in sel:
        groups.setdefault((r["variant"], r["budget"]), []).append(r)
    hdr = (f"{'variant':<24} {'budget':>7} {'file_rec':>8} {'edit_rec':>8} {'all_files':>9} {'over_B':>6} "
           f"{'tasks':>5} {'errors':>6} {'pack_ms':>8}")
    out = [hdr, "-" * len(hdr)]
    for v in variants_of(sel):
        for B in sorted({b for (vv, b) in groups if vv == v}):
            g = groups[(v, B)]
            ok = [r for r in g if r.get("status") == "ok"]
            pms = [r["pack_ms"] for r in ok if r.get("pack_ms") is not None]
            out.append(f"{v[:24]:<24} {B:>7} {_f(metrics.mean(r.get('file_recall') for r in g))} "
                       f"{_f(metrics.mean(r.get('edit_recall') for r in g))} "
                       f"{_f(metrics.mean(None if r.get('all_files') is None else float(r['all_files']) for r in g), 9)} "
                       f"{sum(1 for r in g if r.get('over_budget')):>6} {len(g):>5} {len(g) - len(ok):>6} "
                       f"{_f(metrics.mean(pms), 8, 0)}")
    return "\n".join(out)


def rank_summary(g: list[dict]) -> dict:
    """Acc@k over the rank rows g: a level's mean is over the tasks that have gold
    locations at that level (files: all; modules and functions: tasks with gold functions)."""
    out = {"tasks": len(g), "errors": sum(1 for r in g if r.get("status") != "ok")}
    for level, ks in (("files", FILE_K), ("modules", MODULE_K), ("functions", FUNCTION_K)):
        rel = [r for r in g if r.get(level) and not (r.get("files_only") and level != "files")]
        out[f"n_{level}"] = len(rel)
        for k in ks:
            out[f"{level}@{k}"] = metrics.mean(float(metrics.acc_at_k(r[level], k)) for r in rel) if rel else None
    out["search_ms"] = metrics.mean(r.get("search_ms") for r in g if r.get("status") == "ok")
    return out


def rank_table(rows, suite, language=None) -> str:
    sel = [r for r in rows if r.get("type") == "rank" and r.get("suite") == suite
           and (language is None or r.get("language") == language)]
    if not sel:
        return ""
    cols = [f"file@{k}" for k in FILE_K] + [f"mod@{k}" for k in MODULE_K] + [f"fn@{k}" for k in FUNCTION_K]
    hdr = f"{'variant':<24} {'tasks':>5} " + " ".join(f"{c:>7}" for c in cols) + f" {'fn_tasks':>8} {'errors':>6} {'search_ms':>9}"
    out = [hdr, "-" * len(hdr)]
    for v in variants_of(sel):
        s = rank_summary([r for r in sel if r["variant"] == v])
        vals = ([s[f"files@{k}"] for k in FILE_K] + [s[f"modules@{k}"] for k in MODULE_K]
                + [s[f"functions@{k}"] for k in FUNCTION_K])
        out.append(f"{v[:24]:<24} {s['n_files']:>5} " + " ".join(_f(x, 7) for x in vals)
                   + f" {s['n_functions'] if s['n_functions'] else '-':>8} {s['errors']:>6} {_f(s['search_ms'], 9, 0)}")
    return "\n".join(out)


def semble_tables(rows) -> str:
    sel = [r for r in rows if r.get("type") == "semble"]
    if not sel:
        return ""
    vs = variants_of(sel)
    agg = {v: metrics.semble_aggregate([r for r in sel if r["variant"] == v]) for v in vs}
    cats = sorted({c for a in agg.values() for c in a["category"]})
    hdr = f"{'variant':<24} {'NDCG@10':>8} " + " ".join(f"{c[:12]:>12}" for c in cats) + f" {'queries':>7} {'repos':>5} {'errors':>6} {'search_ms':>9}"
    out = ["semble: NDCG@10 (mean of repository means; a category: mean over repositories of their category mean)",
           hdr, "-" * len(hdr)]
    for v in vs:
        g = [r for r in sel if r["variant"] == v]
        a = agg[v]
        out.append(f"{v[:24]:<24} {_f(a['overall'])} " + " ".join(_f(a["category"].get(c), 12) for c in cats)
                   + f" {len(g):>7} {len(a['repo']):>5} {sum(1 for r in g if r.get('status') != 'ok'):>6} "
                   + _f(metrics.mean(r.get("search_ms") for r in g if r.get("status") == "ok"), 9, 0))
    lang_of = agg[vs[0]]["repo_language"]
    langs = sorted(set(lang_of.values()))
    hdr = f"{'language':<12} {'repos':>5} " + " ".join(f"{v[:12]:>12}" for v in vs)
    out += ["", "semble: NDCG@10 per language (mean of its repositories)", hdr, "-" * len(hdr)]
    for lg in langs:
        out.append(f"{lg:<12} {sum(1 for x in lang_of.values() if x == lg):>5} "
                   + " ".join(_f(agg[v]["language"].get(lg), 12) for v in vs))
    hdr = f"{'repository':<20} {'language':<11} {'queries':>7} " + " ".join(f"{v[:12]:>12}" for v in vs)
    out += ["", "semble: NDCG@10 per repository", hdr, "-" * len(hdr)]
    for repo in sorted(lang_of):
        out.append(f"{repo:<20} {lang_of[repo]:<11} {agg[vs[0]]['queries'][repo]:>7} "
                   + " ".join(_f(agg[v]["repo"].get(repo), 12) for v in vs))
    return "\n".join(out)


def notes(rows, suite) -> list[str]:
    out = []
    sel = [r for r in rows if r.get("suite") == suite]
    excl = {}
    for r in sel:
        if r.get("type") == "excluded":
            excl.setdefault(r["id"], r.get("reason"))
    if excl:
        out.append(f"excluded ({len(excl)}): " + "; ".join(f"{k}: {v}" for k, v in sorted(excl.items())))
    errs = sorted({(r["id"], r.get("variant")) for r in sel if r.get("status") == "error"})
    if errs:
        out.append(f"ctx errors (scored 0, kept in the means): {len(errs)}, e.g. "
                   + ", ".join(f"{i}[{v}]" for i, v in errs[:5]))
    mism = sorted({r["id"] for r in sel if r.get("token_mismatch")})
    if mism:
        out.append(f"token count mismatch (pack `tokens` != `ctx tokens` recount): {len(mism)} tasks, e.g. {mism[:5]}")
    bad = sorted({r["id"] for r in sel if r.get("bad_items")})
    if bad:
        out.append(f"packs with items outside their file or unknown paths: {len(bad)} tasks, e.g. {bad[:5]}")
    fuzzy = sorted({r["id"] for r in sel if r.get("type") == "pack" and r.get("tree_exact") is False})
    if fuzzy:
        out.append(f"trees matching the patch context only with fuzz (hunks located fuzzily): {len(fuzzy)} "
                   f"({', '.join(fuzzy[:20])}{' ...' if len(fuzzy) > 20 else ''})")
    mg = sorted({r["id"] for r in sel if r.get("missing_gold")})
    if mg:
        out.append(f"gold files absent from the tree: {len(mg)} tasks ({', '.join(mg[:10])})")
    first = next((v for v in variants_of(sel) if v != "bm25"), None)
    rk = [r for r in sel if r.get("type") == "rank" and r.get("variant") == first]
    nofn = sorted({r["id"] for r in rk if not r.get("n_gold_functions")})
    if nofn:
        out.append(f"tasks without gold functions (left out of the module and function Acc@k): {len(nofn)}")
    nfound = sum(1 for r in rk for x in (r.get("functions") or []) if x is not None and x <= 10)
    nspan = sum(1 for r in rk for x, b in zip(r.get("functions") or [], r.get("functions_by_span") or [])
                if b and x is not None and x <= 10)
    if nspan:
        out.append(f"gold functions found in the top 10 by a hit whose symbol lacks the gold's qualification but "
                   f"whose lines hold the fix's change ({first}): {nspan} of {nfound} (see metrics.rank_locations)")
    if suite == "semble":
        miss = Counter()
        for r in sel:
            if r.get("type") == "semble" and r.get("missing_targets") and r.get("variant") == first:
                miss[r["repo"]] += len(r["missing_targets"])
        if miss:
            out.append("targets absent from the tree (kept in IDCG, as the metric says): "
                       + ", ".join(f"{k} {v}" for k, v in sorted(miss.items())))
    return out


def summarize(rows) -> str:
    out = []
    metas = [r for r in rows if r.get("type") == "meta"]
    for m in metas:
        vs = ", ".join(f"{v['name']}=[{' '.join(v.get('flags', []))}]" for v in m.get("variants", []))
        out.append(f"run {m.get('started', '?')}: ctx {m.get('commit', '?')} ({m.get('ctx')}), variants: "
                   + (vs or "none") + (", BM25 baseline" if m.get("baseline") else ""))
        for v in m.get("variants", []):
            for cmd, fl in (v.get("dropped") or {}).items():
                out.append(f"  variant {v['name']}: `ctx {cmd}` does not take {' '.join(fl)}; left out of its {cmd} calls")
    titles = {"swe": "SWE-bench Verified dev", "poly": "Multi-SWE-bench dev (poly)"}
    for suite in ("swe", "poly"):
        if not any(r.get("suite") == suite for r in rows):
            continue
        for lg in [None] + languages_of(rows, suite):
            if lg is not None and len(languages_of(rows, suite)) == 1:
                continue
            name = f"{titles[suite]}, {lg or 'all languages'}"
            t = pack_table(rows, suite, lg)
            if t:
                out += ["", f"== {name}: packs (cl100k) ==", t]
            t = rank_table(rows, suite, lg)
            if t:
                out += ["", f"== {name}: ranking of `ctx search` (Acc@k, LocAgent/SweRank) ==", t]
        n = notes(rows, suite)
        if n:
            out += ["", f"notes ({suite}):"] + [f"- {x}" for x in n]
    t = semble_tables(rows)
    if t:
        out += ["", "== semble code search ==", t]
        n = notes(rows, "semble")
        if n:
            out += ["", "notes (semble):"] + [f"- {x}" for x in n]
    timing = [r for r in rows if r.get("type") == "timing"]
    for tm in timing:
        out += ["", "time (wall seconds): " + ", ".join(f"{k} {v:.0f}" for k, v in tm.get("seconds", {}).items())]
    return "\n".join(out).strip("\n")

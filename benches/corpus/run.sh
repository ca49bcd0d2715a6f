#!/usr/bin/env bash
# Large-corpus speed/memory benchmark for ctx (hand-run). See benches/corpus/README.md.
#
#   benches/corpus/run.sh [go|linux]
#
# Env: CTX_BENCH_CACHE (default ~/.cache/ctx-bench)  downloads, extracted trees, scratch copy
#      CTX            ctx binary (default <repo>/target/release/ctx)
#      PACK_RUNS      measured warm `ctx pack` runs (default 5; one extra unmeasured warm-up)
#      COLD_RUNS      ctags and cold `ctx index` runs, alternated; medians are reported (default 1)
#      BUDGET         pack budget in tokens (default 8000)
#      KEEP_SCRATCH=1 keep the scratch copy (with its .ctx) after the run
set -euo pipefail

CORPUS="${1:-go}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="${CTX_BENCH_CACHE:-$HOME/.cache/ctx-bench}"
CTX="${CTX:-$REPO/target/release/ctx}"
PACK_RUNS="${PACK_RUNS:-5}"
COLD_RUNS="${COLD_RUNS:-1}"
BUDGET="${BUDGET:-8000}"
TIME=/usr/bin/time

die() { echo "corpus: $*" >&2; exit 1; }
note() { echo "corpus: $*" >&2; }

[ -x "$CTX" ] || die "ctx binary not found at $CTX (cargo build --release, or set CTX=)"
[ -x "$TIME" ] || die "/usr/bin/time missing (apt-get install time)"
if ! command -v ctags >/dev/null 2>&1; then
  note "ctags missing, installing"
  apt-get install -y universal-ctags >/dev/null 2>&1 || apt-get install -y exuberant-ctags >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && { apt-get install -y universal-ctags >/dev/null 2>&1 || apt-get install -y exuberant-ctags >/dev/null 2>&1; }; } \
    || die "could not install ctags"
fi
mkdir -p "$CACHE/debs"

# apt_download PKG: the .deb path in $CACHE/debs (downloads once; apt-get update on failure)
apt_download() {
  local pkg="$1" deb
  deb=$(ls "$CACHE/debs/${pkg}"_*.deb 2>/dev/null | head -n1 || true)
  if [ -z "$deb" ]; then
    note "downloading $pkg"
    ( cd "$CACHE/debs" && { apt-get download "$pkg" >/dev/null 2>&1 \
        || { note "apt-get download failed, running apt-get update"; apt-get update >/dev/null && apt-get download "$pkg"; }; } ) \
      || die "apt-get download $pkg failed"
    deb=$(ls "$CACHE/debs/${pkg}"_*.deb | head -n1)
  fi
  echo "$deb"
}

case "$CORPUS" in
  go)
    NAME=go-1.19
    SRC="$CACHE/go-1.19/usr/share/go-1.19/src"
    if [ ! -f "$CACHE/go-1.19/.ok" ]; then
      DEB=$(apt_download golang-1.19-src)
      rm -rf "$CACHE/go-1.19" "$CACHE/go-1.19.tmp"
      dpkg -x "$DEB" "$CACHE/go-1.19.tmp"
      mv "$CACHE/go-1.19.tmp" "$CACHE/go-1.19"
      touch "$CACHE/go-1.19/.ok"
    fi
    EXTS="go"
    QUERY='ReadHeaderTimeout keep-alive connection deadline'
    TASK='net/http: Server ReadHeaderTimeout not enforced on keep-alive connections when ReadTimeout is zero

What version of Go are you using (go version)? go1.19.8 linux/amd64

We run an http.Server with ReadHeaderTimeout: 5*time.Second, IdleTimeout: 60*time.Second, WriteTimeout: 30*time.Second and no ReadTimeout. The first request on a connection is protected: a client that trickles its request headers is disconnected after 5s. But after the first response, on the same keep-alive connection, a client that starts the next request and then sends the header bytes one per second is never disconnected; the goroutine stays in (*conn).readRequest until the client gives up. It looks like the read deadline that (*conn).serve sets while waiting for the next request uses IdleTimeout, and once the first byte arrives readRequest does not reset the deadline to ReadHeaderTimeout when ReadTimeout is zero, so the idle deadline (or none) applies to the whole header read.

Also, when WriteTimeout fires while the handler is still running, the handler is not notified: the request context is not cancelled until the handler returns, so a handler blocked on a slow backend keeps running after the connection is already unusable.

Expected: every request on a connection has its header read bounded by ReadHeaderTimeout (falling back to ReadTimeout), and the request context is cancelled when the write deadline expires. A test in net/http/serve_test.go that opens a keep-alive connection, sends one full request, then sends a second request slowly should reproduce it.'
    ;;
  linux)
    NAME=linux-6.1
    SRC="$CACHE/linux-6.1/linux-source-6.1"
    if [ ! -f "$CACHE/linux-6.1/.ok" ]; then
      DEB=$(apt_download linux-source-6.1)
      rm -rf "$CACHE/linux-6.1" "$CACHE/linux-6.1.tmp"
      mkdir -p "$CACHE/linux-6.1.tmp"
      dpkg -x "$DEB" "$CACHE/linux-6.1.tmp/deb"
      TB=$(ls "$CACHE"/linux-6.1.tmp/deb/usr/src/linux-source-6.1*.tar.* | head -n1) || die "no tarball in the .deb"
      note "extracting $(basename "$TB")"
      tar -xf "$TB" -C "$CACHE/linux-6.1.tmp"
      D=$(find "$CACHE/linux-6.1.tmp" -mindepth 1 -maxdepth 1 -type d -name 'linux-source-*' | head -n1)
      [ -n "$D" ] || die "tarball did not contain linux-source-*/"
      [ "$D" = "$CACHE/linux-6.1.tmp/linux-source-6.1" ] || mv "$D" "$CACHE/linux-6.1.tmp/linux-source-6.1"
      rm -rf "$CACHE/linux-6.1.tmp/deb"
      mv "$CACHE/linux-6.1.tmp" "$CACHE/linux-6.1"
      touch "$CACHE/linux-6.1/.ok"
    fi
    EXTS="c h"
    QUERY='ext4 zero range fallocate delalloc'
    TASK='ext4: fsync after fallocate(FALLOC_FL_ZERO_RANGE) on a file with delayed allocation can lose data after a crash

On 6.1 with ext4 (data=ordered, delalloc), the following sequence loses the written data after a power cut: open a new file, pwrite 64 KiB at offset 0 (buffered), fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 32768, 4096), fsync(fd), then crash. After recovery the first 64 KiB read back as zeroes, not just the 4 KiB range. It looks like ext4_zero_range() calls ext4_ext_convert_to_initialized / ext4_alloc_file_blocks while dirty delalloc pages of the range are not yet written back, and the subsequent ext4_sync_file() takes the fast-commit path (ext4_fc_commit) which does not record the converted extents, so journal replay restores unwritten extents over the whole allocated range. Expected: fsync after a zero-range fallocate makes all previously written data durable. Relevant code is probably in fs/ext4/extents.c (ext4_zero_range), fs/ext4/fsync.c and fs/ext4/fast_commit.c.'
    ;;
  *) die "unknown corpus '$CORPUS' (go | linux)";;
esac
[ -d "$SRC" ] || die "source tree missing: $SRC"

# ---- scratch copy (so .ctx never lands in the cache) -----------------------
SCRATCH="$CACHE/scratch"
TREE="$SCRATCH/$NAME"
mkdir -p "$SCRATCH"
rm -rf "$TREE" "$SCRATCH/$NAME.tags"
note "copying $SRC -> $TREE"
cp -a "$SRC" "$TREE"
LOG="$SCRATCH/$NAME.logs"
rm -rf "$LOG"; mkdir -p "$LOG"
# Debian's linux-source appends "ignore everything at the top level" (`/*`)
# to the kernel's .gitignore for its own packaging. ctx honours .gitignore,
# so that block would hide the whole tree: drop it from the scratch copy.
if [ -f "$TREE/.gitignore" ] && grep -q '^# Debian packaging' "$TREE/.gitignore"; then
  sed -i '/^# Debian packaging/,$d' "$TREE/.gitignore"
  note "removed Debian's packaging block from .gitignore"
fi

# ---- corpus stats ----------------------------------------------------------
NFILES=$(find "$TREE" -type f | wc -l)
FIND_EXPR=()
for e in $EXTS; do FIND_EXPR+=(${FIND_EXPR:+-o} -name "*.$e"); done
NSRC=$(find "$TREE" -type f \( "${FIND_EXPR[@]}" \) | wc -l)
NLINES=$(find "$TREE" -type f \( "${FIND_EXPR[@]}" \) -print0 | xargs -0 cat | wc -l)
SRC_BYTES=$(du -sb "$TREE" | cut -f1)

# tv_field FILE FIELD: value from `/usr/bin/time -v` output
tv_rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
tv_wall_s() {  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34"
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"
}
now_ms() { date +%s%3N; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f MB", k/1024}'; }

# ---- ctags and ctx index (cold), alternated COLD_RUNS times ----------------
# On a shared host the same binary's cold index can vary by half within
# minutes; alternating the two and reporting medians, with the ratio taken
# within each pair, keeps the comparison to ctags fair.
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
CTAGS_WALLS=(); INDEX_WALLS=(); RATIOS=(); CTAGS_RSS=0; INDEX_RSS=0
for run in $(seq 1 "$COLD_RUNS"); do
  note "ctags -R (run $run of $COLD_RUNS)"
  rm -f "$SCRATCH/$NAME.tags"
  ( cd "$TREE" && "$TIME" -v -o "$LOG/ctags.time" ctags -R -f "$SCRATCH/$NAME.tags" . ) > "$LOG/ctags.out" 2>&1 \
    || { cat "$LOG/ctags.out" >&2; die "ctags failed"; }
  CTAGS_WALLS+=("$(tv_wall_s "$LOG/ctags.time")")
  r=$(tv_rss_kb "$LOG/ctags.time"); [ "$r" -gt "$CTAGS_RSS" ] && CTAGS_RSS=$r

  note "ctx index (cold, run $run of $COLD_RUNS)"
  rm -rf "$TREE/.ctx"
  "$TIME" -v -o "$LOG/index.time" "$CTX" index "$TREE" > "$LOG/index.out" 2> "$LOG/index.err" \
    || { cat "$LOG/index.err" >&2; die "ctx index failed"; }
  INDEX_WALLS+=("$(tv_wall_s "$LOG/index.time")")
  r=$(tv_rss_kb "$LOG/index.time"); [ "$r" -gt "$INDEX_RSS" ] && INDEX_RSS=$r
  RATIOS+=("$(awk -v a="${INDEX_WALLS[-1]}" -v b="${CTAGS_WALLS[-1]}" 'BEGIN{printf "%.2f", a/b}')")
done
CTAGS_WALL=$(printf '%s\n' "${CTAGS_WALLS[@]}" | median)
INDEX_WALL=$(printf '%s\n' "${INDEX_WALLS[@]}" | median)
RATIO=$(printf '%s\n' "${RATIOS[@]}" | median)
CTAGS_TAGS=$(grep -vc '^!_' "$SCRATCH/$NAME.tags" || true)
CTAGS_SIZE=$(du -sh "$SCRATCH/$NAME.tags" | cut -f1)
INDEX_SIZE=$(du -sh "$TREE/.ctx" | cut -f1); INDEX_BYTES=$(du -sb "$TREE/.ctx" | cut -f1)

# ---- refreshes: no-op, then N edited source files ---------------------------
# Edits append a comment line to N source files spread evenly over the tree
# (a "branch switch" is simply many changed files). The scratch copy is not a
# git work tree, so these refreshes measure the path without git. To measure
# git's part by hand: `git init` the scratch copy (with `.ctx/` in
# .git/info/exclude), commit, commit the 1,000 edits on a branch, index on
# main, then time `ctx index` after `git checkout` of the branch (size
# changes: parsed either way) and after switching back and forth (same
# content, new times: read and hashed without git, judged by git's index with
# it, once `git status` has rewritten the index so its entries are not racy).
( cd "$TREE" && find . -path ./.ctx -prune -o -type f \( -name '*.go' -o -name '*.c' -o -name '*.h' \) -print | sort ) > "$LOG/sources.txt"
edit_files() {  # edit_files N TAG
  awk -v n="$1" 'BEGIN{srand(7)} {a[NR]=$0} END {step = NR / n; if (step < 1) step = 1; for (i = 0; i < n && int(i*step)+1 <= NR; i++) print a[int(i*step)+1]}' "$LOG/sources.txt" \
    | while read -r f; do printf '\n// ctx-bench %s\n' "$2" >> "$TREE/$f"; done
}
REFRESH_ROWS=()
refresh_step() {  # refresh_step LABEL N
  [ "$2" -gt 0 ] && edit_files "$2" "$1"
  "$TIME" -v -o "$LOG/refresh-$1.time" "$CTX" index "$TREE" > "$LOG/refresh-$1.out" 2> "$LOG/refresh-$1.err" \
    || { cat "$LOG/refresh-$1.err" >&2; die "ctx index ($1) failed"; }
  REFRESH_ROWS+=("$1|$(tv_wall_s "$LOG/refresh-$1.time")|$(tv_rss_kb "$LOG/refresh-$1.time")|$(grep -o 'parsed [0-9]*, reused [0-9]*, removed [0-9]*\|up to date' "$LOG/refresh-$1.out")")
}
note "ctx index refreshes"
refresh_step noop 0
refresh_step edit-1 1
refresh_step edit-100 100
refresh_step switch-1000 1000
# A refresh that leaves layers past a thirty-second of the tree starts a
# merge of them in the background (its outcome in .ctx/merge.log);
# `ctx index --merge` waits for it (or merges, if none was started), so
# the packs below are timed without it on the other core.
"$CTX" index --merge "$TREE" > "$LOG/merge-wait.out" 2>&1 || { cat "$LOG/merge-wait.out" >&2; die "ctx index --merge failed"; }
BACKGROUND=$( [ -f "$TREE/.ctx/merge.log" ] && tr '\n' ' ' < "$TREE/.ctx/merge.log" || echo 'none started')
MERGE_NOTE="background: $BACKGROUND; then: $(tr '\n' ' ' < "$LOG/merge-wait.out")"
refresh_step edit-1-merged 1

# ---- ctx pack and ctx search (warm) ----------------------------------------
# timed_runs LABEL CMD...: one unmeasured warm-up, then PACK_RUNS runs of CMD
# from the tree root (stdin: the task); sets MED_<LABEL>, RUNS_<LABEL>, RSS_<LABEL>
# and leaves each run's stdout in $LOG/LABEL<i>.out.
timed_runs() {
  local label="$1"; shift
  local walls=() maxrss=0 i t0 t1 r
  for i in $(seq 0 "$PACK_RUNS"); do
    t0=$(now_ms)
    ( cd "$TREE" && "$TIME" -v -o "$LOG/$label$i.time" "$@" < "$LOG/task.txt" > "$LOG/$label$i.out" 2> "$LOG/$label$i.err" ) \
      || { cat "$LOG/$label$i.err" >&2; die "$label failed: $*"; }
    t1=$(now_ms)
    [ "$i" -eq 0 ] && continue        # warm-up
    walls+=($((t1 - t0)))
    r=$(tv_rss_kb "$LOG/$label$i.time"); [ "$r" -gt "$maxrss" ] && maxrss=$r
  done
  printf -v "MED_$label" '%s' "$(printf '%s\n' "${walls[@]}" | median)"
  printf -v "RUNS_$label" '%s' "${walls[*]}"
  printf -v "RSS_$label" '%s' "$maxrss"
}
printf '%s\n' "$TASK" > "$LOG/task.txt"
note "ctx pack --budget $BUDGET and ctx search --limit 10, each 1 warm-up + $PACK_RUNS runs"
# The default pack checks the working tree first (and refreshes what changed);
# --no-refresh answers from the index as it is. A search answers from the index
# and reports the stale files among its hits.
timed_runs pack "$CTX" pack --budget "$BUDGET" --tokenizer cl100k --format json -
timed_runs packnr "$CTX" pack --no-refresh --budget "$BUDGET" --tokenizer cl100k --format json -
timed_runs search "$CTX" search --limit 10 "$QUERY"
# Peak memory split into private and mapped-file pages (see peak_rss.py).
PACK_MEM=$(cd "$TREE" && python3 "$HERE/peak_rss.py" "$LOG/task.txt" "$CTX" pack --no-refresh --budget "$BUDGET" --tokenizer cl100k --format json -)
SEARCH_MEM=$(cd "$TREE" && python3 "$HERE/peak_rss.py" "$LOG/task.txt" "$CTX" search --limit 10 "$QUERY")
cp "$LOG/pack1.out" "$LOG/pack1.json"
PACK_MED=$MED_pack; WALLS=($RUNS_pack); MAXRSS=$RSS_pack
SEARCH_HITS=$(grep -c . "$LOG/search1.out" || true)
PACK_INFO=$(python3 - "$LOG/pack1.json" "$BUDGET" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
items = p.get("items", [])
files = len({i.get("path") for i in items})
over = " OVER BUDGET" if p.get("tokens", 0) > int(sys.argv[2]) else ""
print(f"{p.get('tokens')} tokens, {len(items)} items, {files} files{over}")
EOF
)

# ---- report ----------------------------------------------------------------
fmt() { printf '%-20s %12s %12s   %s\n' "$@"; }
echo
echo "corpus $NAME: $NFILES files ($(awk -v b="$SRC_BYTES" 'BEGIN{printf "%.0f MB", b/1048576}')), $NSRC .${EXTS// /\/.} files, $NLINES lines in them"
echo "ctx: $CTX ($($CTX --version 2>/dev/null || echo 'version n/a'))"
fmt "step" "wall" "peak RSS" "notes"
runs_note() { [ "$COLD_RUNS" -gt 1 ] && echo "; median of $COLD_RUNS: $*"; }
fmt "ctags -R" "${CTAGS_WALL} s" "$(mb "$CTAGS_RSS")" "$CTAGS_TAGS tags, tags file $CTAGS_SIZE$(runs_note "${CTAGS_WALLS[*]} s")"
fmt "ctx index (cold)" "${INDEX_WALL} s" "$(mb "$INDEX_RSS")" ".ctx $INDEX_SIZE ($(awk -v a="$INDEX_BYTES" -v b="$SRC_BYTES" 'BEGIN{printf "%.2f", a/b}')x source); ${RATIO}x ctags$(runs_note "${INDEX_WALLS[*]} s, ratios ${RATIOS[*]}")"
for row in "${REFRESH_ROWS[@]}"; do
  IFS='|' read -r label wall rss what <<< "$row"
  fmt "ctx index $label" "${wall} s" "$(mb "$rss")" "$what"
done
fmt "ctx index --merge" "" "" "$MERGE_NOTE"
fmt "ctx pack ${BUDGET} x${PACK_RUNS}" "${PACK_MED} ms" "$(mb "$MAXRSS")" "median wall, max RSS; ${PACK_INFO}; runs: ${WALLS[*]} ms"
fmt "  --no-refresh" "${MED_packnr} ms" "$(mb "$RSS_packnr")" "runs: ${RUNS_packnr} ms; one more: $PACK_MEM"
fmt "ctx search x${PACK_RUNS}" "${MED_search} ms" "$(mb "$RSS_search")" "--limit 10 '$QUERY'; ${SEARCH_HITS} lines; runs: ${RUNS_search} ms; one more: $SEARCH_MEM"
echo "ctx index summary: $(tr '\n' ' ' < "$LOG/index.out" | cut -c1-300)"
echo "logs: $LOG"

# machine-readable line for tracking over time
python3 - "$CACHE/corpus-results.jsonl" <<EOF
import json, sys, time
row = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "corpus": "$NAME", "files": $NFILES, "src_files": $NSRC,
       "src_lines": $NLINES, "ctags_s": $CTAGS_WALL, "ctags_rss_kb": $CTAGS_RSS, "index_s": $INDEX_WALL,
       "index_rss_kb": $INDEX_RSS, "index_bytes": $INDEX_BYTES, "index_to_ctags": $RATIO,
       "ctags_runs_s": [$(IFS=,; echo "${CTAGS_WALLS[*]}")], "index_runs_s": [$(IFS=,; echo "${INDEX_WALLS[*]}")],
       "refreshes": "$(IFS=';'; echo "${REFRESH_ROWS[*]}")", "pack_median_ms": $PACK_MED,
       "pack_runs_ms": [$(IFS=,; echo "${WALLS[*]}")], "pack_max_rss_kb": $MAXRSS,
       "pack_no_refresh_median_ms": $MED_packnr, "search_median_ms": $MED_search,
       "search_max_rss_kb": $RSS_search, "budget": $BUDGET}
open(sys.argv[1], "a").write(json.dumps(row) + "\n")
EOF
echo "appended to $CACHE/corpus-results.jsonl"
[ "${KEEP_SCRATCH:-0}" = 1 ] || rm -rf "$TREE" "$SCRATCH/$NAME.tags"

#!/usr/bin/env bash
# Crash benchmark for ctx (hand-run): kill -9 `ctx index` at random moments
# and check that the index that was there before still answers. See
# benches/crash/README.md.
#
#   benches/crash/run.sh [go|generated]
#
# Env: CTX_BENCH_CACHE (default ~/.cache/ctx-bench)  source tree, scratch copy, logs
#      CTX            ctx binary (default <repo>/target/release/ctx)
#      TRIALS         kill trials (default 200)
#      FILES          source files in the scratch tree (default 400)
#      EDITS          files edited before each refresh trial (default 5)
#      SEED           seed of the trial sequence (default: random, printed)
#      KEEP_SCRATCH=1 keep the scratch tree (with its .ctx) after the run
set -euo pipefail

CORPUS="${1:-go}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="${CTX_BENCH_CACHE:-$HOME/.cache/ctx-bench}"
CTX="${CTX:-$REPO/target/release/ctx}"
TRIALS="${TRIALS:-200}"
FILES="${FILES:-400}"
EDITS="${EDITS:-5}"
SEED="${SEED:-$(( $(date +%s) % 100000 ))}"

die() { echo "crash: $*" >&2; exit 1; }
note() { echo "crash: $*" >&2; }

[ -x "$CTX" ] || die "ctx binary not found at $CTX (cargo build --release, or set CTX=)"
command -v jq >/dev/null 2>&1 || die "jq missing (apt-get install jq)"

SCRATCH="$CACHE/scratch"
TREE="$SCRATCH/crash"
LOG="$SCRATCH/crash.logs"
mkdir -p "$SCRATCH"
rm -rf "$TREE" "$LOG"
mkdir -p "$TREE" "$LOG"

# ---- the tree ---------------------------------------------------------------
# A real tree when one is cached (benches/corpus/run.sh go fetches it), else
# generated Python, so the script runs on a machine without the download.
GO_SRC="$CACHE/go-1.19/usr/share/go-1.19/src"
if [ "$CORPUS" = go ] && [ ! -f "$CACHE/go-1.19/.ok" ]; then
  note "no Go tree in $CACHE (benches/corpus/run.sh go fetches it); generating one instead"
  CORPUS=generated
fi
case "$CORPUS" in
  go)
    # FILES .go files spread evenly over the sorted list of the tree's
    # sources (testdata folders hold deliberately odd files: left out), with
    # their folders, so packages stay packages.
    ( cd "$GO_SRC" && find . -name testdata -prune -o -type f -name '*.go' -print | sort ) > "$LOG/all.txt"
    awk -v n="$FILES" '{a[NR]=$0} END {step = NR / n; if (step < 1) step = 1; for (i = 0; i < n && int(i*step)+1 <= NR; i++) print a[int(i*step)+1]}' \
      "$LOG/all.txt" > "$LOG/chosen.txt"
    ( cd "$GO_SRC" && tr '\n' '\0' < "$LOG/chosen.txt" | xargs -0 cp --parents -t "$TREE" )
    EXT=go
    TASK='net/http: Server ReadHeaderTimeout not enforced on keep-alive connections; (*conn).readRequest and serve'
    ;;
  generated)
    for i in $(seq 0 $((FILES - 1))); do
      d="$TREE/pkg$((i % 20))"; mkdir -p "$d"
      {
        printf '"""Module %d."""\nimport os\n\n' "$i"
        for j in $(seq 0 29); do
          printf 'class Widget%dx%d:\n    """Widget number %d."""\n\n    def render_%d(self, value):\n        total = value * %d + %d\n        return os.path.join(str(total), "w%d")\n\n' \
            "$i" "$j" "$j" "$j" "$j" "$i" "$j"
        done
      } > "$d/mod_$i.py"
    done
    EXT=py
    TASK='render_7 of Widget3x7 returns the wrong path'
    ;;
  *) die "unknown corpus '$CORPUS' (go | generated)";;
esac
( cd "$TREE" && find . -type f -name "*.$EXT" | sort ) > "$LOG/sources.txt"
NSRC=$(wc -l < "$LOG/sources.txt")
[ "$NSRC" -gt 0 ] || die "no source files in $TREE"

now_ms() { date +%s%3N; }
# The manifest's generation, or 0 when there is none (a killed first run).
generation() { jq -r '.generation' "$TREE/.ctx/manifest.json" 2>/dev/null || echo 0; }

# Edits EDITS random files: appends a definition (new symbols, new chunk),
# and now and then adds or removes a file, so refreshes parse, reuse and delete.
EDIT_NO=0
edit_random_files() {
  local f
  for f in $(shuf -n "$EDITS" --random-source=<(yes "$SEED.$EDIT_NO") "$LOG/sources.txt"); do
    [ -f "$TREE/$f" ] || continue
    EDIT_NO=$((EDIT_NO + 1))
    if [ "$EXT" = go ]; then
      printf '\nfunc ctxCrashEdit%d() int { return %d }\n' "$EDIT_NO" "$EDIT_NO" >> "$TREE/$f"
    else
      printf '\ndef ctx_crash_edit_%d():\n    return %d\n' "$EDIT_NO" "$EDIT_NO" >> "$TREE/$f"
    fi
  done
  case $((RANDOM % 4)) in
    0) if [ "$EXT" = go ]; then printf 'package crash\n\nfunc Added%d() int { return %d }\n' "$EDIT_NO" "$EDIT_NO" > "$TREE/crash_added_$EDIT_NO.go"
       else printf 'def added_%d():\n    return %d\n' "$EDIT_NO" "$EDIT_NO" > "$TREE/crash_added_$EDIT_NO.py"; fi ;;
    1) local added; added=$(find "$TREE" -maxdepth 1 -name "crash_added_*.$EXT" | head -n1)
       [ -z "$added" ] || rm -f "$added" ;;
  esac
}

# Checks that a reader works: `pack` without a refresh (so it reads exactly
# what the killed run left) and `status`. With no index at all (a killed
# first run), both must say so on one line instead.
check_readers() {  # check_readers TRIAL MIN_GENERATION -> 0 ok, 1 failure (reason in $WHY)
  local trial="$1" min="$2" out err gen
  out="$LOG/t$trial.pack.json"; err="$LOG/t$trial.pack.err"
  if [ ! -f "$TREE/.ctx/manifest.json" ]; then
    if [ "$min" -gt 0 ]; then WHY="the manifest of generation >= $min is gone"; return 1; fi
    ( cd "$TREE" && "$CTX" pack --no-refresh --budget 2k --format json "$TASK" ) > "$out" 2> "$err" && { WHY="pack answered without an index"; return 1; }
    grep -q 'no ctx index' "$err" && [ "$(wc -l < "$err")" -eq 1 ] || { WHY="no index, but pack said: $(head -c 300 "$err")"; return 1; }
    return 0
  fi
  ( cd "$TREE" && "$CTX" pack --no-refresh --budget 2k --format json "$TASK" ) > "$out" 2> "$err" \
    || { WHY="pack failed: $(head -c 300 "$err")"; return 1; }
  gen=$(jq -r '.generation' "$out")
  [ "$(jq '.items | length' "$out")" -gt 0 ] || { WHY="empty pack"; return 1; }
  [ "$gen" -ge "$min" ] || { WHY="pack answered generation $gen, older than $min"; return 1; }
  ( cd "$TREE" && "$CTX" status --format json ) > "$LOG/t$trial.status.json" 2> "$LOG/t$trial.status.err" \
    || { WHY="status failed: $(head -c 300 "$LOG/t$trial.status.err")"; return 1; }
  jq -e '.files > 0' "$LOG/t$trial.status.json" > /dev/null || { WHY="status reports no files"; return 1; }
  return 0
}

# ---- how long a run takes (the range kill moments are drawn from) ------------
note "$CORPUS tree: $NSRC .$EXT files in $TREE; measuring a full build and a refresh"
t0=$(now_ms); "$CTX" -q index "$TREE" > "$LOG/first.out" 2>&1 || { cat "$LOG/first.out" >&2; die "first ctx index failed"; }
t1=$(now_ms); "$CTX" -q index --full "$TREE" > /dev/null 2>&1 || die "ctx index --full failed"
t2=$(now_ms); edit_random_files; "$CTX" -q index "$TREE" > /dev/null 2>&1 || die "refresh failed"
t3=$(now_ms)
FULL_MS=$((t2 - t1)); REFRESH_MS=$((t3 - t2))
note "full build ${FULL_MS} ms (first, cold: $((t1 - t0)) ms), refresh after $EDITS edits ${REFRESH_MS} ms"

# ---- trials -------------------------------------------------------------------
# Kinds: `full` (ctx index --full over the current index), `refresh` (edits,
# then ctx index), and now and then `cold` (.ctx removed first: the very first
# run of a repository killed). The kill comes after a uniform random delay in
# [0, 1.2 x the measured run time], so some runs finish first.
RANDOM=$SEED
FAILURES=0
declare -A KINDS=() PHASES=() BUCKETS=()
for trial in $(seq 1 "$TRIALS"); do
  r=$((RANDOM % 20))
  if [ "$r" -eq 0 ]; then kind=cold; elif [ "$r" -lt 9 ]; then kind=full; else kind=refresh; fi
  args=(-q index "$TREE")
  case "$kind" in
    cold) rm -rf "$TREE/.ctx"; base_ms=$FULL_MS ;;
    full) args+=(--full); base_ms=$FULL_MS ;;
    refresh) edit_random_files; base_ms=$REFRESH_MS ;;
  esac
  before=$(generation)
  permille=$((RANDOM % 1000))
  delay_ms=$((base_ms * 12 * permille / 10000))
  "$CTX" "${args[@]}" > "$LOG/t$trial.index.out" 2>&1 &
  pid=$!
  sleep "$(awk -v ms="$delay_ms" 'BEGIN {printf "%.3f", ms / 1000}')"
  # Where the run was when it died, from what it had written so far.
  if ! kill -0 "$pid" 2>/dev/null; then phase=finished
  elif compgen -G "$TREE/.ctx/tmp-*" > /dev/null; then phase=writing
  elif [ -f "$TREE/.ctx/manifest.json.tmp" ]; then phase=switching
  else phase=starting; fi
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  KINDS[$kind]=$(( ${KINDS[$kind]:-0} + 1 ))
  PHASES[$phase]=$(( ${PHASES[$phase]:-0} + 1 ))
  bucket=$(( permille * 12 / 1000 * 10 ))   # 0, 10, ... 110 (% of the run time)
  BUCKETS[$bucket]=$(( ${BUCKETS[$bucket]:-0} + 1 ))
  WHY=""
  if ! check_readers "$trial" "$before"; then
    FAILURES=$((FAILURES + 1))
    echo "trial $trial FAILED ($kind, killed after ${delay_ms} ms, $phase): $WHY" | tee -a "$LOG/failures.txt" >&2
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$trial" "$kind" "$delay_ms" "$phase" "$(generation)" "${WHY:-ok}" >> "$LOG/trials.tsv"
done

# ---- the end: a completed run equals a fresh full build -----------------------
# Same tables (the manifest's checksum of the tables file), same counts, and
# the same pack for the task (generation numbers and the handles that carry
# them masked).
END_OK=yes
"$CTX" -q index "$TREE" > "$LOG/final.out" 2>&1 || { END_OK="no: final ctx index failed: $(head -c 300 "$LOG/final.out")"; }
LEFTOVERS=$(find "$TREE/.ctx" -maxdepth 1 -name 'tmp-*' | wc -l)
snapshot() {  # snapshot NAME: what must not differ between the refreshed and the rebuilt index
  jq -S '{tables_xxh3, stats}' "$TREE/.ctx/manifest.json" > "$LOG/$1.manifest.json" || return 1
  ( cd "$TREE" && "$CTX" pack --no-refresh --budget 4k --format json "$TASK" ) > "$LOG/$1.pack.raw.json" || return 1
  jq -S 'del(.generation) | walk(if type == "string" then gsub("\\bg[0-9]+c"; "gNc") else . end)' "$LOG/$1.pack.raw.json" > "$LOG/$1.pack.json"
}
if [ "$END_OK" = yes ]; then
  snapshot refreshed || END_OK="no: reading the refreshed index failed"
  "$CTX" -q index --full "$TREE" > /dev/null 2>&1 || END_OK="no: ctx index --full failed"
  snapshot rebuilt || END_OK="no: reading the rebuilt index failed"
  if [ "$END_OK" = yes ] && ! cmp -s "$LOG/refreshed.manifest.json" "$LOG/rebuilt.manifest.json"; then
    END_OK="no: tables differ from a full build's (diff $LOG/refreshed.manifest.json $LOG/rebuilt.manifest.json)"
  elif [ "$END_OK" = yes ] && ! cmp -s "$LOG/refreshed.pack.json" "$LOG/rebuilt.pack.json"; then
    END_OK="no: the pack differs from a full build's (diff $LOG/refreshed.pack.json $LOG/rebuilt.pack.json)"
  fi
fi
[ "$LEFTOVERS" -eq 0 ] || END_OK="no: $LEFTOVERS tmp- directories left after a completed run"

# ---- report -----------------------------------------------------------------
join_counts() {  # join_counts ARRAY_NAME KEY... -> "key n, key n"
  local -n counts="$1"; shift
  local out="" k
  for k in "$@"; do [ -n "${counts[$k]:-}" ] && out+="${out:+, }$k ${counts[$k]}"; done
  echo "$out"
}
echo
echo "corpus $CORPUS: $NSRC .$EXT files; full build ${FULL_MS} ms, refresh ${REFRESH_MS} ms; seed $SEED"
echo "ctx: $CTX ($("$CTX" --version 2>/dev/null || echo 'version n/a'))"
echo "kinds:        $(join_counts KINDS full refresh cold)"
echo "killed while: $(join_counts PHASES starting writing switching finished)"
echo "kill moment (% of the run time): $(join_counts BUCKETS 0 10 20 30 40 50 60 70 80 90 100 110)"
echo "end: completed run equals a full build: $END_OK"
echo "crash: $TRIALS trials, $FAILURES failures, final check ${END_OK%%:*}; logs: $LOG"
[ "${KEEP_SCRATCH:-0}" = 1 ] || rm -rf "$TREE"
[ "$FAILURES" -eq 0 ] && [ "$END_OK" = yes ]

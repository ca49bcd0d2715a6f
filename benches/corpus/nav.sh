#!/usr/bin/env bash
# Warm latency of the navigation and staged-pack commands on an indexed tree
# (issue 3 asks for under 200 ms each on the Go 1.19 tree).
#
#   benches/corpus/nav.sh [TREE]     default: the Go tree run.sh unpacks
#
# Env: CTX (binary, default target/release/ctx), RUNS (default 7; the best
# and the median are reported, after one unmeasured warm-up).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CTX=${CTX:-$here/../../target/release/ctx}
RUNS=${RUNS:-7}
TREE=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/ctx-bench/go-1.19/usr/share/go-1.19/src}
cd "$TREE"
[ -d .ctx ] || "$CTX" index . > /dev/null

measure() {
    local label=$1
    shift
    "$@" > /dev/null 2>&1 || true
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" > /dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    printf '%-28s best %5d ms   median %5d ms\n' "$label" "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")"
}

task="http server closes idle connections too early"
handle=$("$CTX" pack --no-refresh --budget 2k --format json "$task" | python3 -c 'import json,sys; print(next(i["handle"] for i in json.load(sys.stdin)["items"] if i.get("handle")))')
rm -f .ctx/sessions/nav-bench.json
measure "refs ServeHTTP" "$CTX" refs ServeHTTP --format json
measure "callers ServeHTTP" "$CTX" callers ServeHTTP --format json
measure "callees Server.Serve" "$CTX" callees Server.Serve --format json
measure "map net/http (4k)" "$CTX" map net/http --budget 4k --format json
measure "map (whole tree, 4k)" "$CTX" map --budget 4k --format json
measure "expand 1 handle" "$CTX" expand "$handle" --format json
measure "pack 8k --no-refresh" "$CTX" pack --no-refresh --budget 8k --format json "$task"
measure "pack 8k --session" "$CTX" pack --no-refresh --session nav-bench --budget 8k --format json "$task"
measure "status" "$CTX" status --format json
rm -f .ctx/sessions/nav-bench.json

#!/usr/bin/env bash
# seed_corpus.sh: fills corpus/<target>/ with real files: every fixture of
# testdata/ and up to 40 small files per language from the robustness
# bench's cached registry trees (benches/robustness/run.py --fetch-only).
# Existing corpus entries (what earlier fuzzing found) are kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${CTX_ROBUSTNESS_CACHE:-$HOME/.cache/ctx-robustness}/trees
declare -A exts=([python]="py" [rust]="rs" [go]="go" [javascript]="js" [typescript]="ts" [tsx]="tsx" [java]="java" [c]="c h" [cpp]="cc cpp hpp"
  [csharp]="cs" [kotlin]="kt" [swift]="swift" [ruby]="rb" [php]="php" [scala]="scala" [lua]="lua" [bash]="sh" [elixir]="ex exs"
  [haskell]="hs" [zig]="zig" [dart]="dart")
for lang in "${!exts[@]}"; do
  out="$here/corpus/parse_$lang"
  mkdir -p "$out"
  for ext in ${exts[$lang]}; do
    { find "$here/../testdata" -name "*.$ext" -size -64k; [ -d "$cache" ] && find "$cache" -name "*.$ext" -size -16k | sort | awk 'NR % 7 == 0' | head -40; } |
      while read -r file; do cp "$file" "$out/$(sha1sum "$file" | cut -c1-16)"; done
  done
  echo "parse_$lang: $(ls "$out" | wc -l) files"
done
# The index target: one fixture file of each language, with its selector byte.
mkdir -p "$here/corpus/index"
i=0
for lang in python rust go javascript typescript tsx java c cpp csharp kotlin swift ruby php scala lua bash elixir haskell zig dart; do
  file=$(find "$here/../testdata/$lang/repo" -type f -size -8k | sort | head -1)
  [ -n "$file" ] || continue
  { printf "\\x$(printf %02x $i)"; cat "$file"; } > "$here/corpus/index/seed-$lang"
  i=$((i + 1))
done
echo "index: $(ls "$here/corpus/index" | wc -l) files"

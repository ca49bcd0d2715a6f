. ./lib/log.sh

export ARTIFACT_DIR="${ARTIFACT_DIR:-/var/lib/app/releases}"

# Unpacks a release tarball into its own directory and prints that directory.
unpack_release() {
  local tarball=$1
  local target
  target="$ARTIFACT_DIR/$(basename "$tarball" .tar.gz)"
  mkdir -p "$target" || die "cannot create $target"
  tar -xzf "$tarball" -C "$target"
  echo "$target"
}

function prune_releases() {
  local keep=${1:-3}
  ls -1dt "$ARTIFACT_DIR"/*/ | tail -n +"$((keep + 1))" | xargs -r rm -rf
}

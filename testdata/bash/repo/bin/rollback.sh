#!/bin/sh
. "$(dirname "$0")/../lib/log.sh"

current_link="${ARTIFACT_DIR:?}/current"

previous_release() {
  ls -1dt "${ARTIFACT_DIR:?}"/*/ | sed -n 2p
}

rollback() (
  set -e
  dir=$(previous_release)
  [ -n "$dir" ] || die "no previous release"
  ln -sfn "$dir" "$current_link"
)

rollback

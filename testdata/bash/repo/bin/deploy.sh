#!/usr/bin/env bash
# Deploys a release tarball to this host.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/lib/log.sh"
source "$ROOT/lib/retry.sh"
source "$ROOT/lib/artifacts.sh"

usage() {
  echo "usage: $0 TARBALL" >&2
  exit 2
}

# Switches the `current` link to a release directory.
activate() {
  ln -sfn "$1" "$ARTIFACT_DIR/current"
  retry systemctl restart app.service
}

main() {
  [[ $# -eq 1 ]] || usage
  local dir
  dir=$(unpack_release "$1")
  activate "$dir"
  prune_releases 5
  log_info "deployed $dir"
}

main "$@"

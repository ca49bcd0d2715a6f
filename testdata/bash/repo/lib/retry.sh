# Retrying a command with a growing pause.

# shellcheck source=lib/log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

declare -r MAX_ATTEMPTS=5

## Runs "$@" until it succeeds, at most MAX_ATTEMPTS times.
function retry {
  local attempt=1
  until "$@"; do
    if (( attempt >= MAX_ATTEMPTS )); then
      die "gave up after $attempt attempts: $*"
    fi
    log_info "attempt $attempt failed, retrying"
    sleep $(( attempt * 2 ))
    attempt=$(( attempt + 1 ))
  done
}

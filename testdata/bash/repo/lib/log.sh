#!/usr/bin/env bash
# Logging helpers shared by the scripts in bin/.

readonly LOG_PREFIX="[deploy]"
LOG_LEVEL=${LOG_LEVEL:-info}

# Prints an informational line on stderr.
log_info() {
  printf '%s %s\n' "$LOG_PREFIX" "$*" >&2
}

# Prints an error line and exits with status 1.
die() {
  log_info "error: $*"
  exit 1
}

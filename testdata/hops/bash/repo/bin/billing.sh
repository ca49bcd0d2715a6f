#!/usr/bin/env bash
# The billing operator's command line.
set -euo pipefail
cd "$(dirname "$0")/.."
source lib/billing/reminders.sh
source lib/support/desk.sh

case ${1:-} in
  remind) shift; send_overdue_reminder "$@" ;;
  resolve) shift; resolve_ticket "$@" ;;
  *) echo "usage: billing.sh remind|resolve ..." >&2; exit 2 ;;
esac

# Bookkeeping of captured payments: the captured amount and its retries.

CAPTURES_FILE=${CAPTURES_FILE:-/var/lib/billing/captures.tsv}

# What can still be given back: the captured amount less what was refunded.
remaining_captured_amount() {
  awk -v p="$1" '$1 == p { print $2 - $3 }' "$CAPTURES_FILE"
}

# Seconds to wait before retrying a charge with the same idempotency key.
retry_schedule() {
  local wait=$(( 2 ** $1 ))
  echo $(( wait > 300 ? 300 : wait ))
}

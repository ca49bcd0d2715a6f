# Penalties booked against invoices, one line per penalty in the ledger file.

LEDGER_FILE=${LEDGER_FILE:-/var/lib/billing/penalties.tsv}

accrue_penalty() {
  local invoice=$1 total=$2 days=$3
  local amount=$(( total * days / 2000 ))
  printf '%s\t%d\n' "$invoice" "$amount" >> "$LEDGER_FILE"
  echo "$amount"
}

waive_penalties() {
  sed -i "/^$1\t/d" "$LEDGER_FILE"
}

# Support tickets: what an agent can do for a customer from the help desk.
source lib/payments/refunds.sh

# Closes a ticket; a goodwill ticket refunds the disputed sum.
resolve_ticket() {
  local ticket=$1 kind=$2 payment=$3 disputed_cents=$4
  if [ "$kind" = goodwill ]; then
    issue_refund "$payment" "$disputed_cents"
  fi
  echo "$ticket closed"
}

escalate_ticket() {
  echo "$1 high"
}

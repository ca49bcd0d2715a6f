# Refunds: money given back through the gateway, never more than was captured.
source lib/payments/captures.sh
source lib/payments/card_gateway.sh

# Refunds an amount, in whole currency units (not cents).
issue_refund() {
  local payment=$1 amount=$2
  if (( amount > $(remaining_captured_amount "$payment") )); then
    echo "refund exceeds captured amount" >&2
    return 1
  fi
  gateway_reverse "$payment" "$amount"
}

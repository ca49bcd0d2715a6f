# Disputes: a customer contests a charge and the captured amount is held.

# Holds part of the captured amount while the customer's claim that they paid too much is examined.
open_dispute() {
  local payment=$1 amount=$2 captured=$3 reason=$4
  if (( amount > captured )); then
    echo "dispute exceeds captured amount" >&2
    return 1
  fi
  printf '%s\t%s\t%s\topen\n' "$payment" "$amount" "$reason"
}

close_dispute() {
  printf '%s\t%s\n' "$1" "${2:-lost}"
}

#!/usr/bin/env bash
# Prints the amount due for an order.
source "$(dirname "$0")/../lib/billing/tax.sh"

checkout() {
  local subtotal=$1
  echo $(( subtotal + $(compute "$subtotal") ))
}

checkout "$@"

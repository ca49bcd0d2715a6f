#!/usr/bin/env bash
source lib/billing/tax.sh

# The net amount of one row: amount less refunds.
compute() {
  echo $(( $1 - $2 ))
}

summarize() {
  local sum=0 amount refunded
  while read -r amount refunded; do
    sum=$(( sum + $(compute "$amount" "$refunded") ))
  done
  echo "$sum"
}

summarize

# Text of the emails sent to customers.

render_reminder() {
  cat <<TEXT
Dear customer,

invoice $1 is overdue by $2 days. A late fee of $3 cents has been charged.
If this reminder reached you twice, please ignore the second email.
TEXT
}

render_receipt() {
  printf 'Dear customer,\n\nwe received your payment of %s for invoice %s. Thank you.\n' "$2" "$1"
}

# Reminder emails for unpaid invoices past their due date.
source lib/ledger/penalties.sh
source lib/notifications/email.sh
source lib/notifications/templates.sh

readonly GRACE_DAYS=3

# Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
# Arguments: invoice id, customer id, days late, total in cents, "resend" or nothing.
send_overdue_reminder() {
  local invoice=$1 customer=$2 days_late=$3 total=$4
  if (( days_late <= GRACE_DAYS )); then
    return 0
  fi
  local late_fee body
  late_fee=$(accrue_penalty "$invoice" "$total" "$days_late")
  body=$(render_reminder "$invoice" "$days_late" "$late_fee")
  send_email "$customer" "Your invoice is overdue" "$body"
}

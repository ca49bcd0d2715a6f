# Outgoing email through the SMTP relay, with a bounce log.

RELAY=smtp.internal
BOUNCE_LOG=${BOUNCE_LOG:-/var/lib/billing/bounced}

send_email() {
  local customer=$1 subject=$2 body=$3
  if ! printf 'Subject: %s\n\n%s\n' "$subject" "$body" | sendmail -S "$RELAY" "$customer@customers.example.com"; then
    echo "$customer" >> "$BOUNCE_LOG"
    return 1
  fi
}

# Resends the overdue reminder email of every customer whose last email bounced.
resend_bounced() {
  local send=$1 customer
  while read -r customer; do
    "$send" "$customer" resend
  done < "$BOUNCE_LOG"
  : > "$BOUNCE_LOG"
}

# The card processor's HTTP API: captures and reversals.

GATEWAY_URL=${GATEWAY_URL:-https://cards.example.com/v1}

# Captures an authorised charge; the idempotency key makes a retried capture take the money once.
gateway_capture() {
  curl -fsS -H "Idempotency-Key: $3" -d "token=$1&amount=$2" "$GATEWAY_URL/captures"
}

# Gives money back to the card, the amount in cents.
gateway_reverse() {
  curl -fsS -d "payment=$1&amount=$2" "$GATEWAY_URL/reversals"
}

"""Events the card processor posts back to us."""

SEEN_KEYS = set()


def handle_charge_event(event, payments):
    """The processor may deliver the same charge event twice when it is retrying;
    events are deduplicated by idempotency key so the money is not counted twice."""
    key = event["idempotency_key"]
    if key in SEEN_KEYS:
        return False
    SEEN_KEYS.add(key)
    payment = payments[event["payment_id"]]
    payment.processor_ref = event["processor_ref"]
    return True

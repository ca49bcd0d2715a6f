package com.example.payments;

import java.util.Set;

/** Events the card processor posts back to us. */
public final class Webhooks {
    public record ChargeEvent(String idempotencyKey, String processorRef) {}

    private Webhooks() {}

    /**
     * The processor may deliver the same charge event twice when it is retrying;
     * events are deduplicated by idempotency key so the money is not counted twice.
     */
    public static boolean handleChargeEvent(Set<String> seen, ChargeEvent event, Payment payment) {
        if (!seen.add(event.idempotencyKey())) {
            return false;
        }
        payment.processorRef = event.processorRef();
        return true;
    }
}

<?php

namespace App\Payments;

/**
 * Events the card processor posts back to us.
 */
final class Webhooks
{
    /** @var array<string, true> */
    private static array $seenKeys = [];

    /**
     * The processor may deliver the same charge event twice when it is retrying;
     * events are deduplicated by idempotency key so the money is not counted twice.
     */
    public static function handleChargeEvent(array $event, array $payments): bool
    {
        $key = $event['idempotency_key'];
        if (isset(self::$seenKeys[$key])) {
            return false;
        }
        self::$seenKeys[$key] = true;
        $payment = $payments[$event['payment_id']];
        $payment->processorRef = $event['processor_ref'];
        return true;
    }
}

<?php

namespace App\Payments;

/**
 * Bookkeeping of captured payments: the captured amount and its retries.
 */
final class Captures
{
    /**
     * What can still be given back: the captured amount less what was refunded.
     */
    public static function remainingCapturedAmount(object $payment): int
    {
        return $payment->captured - $payment->refunded;
    }

    /**
     * Seconds to wait before retrying a charge with the same idempotency key.
     */
    public static function retrySchedule(int $attempt): int
    {
        return min(2 ** $attempt, 300);
    }
}

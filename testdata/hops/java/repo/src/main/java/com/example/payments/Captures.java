package com.example.payments;

/** Bookkeeping of captured payments: the captured amount and its retries. */
public final class Captures {
    private Captures() {}

    /** What can still be given back: the captured amount less what was refunded. */
    public static long remainingCapturedAmount(Payment payment) {
        return payment.captured - payment.refunded;
    }

    /** Seconds to wait before retrying a charge with the same idempotency key. */
    public static long retrySchedule(int attempt) {
        return Math.min(1L << Math.min(attempt, 16), 300);
    }
}

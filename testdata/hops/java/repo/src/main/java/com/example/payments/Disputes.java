package com.example.payments;

/** Disputes: a customer contests a charge and the captured amount is held. */
public final class Disputes {
    public record Dispute(long held, String reason) {}

    private Disputes() {}

    /** Holds part of the captured amount while the customer's claim that they paid too much is examined. */
    public static Dispute openDispute(Payment payment, long amount, String reason) {
        if (amount > payment.captured) {
            throw new IllegalArgumentException("dispute exceeds captured amount");
        }
        return new Dispute(amount, reason);
    }
}

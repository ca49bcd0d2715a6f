package com.example.payments;

/** Refunds: money given back through the gateway, never more than was captured. */
public final class Refunds {
    public static class RefundException extends RuntimeException {
        public RefundException(String message) {
            super(message);
        }
    }

    private Refunds() {}

    /** Refunds {@code amount}, in whole currency units (not cents). */
    public static long issueRefund(PaymentGateway gateway, Payment payment, long amount) {
        if (amount > Captures.remainingCapturedAmount(payment)) {
            throw new RefundException("refund exceeds captured amount");
        }
        gateway.reverse(payment, amount);
        payment.refunded += amount;
        return payment.refunded;
    }
}

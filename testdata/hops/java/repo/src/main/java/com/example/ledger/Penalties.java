package com.example.ledger;

import com.example.billing.Invoice;

/** Penalties booked against invoices. */
public final class Penalties {
    private static final double DAILY_RATE = 0.0005;

    private Penalties() {}

    public static double accruePenalty(Invoice invoice, int days) {
        double amount = Math.round(invoice.total * DAILY_RATE * days * 100) / 100.0;
        invoice.penalties.add(amount);
        return amount;
    }

    public static void waivePenalties(Invoice invoice) {
        invoice.penalties.clear();
    }
}

package com.example.billing;

/** Decimal arithmetic: rounding, and conversion between amounts and cents. */
public final class Money {
    private Money() {}

    public static double roundMoney(double amount, int places) {
        // Goes through float, which loses cents once sums grow past a few thousand.
        float scale = (float) Math.pow(10, places);
        return Math.round((float) amount * scale) / (double) scale;
    }

    public static long toCents(double amount) {
        return Math.round(amount * 100);
    }

    public static double fromCents(long cents) {
        return cents / 100.0;
    }
}

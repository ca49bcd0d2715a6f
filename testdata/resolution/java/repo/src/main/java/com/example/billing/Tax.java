package com.example.billing;

/** Value-added tax on an amount. */
public final class Tax {
    private static final double VAT_RATE = 0.2;

    private Tax() {}

    public static double compute(double amount) {
        return Math.round(amount * VAT_RATE * 100) / 100.0;
    }
}

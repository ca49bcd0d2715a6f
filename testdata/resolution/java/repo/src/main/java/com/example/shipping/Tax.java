package com.example.shipping;

/** Customs duty on a parcel, by weight. */
public final class Tax {
    private static final double DUTY_PER_KG = 1.5;

    private Tax() {}

    public static double compute(double weight) {
        return Math.round(weight * DUTY_PER_KG * 100) / 100.0;
    }
}

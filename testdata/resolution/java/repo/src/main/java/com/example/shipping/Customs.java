package com.example.shipping;

/** Customs declarations for parcels leaving the country. */
public final class Customs {
    public record Declaration(double weight, double value) {}

    private Customs() {}

    public static Declaration declareParcel(double weight, double value) {
        return new Declaration(weight, value);
    }
}

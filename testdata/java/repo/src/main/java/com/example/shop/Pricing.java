package com.example.shop;

import java.math.*;

/** Discount rules. */
public final class Pricing {
    public static final double DEFAULT_RATE = 0.1;

    private Pricing() {}

    /** Takes the rate off the amount, rounded to cents. */
    public static double applyDiscount(double amount, double rate) {
        return BigDecimal.valueOf(amount * (1 - rate)).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}

/** Anything with a total price. */
interface Priced {
    double total();
}

/** Marks code paths that touch money. */
@interface Monetary {
    String currency() default "EUR";
}

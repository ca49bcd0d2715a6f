package com.example.shop;

import java.util.ArrayList;
import java.util.List;
import static com.example.shop.Pricing.applyDiscount;

/**
 * A cart of line items for one owner.
 */
public class Cart implements Priced {
    /** Most lines a cart may hold. */
    public static final int MAX_LINES = 50;

    private final String owner;
    private final List<Line> lines = new ArrayList<>();

    /** One product line. */
    public record Line(String sku, double price, int qty) {
        /** Price times quantity. */
        double subtotal() {
            return price * qty;
        }
    }

    /** Whether a cart can still be changed. */
    public enum State {
        OPEN,
        CLOSED;

        boolean editable() {
            return this == OPEN;
        }
    }

    public Cart(String owner) {
        this.owner = owner;
    }

    /**
     * Adds a line.
     * @throws IllegalStateException when the cart is full
     */
    public void add(String sku, double price, int qty) {
        if (lines.size() >= MAX_LINES) {
            throw new IllegalStateException("cart is full");
        }
        lines.add(new Line(sku, price, qty));
    }

    // Sum after the house discount.
    @Override
    public double total() {
        double sum = 0;
        for (Line line : lines) {
            sum += line.subtotal();
        }
        return applyDiscount(sum, Pricing.DEFAULT_RATE);
    }
}

package com.example.models;

import java.util.List;

/** A basket of prices; renders itself, it is no document. */
public class Cart {
    private final List<Double> prices;

    public Cart(List<Double> prices) {
        this.prices = prices;
    }

    public double total() {
        return prices.stream().mapToDouble(Double::doubleValue).sum();
    }

    public String describe() {
        return "cart of " + total();
    }

    public String render() {
        return "cart";
    }

    public String print() {
        return render() + "\n" + describe();
    }
}

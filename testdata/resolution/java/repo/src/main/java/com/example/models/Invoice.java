package com.example.models;

import java.util.List;

/** A bill; prints through the document it extends. */
public class Invoice extends Document {
    private final List<Double> lines;

    public Invoice(String title, List<Double> lines) {
        super(title);
        this.lines = lines;
    }

    public double total() {
        return lines.stream().mapToDouble(Double::doubleValue).sum();
    }

    public String summary() {
        return "invoice of " + this.total();
    }

    public String print() {
        return render() + "\n" + summary();
    }
}

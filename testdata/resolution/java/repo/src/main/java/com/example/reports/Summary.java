package com.example.reports;

import java.util.List;

/** Summaries of rows: totals through a nested helper, and VAT through the billing tax class. */
public class Summary {
    public record Row(double amount, double total) {}

    static final class Tax {
        private Tax() {}

        static double compute(double total) {
            return total;
        }
    }

    public double summarize(List<Row> rows) {
        return rows.stream().mapToDouble(row -> Tax.compute(row.total())).sum();
    }

    public double vatTotal(List<Row> rows) {
        return rows.stream().mapToDouble(row -> com.example.billing.Tax.compute(row.amount())).sum();
    }
}

package com.example.reports;

import com.example.billing.Invoice;
import java.util.List;

/** Accounts-receivable aging: overdue invoices bucketed by days late. */
public final class Aging {
    private static final int[][] BUCKETS = {{1, 30}, {31, 60}, {61, 90}, {91, 10_000}};

    private Aging() {}

    /** Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance. */
    public static double[] agingReport(List<Invoice> invoices, int today) {
        double[] report = new double[BUCKETS.length];
        for (Invoice invoice : invoices) {
            int daysLate = today - invoice.dueDay;
            for (int slot = 0; slot < BUCKETS.length; slot++) {
                if (BUCKETS[slot][0] <= daysLate && daysLate <= BUCKETS[slot][1]) {
                    report[slot] += invoice.total + invoice.penalties.stream().mapToDouble(Double::doubleValue).sum();
                }
            }
        }
        return report;
    }
}

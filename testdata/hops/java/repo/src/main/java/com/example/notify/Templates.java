package com.example.notify;

import com.example.billing.Invoice;

/** Text of the emails sent to customers. */
public final class Templates {
    private Templates() {}

    public static String renderReminder(Invoice invoice, int daysLate, double lateFee) {
        return "Dear customer,\n\ninvoice " + invoice.number + " is overdue by " + daysLate + " days. "
            + String.format("A late fee of %.2f has been charged.%n", lateFee)
            + "If this reminder reached you twice, please ignore the second email.\n";
    }

    public static String renderReceipt(Invoice invoice, double amount) {
        return String.format("Dear customer,%n%nwe received your payment of %.2f for invoice %s. Thank you.%n", amount, invoice.number);
    }
}

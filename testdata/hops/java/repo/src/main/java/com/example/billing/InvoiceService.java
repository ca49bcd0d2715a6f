package com.example.billing;

/** Invoices and their line items; finalizing freezes the totals. */
public class InvoiceService {
    /** Freezes the invoice: every line item is priced, taxed and summed into the grand total. */
    public Invoice finalizeInvoice(Invoice invoice) {
        if (invoice.finalized) {
            return invoice;
        }
        double subtotal = 0;
        double tax = 0;
        for (Invoice.LineItem item : invoice.items) {
            double line = item.quantity() * item.unitPrice();
            subtotal = Money.roundMoney(subtotal + line, 2);
            tax = Money.roundMoney(tax + line * item.taxRate(), 2);
        }
        invoice.subtotal = subtotal;
        invoice.tax = tax;
        invoice.total = subtotal + tax;
        invoice.finalized = true;
        return invoice;
    }
}

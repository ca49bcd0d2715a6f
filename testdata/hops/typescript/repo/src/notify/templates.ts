// Text of the emails sent to customers.
import { Invoice } from "../billing/invoices";

export function renderReminder(invoice: Invoice, daysLate: number, lateFee: number): string {
  return (
    `Dear customer,\n\ninvoice ${invoice.number} is overdue by ${daysLate} days. ` +
    `A late fee of ${lateFee.toFixed(2)} has been charged.\n` +
    "If this reminder reached you twice, please ignore the second email.\n"
  );
}

export function renderReceipt(invoice: Invoice, amount: number): string {
  return `Dear customer,\n\nwe received your payment of ${amount.toFixed(2)} for invoice ${invoice.number}. Thank you.\n`;
}

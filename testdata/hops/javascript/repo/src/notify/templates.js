// Text of the emails sent to customers.

export function renderReminder(invoice, daysLate, lateFee) {
  return (
    `Dear customer,\n\ninvoice ${invoice.number} is overdue by ${daysLate} days. ` +
    `A late fee of ${lateFee.toFixed(2)} has been charged.\n` +
    "If this reminder reached you twice, please ignore the second email.\n"
  );
}

export function renderReceipt(invoice, amount) {
  return `Dear customer,\n\nwe received your payment of ${amount.toFixed(2)} for invoice ${invoice.number}. Thank you.\n`;
}

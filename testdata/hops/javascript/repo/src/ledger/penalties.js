// Penalties booked against invoices.

const DAILY_RATE = 0.0005;

export function accruePenalty(invoice, days) {
  const amount = Math.round(invoice.total * DAILY_RATE * days * 100) / 100;
  invoice.penalties.push(amount);
  return amount;
}

export function waivePenalties(invoice) {
  invoice.penalties.length = 0;
}

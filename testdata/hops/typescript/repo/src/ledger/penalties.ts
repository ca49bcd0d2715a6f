// Penalties booked against invoices.
import { Invoice } from "../billing/invoices";

const DAILY_RATE = 0.0005;

export function accruePenalty(invoice: Invoice, days: number): number {
  const amount = Math.round(invoice.total * DAILY_RATE * days * 100) / 100;
  invoice.penalties.push(amount);
  return amount;
}

export function waivePenalties(invoice: Invoice): void {
  invoice.penalties.length = 0;
}

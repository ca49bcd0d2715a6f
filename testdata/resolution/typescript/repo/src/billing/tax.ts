// Value-added tax on an amount.
const VAT_RATE = 0.2;

export function compute(amount: number): number {
  return Math.round(amount * VAT_RATE * 100) / 100;
}

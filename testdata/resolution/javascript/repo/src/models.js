// Invoices and carts each have a total.

class Invoice {
  constructor(lines) {
    this.lines = lines;
  }

  total() {
    return this.lines.reduce((a, b) => a + b, 0);
  }

  summary() {
    return `invoice of ${this.total()}`;
  }
}

class Cart {
  constructor(prices) {
    this.prices = prices;
  }

  total() {
    return this.prices.reduce((a, b) => a + b, 0);
  }

  describe() {
    return `cart of ${this.total()}`;
  }
}

function total(values) {
  return values.reduce((a, b) => a + b, 0);
}

function grandTotal(invoices) {
  return total(invoices.map((invoice) => invoice.total()));
}

module.exports = { Invoice, Cart, total, grandTotal };

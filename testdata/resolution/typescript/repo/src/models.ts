// Invoices and carts each have a total.

export class Invoice {
  constructor(private readonly lines: number[]) {}

  total(): number {
    return this.lines.reduce((a, b) => a + b, 0);
  }

  summary(): string {
    return `invoice of ${this.total()}`;
  }
}

export class Cart {
  constructor(private readonly prices: number[]) {}

  total(): number {
    return this.prices.reduce((a, b) => a + b, 0);
  }

  describe(): string {
    return `cart of ${this.total()}`;
  }
}

export function total(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function grandTotal(invoices: Invoice[]): number {
  return total(invoices.map((invoice) => invoice.total()));
}

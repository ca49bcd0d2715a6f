// The ledger books amounts with its own fee, and VAT through the tax module.
const { compute } = require("./tax");

class Ledger {
  constructor() {
    this.lines = [];
  }

  record(amount) {
    const fee = this.compute(amount);
    this.lines.push([amount, fee]);
    return fee;
  }

  compute(amount) {
    return Math.round(amount) / 100;
  }

  post(amount) {
    const vat = compute(amount);
    this.lines.push([amount, vat]);
    return vat;
  }
}

module.exports = { Ledger };

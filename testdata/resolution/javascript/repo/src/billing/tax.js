// Value-added tax on an amount.
const VAT_RATE = 0.2;

function compute(amount) {
  return Math.round(amount * VAT_RATE * 100) / 100;
}

module.exports = { compute };

// Checkout: VAT from billing, customs duty from shipping.
const { compute } = require("./tax");
const shippingTax = require("../shipping/tax");
const { compute: duty } = require("../shipping/tax");
const { declareParcel: declare } = require("../shipping/customs");
const makeLabel = require("../shipping/label");

function checkout(amount, weight) {
  const vat = compute(amount);
  const customs = shippingTax.compute(weight);
  return amount + vat + customs;
}

function quote(amount, weight) {
  return amount + duty(weight);
}

function ship(address, amount, weight) {
  const declaration = declare(weight, amount);
  return [declaration, makeLabel(address, weight)];
}

module.exports = { checkout, quote, ship };

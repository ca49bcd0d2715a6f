// Shipping labels.

function printLabel(address, weight) {
  return `${address}\n${weight.toFixed(1)} kg`;
}

module.exports = printLabel;

// Summaries of rows: totals, and VAT through the billing tax module.
const { compute } = require("../billing/tax");

function summarize(rows) {
  function compute(row) {
    return row.total;
  }
  return rows.reduce((sum, row) => sum + compute(row), 0);
}

function vatTotal(rows) {
  return rows.reduce((sum, row) => sum + compute(row.amount), 0);
}

module.exports = { summarize, vatTotal };

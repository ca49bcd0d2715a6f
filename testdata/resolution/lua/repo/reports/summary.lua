local tax = require("billing.tax")

local M = {}

local function compute(row)
  return row.amount - row.refunded
end

function M.summarize(rows)
  local sum = 0
  for _, row in ipairs(rows) do
    sum = sum + compute(row)
  end
  return sum
end

function M.vat_total(rows)
  return tax.compute(M.summarize(rows))
end

return M

local money = require("shopkit.money")
local tax = require("billing.tax")

local M = {}

function M.invoice_total(amount)
  return money.cents(amount + tax.compute(amount))
end

return M

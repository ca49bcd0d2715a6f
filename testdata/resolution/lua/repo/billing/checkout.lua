local tax = require("billing.tax")
local shipping_tax = require("shipping.tax")

local M = {}

function M.checkout(cart)
  return cart.subtotal + tax.compute(cart.subtotal) + shipping_tax.compute(cart.weight)
end

return M

--- The shop package: carts, pricing and receipts.
-- Loading it loads its parts.
local cart = require("shop.cart")
local pricing = require("shop.pricing")

local M = {}

M.VERSION = "0.3.1"

--- Opens a cart for a customer, with the house discount applied.
function M.open(customer)
  local c = cart.new(customer)
  c.discount = pricing.house_discount(customer)
  return c
end

return M

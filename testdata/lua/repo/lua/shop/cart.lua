--- Carts of line items.
local pricing = require("shop.pricing")
local log = require("shop.util.log")

local Cart = {}
Cart.__index = Cart

local MAX_LINES = 200

--- Creates an empty cart for `customer`.
function Cart.new(customer)
  return setmetatable({ customer = customer, lines = {}, discount = 0 }, Cart)
end

--- Adds `qty` units of `sku` at `price`.
-- Raises when the cart is full.
function Cart:add(sku, price, qty)
  if #self.lines >= MAX_LINES then
    error("cart is full")
  end
  self.lines[#self.lines + 1] = { sku = sku, price = price, qty = qty or 1 }
  log.debug("added " .. sku)
end

-- The sum of all lines, discounted and taxed.
function Cart:total()
  local sum = 0
  for _, line in ipairs(self.lines) do
    sum = sum + pricing.line_total(line)
  end
  return pricing.apply_tax(sum * (1 - self.discount))
end

local function by_sku(a, b)
  return a.sku < b.sku
end

function Cart:sorted_lines()
  local copy = { table.unpack(self.lines) }
  table.sort(copy, by_sku)
  return copy
end

return Cart

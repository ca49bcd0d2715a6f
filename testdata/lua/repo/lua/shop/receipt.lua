local Cart = require "shop.cart"
local fmt = require("shop.pricing").round

local Receipt = setmetatable({}, { __index = Cart })

---Renders a receipt, one line per item.
---@param cart table
---@return string
function Receipt.render(cart)
  local out = {}
  for i, line in ipairs(cart:sorted_lines()) do
    out[i] = string.format("%-10s %8.2f", line.sku, fmt(line.price * line.qty))
  end
  out[#out + 1] = string.format("%-10s %8.2f", "TOTAL", cart:total())
  return table.concat(out, "\n")
end

return Receipt

--- Prices, discounts and tax.
local M = {}

M.TAX_RATE = 0.2

--- The price of one line: unit price times quantity.
function M.line_total(line)
  return line.price * line.qty
end

M.apply_tax = function(amount)
  return M.round(amount * (1 + M.TAX_RATE))
end

--- Rounds to cents.
function M.round(amount)
  return math.floor(amount * 100 + 0.5) / 100
end

function M.house_discount(customer)
  if customer.loyal then
    return 0.05
  end
  return 0
end

return M

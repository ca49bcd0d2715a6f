--- Sales tax of an order.
local M = {}

function M.compute(amount)
  return amount * 0.2
end

return M

--- Amounts of money, installed as the module `shopkit.money` (see the rockspec).
local M = {}

function M.cents(amount)
  return math.floor(amount * 100 + 0.5)
end

return M

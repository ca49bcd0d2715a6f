local tax = require("billing.tax")

local Ledger = {}
Ledger.__index = Ledger

function Ledger.new()
  return setmetatable({ entries = {} }, Ledger)
end

function Ledger:compute(amount)
  return amount + tax.compute(amount)
end

function Ledger:record(amount)
  self.entries[#self.entries + 1] = self:compute(amount)
end

return Ledger

--- Penalties booked against invoices.
local M = {}

local DAILY_RATE = 0.0005

function M.accrue_penalty(invoice, days)
  local amount = math.floor(invoice.total * DAILY_RATE * days * 100 + 0.5) / 100
  invoice.penalties[#invoice.penalties + 1] = amount
  return amount
end

function M.waive_penalties(invoice)
  invoice.penalties = {}
end

return M

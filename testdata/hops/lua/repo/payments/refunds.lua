--- Refunds: money given back through the gateway, never more than was captured.
local captures = require("payments.captures")

local M = {}

--- Refunds `amount`, in whole currency units (not cents).
function M.issue_refund(gateway, payment, amount)
  if amount > captures.remaining_captured_amount(payment) then
    error("refund exceeds captured amount")
  end
  gateway:reverse(payment, amount)
  payment.refunded = payment.refunded + amount
  return payment.refunded
end

return M

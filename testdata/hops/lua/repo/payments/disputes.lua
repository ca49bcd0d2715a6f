--- Disputes: a customer contests a charge and the captured amount is held.
local M = {}

--- Holds part of the captured amount while the customer's claim that they paid too much is examined.
function M.open_dispute(payment, amount, reason)
  if amount > payment.captured then
    error("dispute exceeds captured amount")
  end
  return { payment = payment.token, held = amount, reason = reason, state = "open" }
end

function M.close_dispute(dispute, won)
  dispute.state = won and "won" or "lost"
  return dispute
end

return M

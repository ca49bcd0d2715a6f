--- Bookkeeping of captured payments: the captured amount and its retries.
local M = {}

function M.new_payment(token)
  return { token = token, processor_ref = "", captured = 0, refunded = 0 }
end

--- What can still be given back: the captured amount less what was refunded.
function M.remaining_captured_amount(payment)
  return payment.captured - payment.refunded
end

--- Seconds to wait before retrying a charge with the same idempotency key.
function M.retry_schedule(attempt)
  return math.min(2 ^ attempt, 300)
end

return M

--- Events the card processor posts back to us.
local M = {}

local seen_keys = {}

--- The processor may deliver the same charge event twice when it is retrying;
-- events are deduplicated by idempotency key so the money is not counted twice.
function M.handle_charge_event(event, payments)
  local key = event.idempotency_key
  if seen_keys[key] then
    return false
  end
  seen_keys[key] = true
  local payment = payments[event.payment_id]
  payment.processor_ref = event.processor_ref
  return true
end

return M

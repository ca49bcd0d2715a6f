--- The card processor's HTTP API: charges, captures and reversals.
local http = require("socket.http")

local CardGateway = {}
CardGateway.__index = CardGateway

function CardGateway.new(base_url, api_key)
  return setmetatable({ base_url = base_url, api_key = api_key }, CardGateway)
end

--- Captures an authorised charge; the idempotency key makes a retried capture take the money once.
function CardGateway:capture(payment, amount, idempotency_key)
  return http.request(self.base_url .. "/captures", string.format(
    "token=%s&amount=%d&key=%s", payment.token, amount, idempotency_key))
end

--- Gives money back to the card: `amount` in cents, at most the captured amount.
function CardGateway:reverse(payment, amount)
  return http.request(self.base_url .. "/reversals", string.format(
    "ref=%s&amount=%d", payment.processor_ref, amount))
end

return CardGateway

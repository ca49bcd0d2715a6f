--- Support tickets: what an agent can do for a customer from the help desk.
local refunds = require("payments.refunds")

local M = {}

--- Closes a ticket; a goodwill ticket returns the disputed sum to the customer.
function M.resolve_ticket(ticket, gateway, payments)
  if ticket.kind == "goodwill" then
    local payment = payments[ticket.payment_id]
    refunds.issue_refund(gateway, payment, ticket.disputed_cents)
  end
  ticket.status = "closed"
  return ticket
end

function M.escalate_ticket(ticket)
  ticket.priority = "high"
  return ticket
end

return M

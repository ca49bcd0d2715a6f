--- Outgoing email through the SMTP relay, with a bounce log.
local smtp = require("socket.smtp")

local M = {}

M.RELAY = "smtp.internal"
M.bounced = {}

function M.send_email(customer_id, subject, body)
  local ok = smtp.send({
    from = "billing@example.com",
    rcpt = customer_id .. "@customers.example.com",
    source = smtp.message({ headers = { subject = subject }, body = body }),
    server = M.RELAY,
  })
  if not ok then
    M.bounced[#M.bounced + 1] = customer_id
    return false
  end
  return true
end

--- Resends the overdue reminder email of every customer whose last email bounced.
function M.resend_bounced(invoices_by_customer, today, send)
  local bounced = M.bounced
  M.bounced = {}
  for _, customer_id in ipairs(bounced) do
    for _, invoice in ipairs(invoices_by_customer[customer_id] or {}) do
      send(invoice, today, true)
    end
  end
end

return M

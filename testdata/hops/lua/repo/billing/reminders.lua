--- Reminder emails for unpaid invoices past their due date.
local penalties = require("ledger.penalties")
local email = require("notifications.email")
local templates = require("notifications.templates")

local M = {}

M.GRACE_DAYS = 3

--- Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
function M.send_overdue_reminder(invoice, today, resend)
  local days_late = today - invoice.due
  if days_late <= M.GRACE_DAYS then
    return nil
  end
  local late_fee = penalties.accrue_penalty(invoice, days_late)
  local body = templates.render_reminder(invoice, days_late, late_fee)
  return email.send_email(invoice.customer_id, "Your invoice is overdue", body)
end

return M

--- Text of the emails sent to customers.
local M = {}

M.REMINDER = [[Dear customer,

invoice %s is overdue by %d days. A late fee of %.2f has been charged.
If this reminder reached you twice, please ignore the second email.
]]

M.RECEIPT = [[Dear customer,

we received your payment of %.2f for invoice %s. Thank you.
]]

function M.render_reminder(invoice, days_late, late_fee)
  return string.format(M.REMINDER, invoice.number, days_late, late_fee)
end

function M.render_receipt(invoice, amount)
  return string.format(M.RECEIPT, amount, invoice.number)
end

return M

--- Accounts-receivable aging: overdue invoices bucketed by days late.
local M = {}

M.BUCKETS = { { 1, 30 }, { 31, 60 }, { 61, 90 }, { 91, 10000 } }

--- Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
function M.aging_report(invoices, today)
  local report = {}
  for i = 1, #M.BUCKETS do
    report[i] = 0
  end
  for _, invoice in ipairs(invoices) do
    local days_late = today - invoice.due
    for i, bucket in ipairs(M.BUCKETS) do
      if days_late >= bucket[1] and days_late <= bucket[2] then
        local fees = 0
        for _, fee in ipairs(invoice.penalties) do
          fees = fees + fee
        end
        report[i] = report[i] + invoice.total + fees
      end
    end
  end
  return report
end

function M.overdue_customers(invoices, today)
  local customers = {}
  for _, invoice in ipairs(invoices) do
    if invoice.due < today then
      customers[invoice.customer_id] = true
    end
  end
  return customers
end

return M

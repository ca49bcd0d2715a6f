-- | Accounts-receivable aging: overdue invoices bucketed by days late.
module Reports.Aging (agingReport) where

import Billing.Invoice

buckets :: [(Int, Int)]
buckets = [(1, 30), (31, 60), (61, 90), (91, 10000)]

-- | Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
agingReport :: Int -> [Invoice] -> [((Int, Int), Int)]
agingReport today invoices =
  [ (bucket, sum [ totalCents i + sum (penalties i) | i <- invoices, inBucket bucket (today - dueDay i) ])
  | bucket <- buckets ]
  where
    inBucket (low, high) days = low <= days && days <= high

module Reports.Summary (summarize, vatTotal) where

import Billing.Tax

summarize :: [(Int, Int)] -> Int
summarize = foldr (\row acc -> acc + compute row) 0
  where
    compute (amount, refundedAmount) = amount - refundedAmount

vatTotal :: [Int] -> Int
vatTotal amounts = compute (sum amounts)

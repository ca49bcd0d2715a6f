-- | Text of the emails sent to customers.
module Notifications.Templates (renderReminder, renderReceipt) where

import Billing.Invoice

renderReminder :: Invoice -> Int -> Int -> String
renderReminder invoice days lateFee = unlines
  [ "Dear customer,"
  , "invoice " ++ show (invoiceNumber invoice) ++ " is overdue by " ++ show days ++ " days. A late fee of "
      ++ show lateFee ++ " cents has been charged."
  , "If this reminder reached you twice, please ignore the second email."
  ]

renderReceipt :: Invoice -> Int -> String
renderReceipt invoice amount =
  "Dear customer, we received your payment of " ++ show amount ++ " for invoice " ++ show (invoiceNumber invoice) ++ ". Thank you."

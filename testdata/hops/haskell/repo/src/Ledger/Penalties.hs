-- | Penalties booked against invoices.
module Ledger.Penalties (accruePenalty, waivePenalties) where

import Billing.Invoice

dailyRatePer10k :: Int
dailyRatePer10k = 5

accruePenalty :: Invoice -> Int -> (Invoice, Int)
accruePenalty invoice days =
  let amount = totalCents invoice * dailyRatePer10k * days `div` 10000
   in (invoice { penalties = amount : penalties invoice }, amount)

waivePenalties :: Invoice -> Invoice
waivePenalties invoice = invoice { penalties = [] }

-- | Bookkeeping of captured payments: the captured amount and its retries.
module Payments.Captures (Payment(..), remainingCapturedAmount, retrySchedule) where

data Payment = Payment
  { paymentToken :: String
  , captured     :: Int
  , refunded     :: Int
  }

-- | What can still be given back: the captured amount less what was refunded.
remainingCapturedAmount :: Payment -> Int
remainingCapturedAmount p = captured p - refunded p

-- | Seconds to wait before retrying a charge with the same idempotency key.
retrySchedule :: Int -> Int
retrySchedule attempt = min (2 ^ attempt) 300

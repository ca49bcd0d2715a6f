-- | Refunds: money given back through the gateway, never more than was captured.
module Payments.Refunds (issueRefund) where

import Payments.CardGateway (reverseCharge)
import Payments.Captures

-- | Refunds an amount in whole currency units (not cents).
issueRefund :: Payment -> Int -> IO (Either String Payment)
issueRefund payment amount
  | amount > remainingCapturedAmount payment = pure (Left "refund exceeds captured amount")
  | otherwise = do
      reverseCharge payment amount
      pure (Right payment { refunded = refunded payment + amount })

-- | Disputes: a customer contests a charge and the captured amount is held.
module Payments.Disputes (openDispute) where

import Payments.Captures

-- | Holds part of the captured amount while the customer's claim that they paid too much is examined.
openDispute :: Payment -> Int -> Either String Int
openDispute payment amount
  | amount > captured payment = Left "dispute exceeds captured amount"
  | otherwise = Right amount

-- | Sales tax of an order, in cents.
module Billing.Tax (compute) where

compute :: Int -> Int
compute amount = amount * 20 `div` 100

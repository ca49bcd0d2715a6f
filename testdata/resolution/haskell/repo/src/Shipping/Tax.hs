-- | Import duty of a parcel, in cents.
module Shipping.Tax (compute, exempt) where

compute :: Int -> Int
compute grams = 250 + grams `div` 10

exempt :: Int -> Bool
exempt grams = grams < 500

module Shipping.Quote (quote) where

import Shipping.Tax (compute)

quote :: Int -> Int
quote grams = compute grams

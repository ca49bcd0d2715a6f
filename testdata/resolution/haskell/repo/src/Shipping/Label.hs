module Shipping.Label (label) where

import qualified Shipping.Tax as Tax

label :: Int -> String
label grams
  | Tax.exempt grams = "no duty"
  | otherwise = "duty " ++ show (Tax.compute grams)

module Billing.Checkout (checkout) where

import qualified Billing.Tax as Tax
import qualified Shipping.Tax as Duty

checkout :: Int -> Int -> Int
checkout subtotal grams = subtotal + Tax.compute subtotal + Duty.compute grams

module Reports.Vat (vatOf) where

import qualified Billing as B

vatOf :: Int -> Int
vatOf amount = B.compute amount

-- | The pricing of the old shop, kept for its reports.
module Legacy.Pricing (priceOf) where

priceOf :: Int -> Int
priceOf cents = cents + 99

-- | Things with a price.
module Shop.Priced (Priced(..)) where

class Priced a where
  priceOf :: a -> Int

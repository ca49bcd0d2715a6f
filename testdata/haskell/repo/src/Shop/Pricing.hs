{-# LANGUAGE LambdaCase #-}
-- | Prices and discounts.
module Shop.Pricing (lineTotal, subtotal, applyDiscount, Priced(..)) where

import Data.List (foldl')
import Shop.Types

-- | The price of one line.
lineTotal :: Item -> Int
lineTotal item = itemPrice item * itemQty item

subtotal :: Cart -> Int
subtotal = foldl' (\acc i -> acc + lineTotal i) 0 . cartItems

-- | Applies a discount, never below zero.
applyDiscount :: Discount -> Int -> Int
applyDiscount NoDiscount amount = amount
applyDiscount (Percent p) amount = amount - amount * p `div` 100
applyDiscount (Fixed off) amount = max 0 (amount - off)

-- | Things with a price.
class Priced a where
  -- | The price in cents.
  priceOf :: a -> Int
  -- | The price of many.
  priceOfMany :: Int -> a -> Int
  priceOfMany n x = n * priceOf x

instance Priced Item where
  priceOf = lineTotal

instance Priced Cart where
  priceOf = subtotal

-- | Nothing costs nothing.
instance Priced a => Priced (Maybe a) where
  priceOf = maybe 0 priceOf

instance Priced a => Priced [a] where
  priceOf = sum . map priceOf

module Shop.Tax
  ( vat
  , withVat
  ) where

-- | The VAT rate, in percent.
vatRate :: Int
vatRate = 20

-- | The VAT on an amount in cents, rounded half up.
vat :: Int -> Int
vat amount = (amount * vatRate + 50) `div` 100

withVat :: Int -> Int
withVat amount = amount + vat amount

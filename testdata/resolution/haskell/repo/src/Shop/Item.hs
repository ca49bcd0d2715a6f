module Shop.Item (Item(..)) where

import Shop.Priced

data Item = Item { itemCents :: Int, itemQty :: Int }

instance Priced Item where
  priceOf item = itemCents item * itemQty item

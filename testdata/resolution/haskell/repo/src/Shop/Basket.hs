module Shop.Basket (basketTotal) where

import Shop.Item
import Shop.Priced

basketTotal :: [Item] -> Int
basketTotal items = sum [ priceOf i | i <- items ]

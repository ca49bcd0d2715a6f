module Main (main) where

import Shop.Receipt (render)
import Shop.Types

main :: IO ()
main = do
  let cart = (emptyCart "ada") { cartItems = [Item (Sku "tea") 450 2] }
  putStr (render cart)

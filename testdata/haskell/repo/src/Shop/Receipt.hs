module Shop.Receipt (render) where

import qualified Data.Map.Strict as Map
import Shop.Pricing (lineTotal, subtotal)
import qualified Shop.Tax as Tax
import Shop.Types

-- | Renders a receipt: one line per SKU, then the total with VAT.
render :: Cart -> String
render cart = unlines (map line (Map.toList bySku) ++ [footer])
  where
    bySku = Map.fromListWith (+) [ (sku, lineTotal i) | i@(Item (Sku sku) _ _) <- cartItems cart ]
    line (sku, cents) = sku ++ " " ++ showCents cents
    footer = "TOTAL " ++ showCents (Tax.withVat (subtotal cart))

showCents :: Int -> String
showCents c =
  let (euros, cents) = c `divMod` 100
   in show euros ++ "." ++ pad (show cents)
  where
    pad s
      | length s < 2 = '0' : s
      | otherwise = s

-- | The shop's data types.
module Shop.Types
  ( Sku(..)
  , Item(..)
  , Cart(..)
  , Discount(..)
  , emptyCart
  ) where

-- | A stock-keeping unit.
newtype Sku = Sku String
  deriving (Eq, Ord, Show)

-- | One line of a cart.
data Item = Item
  { itemSku   :: Sku
  , itemPrice :: Int   -- ^ in cents
  , itemQty   :: Int
  } deriving (Show)

data Cart = Cart { cartItems :: [Item], cartOwner :: String }

data Discount
  = NoDiscount
  | Percent Int
  | Fixed Int
  deriving (Eq, Show)

type Cents = Int

emptyCart :: String -> Cart
emptyCart = Cart []

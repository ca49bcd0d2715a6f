-- | Support tickets: what an agent can do for a customer from the help desk.
module Support.Desk (Ticket(..), resolveTicket) where

import Payments.Captures (Payment)
import Payments.Refunds (issueRefund)

data Ticket = Ticket { goodwill :: Bool, disputedCents :: Int }

-- | Closes a ticket; a goodwill ticket refunds the disputed sum.
resolveTicket :: Ticket -> Payment -> IO (Either String ())
resolveTicket ticket payment
  | goodwill ticket = fmap (const ()) <$> issueRefund payment (disputedCents ticket)
  | otherwise = pure (Right ())

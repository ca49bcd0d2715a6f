-- | The card processor's API: captures and reversals.
module Payments.CardGateway (capture, reverseCharge) where

import Payments.Captures

-- | Captures an authorised charge; the idempotency key makes a retried capture take the money once.
capture :: Payment -> Int -> String -> IO ()
capture payment amount key = putStrLn (paymentToken payment ++ " " ++ show amount ++ " " ++ key)

-- | Gives money back to the card, the amount in cents.
reverseCharge :: Payment -> Int -> IO ()
reverseCharge payment amount = putStrLn ("reverse " ++ paymentToken payment ++ " " ++ show amount)

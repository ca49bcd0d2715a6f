-- | Outgoing email through the SMTP relay, with a bounce log.
module Notifications.Email (sendEmail, resendBounced) where

import Data.IORef

relay :: String
relay = "smtp.internal"

sendEmail :: Int -> String -> String -> IO Bool
sendEmail customer subject body = do
  putStrLn (relay ++ ": " ++ show customer ++ " " ++ subject)
  pure (not (null body))

-- | Resends the overdue reminder email of every customer whose last email bounced.
resendBounced :: IORef [Int] -> (Int -> IO ()) -> IO ()
resendBounced bounced send = do
  customers <- readIORef bounced
  writeIORef bounced []
  mapM_ send customers

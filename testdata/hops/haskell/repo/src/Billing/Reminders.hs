-- | Reminder emails for unpaid invoices past their due date.
module Billing.Reminders (sendOverdueReminder) where

import Billing.Invoice
import Ledger.Penalties (accruePenalty)
import qualified Notifications.Email as Email
import Notifications.Templates (renderReminder)

graceDays :: Int
graceDays = 3

-- | Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
sendOverdueReminder :: Invoice -> Int -> Bool -> IO (Invoice, Bool)
sendOverdueReminder invoice today _resend
  | daysLate <= graceDays = pure (invoice, False)
  | otherwise = do
      let (charged, lateFee) = accruePenalty invoice daysLate
      sent <- Email.sendEmail (customerId invoice) "Your invoice is overdue" (renderReminder invoice daysLate lateFee)
      pure (charged, sent)
  where
    daysLate = today - dueDay invoice

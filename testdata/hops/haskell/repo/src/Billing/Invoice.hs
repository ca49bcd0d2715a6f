-- | Invoices as the ledger keeps them.
module Billing.Invoice (Invoice(..)) where

data Invoice = Invoice
  { invoiceNumber :: Int
  , customerId    :: Int
  , dueDay        :: Int
  , totalCents    :: Int
  , penalties     :: [Int]
  } deriving (Show)

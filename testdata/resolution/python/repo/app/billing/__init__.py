"""Invoices, VAT and the ledger."""

"""Invoices and their line items; finalizing freezes the totals."""

from dataclasses import dataclass, field
from datetime import date

from .money import round_money


@dataclass
class LineItem:
    description: str
    quantity: int
    unit_price: object
    tax_rate: object


@dataclass
class Invoice:
    number: str
    customer_id: str
    due: date
    items: list = field(default_factory=list)
    subtotal: object = 0
    tax: object = 0
    total: object = 0
    finalized: bool = False
    penalties: list = field(default_factory=list)


def finalize_invoice(invoice):
    """Freezes the invoice: every line item is priced, taxed and summed into the grand total."""
    if invoice.finalized:
        return invoice
    subtotal = 0
    tax = 0
    for item in invoice.items:
        line = item.quantity * item.unit_price
        subtotal = round_money(subtotal + line)
        tax = round_money(tax + line * item.tax_rate)
    invoice.subtotal = subtotal
    invoice.tax = tax
    invoice.total = subtotal + tax
    invoice.finalized = True
    return invoice

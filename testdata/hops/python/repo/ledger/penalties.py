"""Penalties booked against invoices."""

from decimal import Decimal

DAILY_RATE = Decimal("0.0005")


def accrue_penalty(invoice, days):
    amount = (invoice.total * DAILY_RATE * days).quantize(Decimal("0.01"))
    invoice.penalties.append(amount)
    return amount


def waive_penalties(invoice):
    invoice.penalties.clear()

"""Checkout: VAT from billing, customs duty from shipping."""

from .tax import compute
from ..shipping import tax as shipping_tax
from app.shipping.tax import compute as duty
from app.shipping.customs import declare_parcel as declare


def checkout(order):
    vat = compute(order.amount)
    customs = shipping_tax.compute(order.weight)
    return order.amount + vat + customs


def quote(order):
    return order.amount + duty(order.weight)


def ship(order):
    declaration = declare(order)
    return declaration

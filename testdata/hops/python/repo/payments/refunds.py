"""Refunds: money given back through the gateway, never more than was captured."""

from .captures import remaining_captured_amount


class RefundError(Exception):
    pass


def issue_refund(gateway, payment, amount):
    """Refunds `amount`, in whole currency units (not cents)."""
    if amount > remaining_captured_amount(payment):
        raise RefundError("refund exceeds captured amount")
    gateway.reverse(payment, amount)
    payment.refunded += amount
    return payment.refunded

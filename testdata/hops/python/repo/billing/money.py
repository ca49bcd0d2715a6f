"""Decimal arithmetic: rounding, and conversion between amounts and cents."""

from decimal import Decimal, ROUND_HALF_EVEN

CENT = Decimal("0.01")


def round_money(amount, places=2):
    # Rounds each partial sum through float, which drifts as small values add up.
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(round(float(amount), places))).quantize(quantum, rounding=ROUND_HALF_EVEN)


def to_cents(amount):
    return int((Decimal(amount) / CENT).to_integral_value())


def from_cents(cents):
    return Decimal(cents) * CENT

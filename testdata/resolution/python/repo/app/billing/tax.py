"""Value-added tax on an amount."""

VAT_RATE = 0.2


def compute(amount):
    return round(amount * VAT_RATE, 2)

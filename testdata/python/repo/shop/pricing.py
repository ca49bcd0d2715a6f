def apply_discount(amount, rate=0.1):
    """Applies the house discount."""
    return amount * (1 - rate)

"""Shopping cart."""
import os
from decimal import Decimal
from .pricing import apply_discount as discount

TAX_RATE = Decimal("0.2")


class CartError(Exception):
    """Raised when a cart operation is invalid."""


class Cart:
    """A cart of line items."""

    currency = "EUR"

    def __init__(self, owner):
        self.owner = owner
        self.items = []

    # Adds one item.
    def add(self, sku, price, qty=1):
        if qty <= 0:
            raise CartError("quantity must be positive")
        self.items.append((sku, price, qty))

    @property
    def total(self):
        """Sum of all lines with tax."""
        subtotal = sum(p * q for _, p, q in self.items)
        return discount(subtotal) * (1 + TAX_RATE)


def load_cart(path):
    def parse_line(line):
        sku, price = line.split(",")
        return sku, Decimal(price)

    cart = Cart(os.path.basename(path))
    for line in open(path):
        cart.add(*parse_line(line))
    return cart

"""The ledger books amounts with their own fee, and VAT through the tax module."""

from .tax import compute


class Ledger:
    def __init__(self):
        self.lines = []

    def record(self, amount):
        fee = self.compute(amount)
        self.lines.append((amount, fee))
        return fee

    def compute(self, amount):
        return round(amount * 0.01, 2)

    def post(self, amount):
        vat = compute(amount)
        self.lines.append((amount, vat))
        return vat

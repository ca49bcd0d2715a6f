"""Invoices and carts each have a total."""


class Invoice:
    def __init__(self, lines):
        self.lines = lines

    def total(self):
        return sum(self.lines)

    def summary(self):
        return f"invoice of {self.total()}"


class Cart:
    def __init__(self, items):
        self.items = items

    def total(self):
        return sum(price for _, price in self.items)

    def describe(self):
        return f"cart of {self.total()}"


def total(values):
    return sum(values)


def grand_total(invoices):
    return total(invoice.total() for invoice in invoices)

"""Summaries of rows: totals, and VAT through the billing tax module."""

from app.billing.tax import compute


def summarize(rows):
    def compute(row):
        return row.total

    return sum(compute(row) for row in rows)


def vat_total(rows):
    return sum(compute(row.amount) for row in rows)

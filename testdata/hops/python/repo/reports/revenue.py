"""Monthly revenue: the totals of finalized invoices, per line item category."""


def monthly_revenue(invoices, month):
    """Adds up the invoice totals of the month; off by a penny means an invoice total is wrong."""
    total = 0
    for invoice in invoices:
        if invoice.finalized and invoice.due.month == month:
            total += invoice.total
    return total


def revenue_by_item(invoices):
    totals = {}
    for invoice in invoices:
        for item in invoice.items:
            totals[item.description] = totals.get(item.description, 0) + item.quantity * item.unit_price
    return totals

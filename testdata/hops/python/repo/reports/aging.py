"""Accounts-receivable aging: overdue invoices bucketed by days late."""

BUCKETS = [(1, 30), (31, 60), (61, 90), (91, 10_000)]


def aging_report(invoices, today):
    """Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance."""
    report = {bucket: 0 for bucket in BUCKETS}
    for invoice in invoices:
        days_late = (today - invoice.due).days
        for low, high in BUCKETS:
            if low <= days_late <= high:
                report[(low, high)] += invoice.total + sum(invoice.penalties)
    return report


def overdue_customers(invoices, today):
    return sorted({invoice.customer_id for invoice in invoices if invoice.due < today})

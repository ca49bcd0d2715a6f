"""Text of the emails sent to customers."""

REMINDER = """Dear customer,

invoice {number} is overdue by {days} days. A late fee of {fee} has been charged.
If this reminder reached you twice, please ignore the second email.
"""

RECEIPT = """Dear customer,

we received your payment of {amount} for invoice {number}. Thank you.
"""


def render_reminder(invoice, days_late, late_fee):
    return REMINDER.format(number=invoice.number, days=days_late, fee=late_fee)


def render_receipt(invoice, amount):
    return RECEIPT.format(number=invoice.number, amount=amount)

"""Reminder emails for unpaid invoices past their due date."""

from ledger.penalties import accrue_penalty
from notifications.email import send_email
from notifications.templates import render_reminder

GRACE_DAYS = 3


def send_overdue_reminder(invoice, today, resend=False):
    """Emails the customer about an overdue invoice; a resend repeats the email after a bounce."""
    days_late = (today - invoice.due).days
    if days_late <= GRACE_DAYS:
        return None
    late_fee = accrue_penalty(invoice, days_late)
    body = render_reminder(invoice, days_late, late_fee)
    return send_email(invoice.customer_id, "Your invoice is overdue", body)

"""Outgoing email through the SMTP relay, with a bounce log."""

import smtplib

RELAY = "smtp.internal"
BOUNCED = []


def send_email(customer_id, subject, body):
    with smtplib.SMTP(RELAY) as smtp:
        try:
            smtp.sendmail("billing@example.com", [f"{customer_id}@customers.example.com"], f"Subject: {subject}\n\n{body}")
        except smtplib.SMTPRecipientsRefused:
            BOUNCED.append(customer_id)
            return False
    return True


def resend_bounced(invoices_by_customer, today, send):
    """Resends the overdue reminder email of every customer whose last email bounced."""
    for customer_id in list(BOUNCED):
        BOUNCED.remove(customer_id)
        for invoice in invoices_by_customer.get(customer_id, []):
            send(invoice, today, resend=True)

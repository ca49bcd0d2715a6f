"""Bookkeeping of captured payments: the captured amount and its retries."""

from dataclasses import dataclass


@dataclass
class Payment:
    token: str
    processor_ref: str = ""
    captured: int = 0
    refunded: int = 0


def remaining_captured_amount(payment):
    """What can still be given back: the captured amount less what was refunded."""
    return payment.captured - payment.refunded


def retry_schedule(attempt):
    """Seconds to wait before retrying a charge with the same idempotency key."""
    return min(2 ** attempt, 300)

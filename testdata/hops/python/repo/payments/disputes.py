"""Disputes: a customer contests a charge and the captured amount is held."""


def open_dispute(payment, amount, reason):
    """Holds part of the captured amount while the customer's claim that they paid too much is examined."""
    if amount > payment.captured:
        raise ValueError("dispute exceeds captured amount")
    return {"payment": payment.token, "held": amount, "reason": reason, "state": "open"}


def close_dispute(dispute, won):
    dispute["state"] = "won" if won else "lost"
    return dispute

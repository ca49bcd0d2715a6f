"""The interface every payment gateway implements."""

from abc import ABC, abstractmethod


class PaymentGateway(ABC):
    @abstractmethod
    def capture(self, payment, amount, request_id):
        """Takes the money. Calling it again with the same idempotency key (`request_id`)
        must not take the money twice: it returns the first result instead."""

    @abstractmethod
    def reverse(self, payment, amount):
        """Gives money back for a captured payment."""

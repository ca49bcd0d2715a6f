"""The card processor's HTTP API."""

from .gateway import PaymentGateway


class CardGateway(PaymentGateway):
    def __init__(self, client):
        self.client = client

    def capture(self, payment, amount, request_id):
        response = self.client.post("/v1/debits", {"source": payment.token, "amount": amount})
        payment.captured += amount
        return response["id"]

    def reverse(self, payment, amount):
        return self.client.post("/v1/reversals", {"ref": payment.processor_ref, "amount": amount})["id"]

package com.example.payments

/** The card processor's HTTP API. */
class CardGateway(private val client: HttpClient) : PaymentGateway {
    interface HttpClient {
        fun post(path: String, body: Map<String, Any>): String
    }

    override fun capture(payment: Payment, amount: Long, requestId: String): String {
        val id = client.post("/v1/debits", mapOf("source" to payment.token, "amount" to amount))
        payment.captured += amount
        return id
    }

    override fun reverse(payment: Payment, amount: Long): String {
        return client.post("/v1/reversals", mapOf("ref" to payment.processorRef, "amount" to amount))
    }
}

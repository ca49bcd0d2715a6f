package example.payments

/** The card processor's HTTP API. */
class CardGateway(client: CardGateway.HttpClient) extends PaymentGateway {
  override def capture(payment: Payment, amount: Long, requestId: String): String = {
    val id = client.post("/v1/debits", Map("source" -> payment.token, "amount" -> amount))
    payment.captured += amount
    id
  }

  override def reverse(payment: Payment, amount: Long): String =
    client.post("/v1/reversals", Map("ref" -> payment.processorRef, "amount" -> amount))
}

object CardGateway {
  trait HttpClient {
    def post(path: String, body: Map[String, Any]): String
  }
}

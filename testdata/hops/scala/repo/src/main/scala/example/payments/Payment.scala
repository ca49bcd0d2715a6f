package example.payments

/** A card payment and what was captured and refunded of it. */
class Payment(val token: String) {
  var processorRef: String = ""
  var captured: Long = 0
  var refunded: Long = 0
}

package shop.models

/** Where an invoice is in its life. */
enum State {
  case Draft, Final
}

/** An amount in one currency. */
final case class Money(cents: Long, currency: String = "EUR")

type Sku = String

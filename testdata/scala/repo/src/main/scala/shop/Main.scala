package shop

import shop.billing.Checkout
import shop.models._

/** Books one sample invoice. */
@main def run(customer: String): Unit = {
  val invoice = new Invoice(customer)
  invoice.add("book", BigDecimal("12.5"), 2)
  println(new Checkout().close(invoice))
  println(invoice.print())
}

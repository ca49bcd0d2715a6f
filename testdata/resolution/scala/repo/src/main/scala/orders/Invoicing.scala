package shop.orders

import shop.billing._

/** Bills an order. */
class Invoicing {
  def vat(amount: Double): Double = Tax.compute(amount)
}

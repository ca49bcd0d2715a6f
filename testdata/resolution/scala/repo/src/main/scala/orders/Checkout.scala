package shop.orders

import shop.shipping.Tax

/** Ships an order. */
class Checkout {
  def ship(weight: Double): Double = Tax.compute(weight)
}

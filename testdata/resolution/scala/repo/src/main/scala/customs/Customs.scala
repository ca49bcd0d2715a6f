package shop.customs

import shop.shipping.{Tax => Duty}

/** Customs declarations. */
object Declarations {
  def declare(weight: Double): Double = Duty.compute(weight)

  def audit(amount: Double): Double = shop.billing.Tax.compute(amount)
}

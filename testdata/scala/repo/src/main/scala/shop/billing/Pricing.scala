package shop.billing

import scala.math.BigDecimal.RoundingMode

/** The house discount. */
val DefaultRate: BigDecimal = BigDecimal("0.1")

/** Takes the rate off the amount, rounded to cents. */
def applyDiscount(amount: BigDecimal, rate: BigDecimal = DefaultRate): BigDecimal = (amount * (1 - rate)).toCents

/** Rounds to whole cents. */
extension (amount: BigDecimal) def toCents: BigDecimal = amount.setScale(2, RoundingMode.HALF_UP)

/** Discount rules by customer. */
object Discounts {
  /** The rate a customer gets. */
  def rateFor(customer: String): BigDecimal =
    if (customer.startsWith("vip")) BigDecimal("0.15") else DefaultRate
}

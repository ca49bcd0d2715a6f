package com.example.shop.billing

import java.math.BigDecimal
import java.math.RoundingMode

/** The house discount. */
val DEFAULT_RATE: BigDecimal = BigDecimal("0.1")

/** Takes the rate off the amount, rounded to cents. */
fun applyDiscount(amount: BigDecimal, rate: BigDecimal = DEFAULT_RATE): BigDecimal =
    amount.multiply(BigDecimal.ONE - rate).toCents()

/** Rounds to whole cents. */
fun BigDecimal.toCents(): BigDecimal = setScale(2, RoundingMode.HALF_UP)

/** Discount rules by customer. */
object Discounts {
    const val LOYAL_RATE = "0.15"

    /** The rate a customer gets. */
    fun rateFor(customer: String): BigDecimal =
        if (customer.startsWith("vip")) BigDecimal(LOYAL_RATE) else DEFAULT_RATE
}

package com.shop.customs

import com.shop.shipping.compute as duty

/** Customs declarations. */
object Declarations {
    fun declare(weight: Double): Double = duty(weight)

    fun audit(amount: Double): Double = com.shop.billing.compute(amount)
}

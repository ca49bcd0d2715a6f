package com.shop.billing

/** The general ledger. */
class Ledger {
    private var balance = 0.0

    fun compute(amount: Double): Double = balance + amount

    fun record(amount: Double) {
        balance = compute(amount)
    }
}

/** Books the tax of an amount. */
fun postVat(amount: Double): Double = compute(amount)

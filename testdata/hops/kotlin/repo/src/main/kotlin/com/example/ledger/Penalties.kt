package com.example.ledger

import com.example.billing.Invoice
import kotlin.math.round

private const val DAILY_RATE = 0.0005

fun accruePenalty(invoice: Invoice, days: Int): Double {
    val amount = round(invoice.total * DAILY_RATE * days * 100) / 100
    invoice.penalties.add(amount)
    return amount
}

fun waivePenalties(invoice: Invoice) {
    invoice.penalties.clear()
}

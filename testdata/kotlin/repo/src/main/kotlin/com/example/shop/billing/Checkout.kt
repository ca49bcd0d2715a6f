package com.example.shop.billing

import com.example.shop.models.Invoice
import com.example.shop.shipping.TaxTable as Duty
import com.example.shop.shipping.Zone
import java.math.BigDecimal

/** Turns a cart into an invoice. */
class Checkout(private val duty: Duty = Duty(Zone.DOMESTIC)) {

    /** Prices every line and books the invoice. */
    fun close(invoice: Invoice): BigDecimal {
        fun discounted(amount: BigDecimal) = applyDiscount(amount, Discounts.rateFor(invoice.customer))

        val total = discounted(invoice.total())
        return total + duty.compute(total)
    }

    /** The totals of several invoices, largest first. */
    fun totals(invoices: List<Invoice>): List<BigDecimal> =
        invoices.map { close(it) }.sortedDescending()
}

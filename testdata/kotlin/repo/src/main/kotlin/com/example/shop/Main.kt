package com.example.shop

import com.example.shop.billing.Checkout
import com.example.shop.models.*
import java.math.BigDecimal

/** Books one sample invoice. */
fun main(args: Array<String>) {
    val invoice = Invoice(args.firstOrNull() ?: "sample")
    invoice.add("book", BigDecimal("12.5"), 2)
    println(Checkout().close(invoice))
    println(invoice.print())
}

package com.example.shop.models

import java.math.BigDecimal
import java.math.RoundingMode

/** Most lines an invoice may hold. */
const val MAX_LINES = 50

/**
 * An invoice of line items for one customer.
 */
data class Invoice(val customer: String, private val lines: MutableList<Line> = mutableListOf()) : Document(customer), Priced {

    /** One product line. */
    data class Line(val sku: String, val price: BigDecimal, val quantity: Int) {
        /** Price times quantity. */
        fun subtotal(): BigDecimal = price.multiply(BigDecimal(quantity))
    }

    /** Where the invoice is in its life. */
    enum class State {
        DRAFT,
        FINAL;

        fun editable() = this == DRAFT
    }

    var state: State = State.DRAFT
        private set

    /** Adds a line; fails once the invoice is final. */
    fun add(sku: String, price: BigDecimal, quantity: Int) {
        check(state.editable() && lines.size < MAX_LINES) { "invoice is closed" }
        lines.add(Line(sku, price, quantity))
    }

    // The sum of the lines, before discounts.
    override fun total(): BigDecimal = lines.fold(BigDecimal.ZERO) { sum, line -> sum + line.subtotal() }

    override fun render(): String = "$customer: ${this.total().setScale(2, RoundingMode.HALF_UP)}"

    companion object {
        /** An invoice with no lines. */
        fun empty(customer: String) = Invoice(customer)
    }
}

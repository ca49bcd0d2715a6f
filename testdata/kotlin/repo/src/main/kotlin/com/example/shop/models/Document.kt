package com.example.shop.models

import java.math.BigDecimal

/** Anything with a total price. */
interface Priced {
    fun total(): BigDecimal
}

/** A printable business document. */
abstract class Document(protected val customer: String) {
    /** The text shown to the customer. */
    open fun render(): String = customer

    /** Renders and frames the document. */
    fun print(): String {
        return "[" + render() + "]"
    }
}

/** An amount in one currency. */
@JvmInline
value class Money(val cents: Long)

typealias Sku = String

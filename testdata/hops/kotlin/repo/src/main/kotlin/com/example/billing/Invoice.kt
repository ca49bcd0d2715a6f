package com.example.billing

/** An invoice owed by a customer. */
data class Invoice(
    val customerId: String,
    val total: Double,
    val dueDay: Int,
    val penalties: MutableList<Double> = mutableListOf(),
)

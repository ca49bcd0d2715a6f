package com.shop.orders

import com.shop.billing.*

/** Bills an order. */
fun vat(amount: Double): Double = compute(amount)

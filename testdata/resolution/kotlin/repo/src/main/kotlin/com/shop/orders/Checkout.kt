package com.shop.orders

import com.shop.shipping.compute

/** Ships an order. */
class Checkout {
    fun ship(weight: Double): Double = compute(weight)
}

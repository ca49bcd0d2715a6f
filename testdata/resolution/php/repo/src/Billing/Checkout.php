<?php

namespace App\Billing;

use App\Shop\Cart;

/** Turns a cart into amounts to charge. */
final class Checkout
{
    public function __construct(private Cart $cart)
    {
    }

    /** The amount with VAT: `Tax` is this namespace's own class. */
    public function total(): int
    {
        $amount = $this->cart->subtotal();
        return $amount + Tax::compute($amount);
    }

    /** The duty of the parcel, named in full. */
    public function quote(int $weight): int
    {
        return \App\Shipping\Tax::compute($weight);
    }
}

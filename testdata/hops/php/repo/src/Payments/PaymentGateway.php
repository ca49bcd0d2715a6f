<?php

namespace App\Payments;

/**
 * The interface every payment gateway implements.
 */
interface PaymentGateway
{
    /**
     * Takes the money. Calling it again with the same idempotency key (`$requestId`)
     * must not take the money twice: it returns the first result instead.
     */
    public function capture(object $payment, int $amount, string $requestId): string;

    /**
     * Gives money back for a captured payment.
     */
    public function reverse(object $payment, int $amount): string;
}

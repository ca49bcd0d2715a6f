<?php

namespace App\Payments;

/**
 * The card processor's HTTP API.
 */
final class CardGateway implements PaymentGateway
{
    public function __construct(private \Closure $post)
    {
    }

    public function capture(object $payment, int $amount, string $requestId): string
    {
        $response = ($this->post)('/v1/debits', ['source' => $payment->token, 'amount' => $amount]);
        $payment->captured += $amount;
        return $response['id'];
    }

    public function reverse(object $payment, int $amount): string
    {
        return ($this->post)('/v1/reversals', ['ref' => $payment->processorRef, 'amount' => $amount])['id'];
    }
}

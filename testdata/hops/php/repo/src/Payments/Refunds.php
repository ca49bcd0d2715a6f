<?php

namespace App\Payments;

/**
 * Refunds: money given back through the gateway, never more than was captured.
 */
final class Refunds
{
    private function __construct()
    {
    }

    /**
     * Refunds `$amount`, in whole currency units (not cents).
     */
    public static function issueRefund(PaymentGateway $gateway, object $payment, int $amount): int
    {
        if ($amount > Captures::remainingCapturedAmount($payment)) {
            throw new \DomainException('refund exceeds captured amount');
        }
        $gateway->reverse($payment, $amount);
        $payment->refunded += $amount;
        return $payment->refunded;
    }
}

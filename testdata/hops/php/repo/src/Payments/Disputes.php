<?php

namespace App\Payments;

/**
 * Disputes: a customer contests a charge and the captured amount is held.
 */
final class Disputes
{
    /**
     * Holds part of the captured amount while the customer's claim that they paid too much is examined.
     */
    public static function openDispute(object $payment, int $amount, string $reason): array
    {
        if ($amount > $payment->captured) {
            throw new \InvalidArgumentException('dispute exceeds captured amount');
        }
        return ['payment' => $payment->token, 'held' => $amount, 'reason' => $reason, 'state' => 'open'];
    }

    public static function closeDispute(array $dispute, bool $won): array
    {
        $dispute['state'] = $won ? 'won' : 'lost';
        return $dispute;
    }
}

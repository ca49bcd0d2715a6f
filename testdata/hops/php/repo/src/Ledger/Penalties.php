<?php

namespace App\Ledger;

/**
 * Penalties booked against invoices.
 */
final class Penalties
{
    private const DAILY_RATE = 0.0005;

    public static function accruePenalty(object $invoice, int $days): float
    {
        $amount = round($invoice->total * self::DAILY_RATE * $days, 2);
        $invoice->penalties[] = $amount;
        return $amount;
    }

    public static function waivePenalties(object $invoice): void
    {
        $invoice->penalties = [];
    }
}

<?php

namespace App\Billing;

/** Value-added tax on invoice amounts, in cents. */
final class Tax
{
    public const RATE = 0.2;

    public static function compute(int $amount): int
    {
        return (int) round($amount * self::RATE);
    }
}

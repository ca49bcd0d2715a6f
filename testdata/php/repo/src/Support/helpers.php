<?php

namespace App\Support;

/** The currency every amount is in. */
const CURRENCY = 'EUR';

if (! function_exists('App\Support\format_money')) {
    /**
     * Formats an amount as "12.30 EUR".
     */
    function format_money(Money $money): string
    {
        return sprintf('%.2f %s', $money->cents() / 100, CURRENCY);
    }
}

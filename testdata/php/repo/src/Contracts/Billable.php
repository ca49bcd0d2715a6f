<?php

namespace App\Contracts;

use App\Support\Money;

/**
 * Anything a customer can be billed for.
 */
interface Billable
{
    /** Finalizes and returns the amount owed. */
    public function bill(): Money;
}

<?php

namespace App\Billing;

/** Where an invoice is in its life. */
enum Status: string
{
    case Draft = 'draft';
    case Final = 'final';

    /** Whether lines may still be added. */
    public function editable(): bool
    {
        return $this === self::Draft;
    }
}

<?php

namespace App\Reports;

use App\Shipping\Tax;
use App\Billing\Tax as Vat;

/** Totals of a month of parcels and invoices. */
final class Summary
{
    /** Duty of every parcel: `Tax` is the imported shipping class. */
    public static function tally(array $parcels): int
    {
        return array_sum(array_map(fn ($parcel) => Tax::compute($parcel->weight), $parcels));
    }

    /** VAT of every invoice, through the alias. */
    public static function vatTotal(array $amounts): int
    {
        return array_sum(array_map(fn (int $amount) => Vat::compute($amount), $amounts));
    }
}

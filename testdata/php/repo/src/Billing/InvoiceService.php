<?php

namespace App\Billing;

use App\Concerns\LogsActivity;
use App\Support\{Clock, Money as Amount};
use function App\Support\format_money;

/**
 * Creates and finalizes invoices.
 */
class InvoiceService
{
    use LogsActivity;

    public function __construct(private Clock $clock)
    {
    }

    /** Opens an invoice numbered by today's date. */
    public function open(): Invoice
    {
        $invoice = new Invoice($this->clock->today()->format('Ymd'));
        $this->log('opened ' . $invoice->number);
        return $invoice;
    }

    public function finalize(Invoice $invoice): string
    {
        $total = $invoice->bill();
        if ($total->greaterThan(Amount::fromCents(100_000))) {
            $this->log('large invoice');
        }
        return format_money($total);
    }
}

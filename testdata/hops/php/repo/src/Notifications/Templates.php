<?php

namespace App\Notifications;

/**
 * Text of the emails customers get.
 */
final class Templates
{
    public static function renderReminder(object $invoice, int $daysLate, float $lateFee): string
    {
        return "Invoice {$invoice->number} is {$daysLate} days overdue. A late fee of {$lateFee} was added.";
    }

    public static function renderReceipt(object $payment): string
    {
        return "We received {$payment->captured} for your order.";
    }
}

<?php

namespace App\Billing;

use App\Ledger\Penalties;
use App\Notifications\Email;
use App\Notifications\Templates;

/**
 * Reminder emails for unpaid invoices past their due date.
 */
final class Reminders
{
    public const GRACE_DAYS = 3;

    /**
     * Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
     */
    public static function sendOverdueReminder(object $invoice, \DateTimeImmutable $today, bool $resend = false): ?bool
    {
        $daysLate = $invoice->due->diff($today)->days;
        if ($daysLate <= self::GRACE_DAYS) {
            return null;
        }
        $lateFee = Penalties::accruePenalty($invoice, $daysLate);
        $body = Templates::renderReminder($invoice, $daysLate, $lateFee);
        return Email::sendEmail($invoice->customerId, 'Your invoice is overdue', $body);
    }
}

<?php

namespace App\Notifications;

/**
 * Outgoing email through the SMTP relay, with a bounce log.
 */
final class Email
{
    private const RELAY = 'smtp.internal';

    /** @var list<string> */
    public static array $bounced = [];

    public static function sendEmail(string $customerId, string $subject, string $body): bool
    {
        $sent = mail("{$customerId}@customers.example.com", $subject, $body, ['X-Relay' => self::RELAY]);
        if (! $sent) {
            self::$bounced[] = $customerId;
        }
        return $sent;
    }

    /**
     * Resends the overdue reminder email of every customer whose last email bounced.
     */
    public static function resendBounced(array $invoicesByCustomer, \DateTimeImmutable $today, callable $send): void
    {
        foreach (self::$bounced as $i => $customerId) {
            unset(self::$bounced[$i]);
            foreach ($invoicesByCustomer[$customerId] ?? [] as $invoice) {
                $send($invoice, $today, true);
            }
        }
    }
}

<?php

namespace App\Support;

use App\Payments\PaymentGateway;
use App\Payments\Refunds;

/**
 * Support tickets: what an agent can do for a customer from the help desk.
 */
final class Desk
{
    /**
     * Closes a ticket; a goodwill ticket returns the disputed sum to the customer.
     */
    public function resolveTicket(object $ticket, PaymentGateway $gateway, object $payment): object
    {
        if ($ticket->kind === 'goodwill') {
            Refunds::issueRefund($gateway, $payment, $ticket->disputedCents);
        }
        $ticket->status = 'closed';
        return $ticket;
    }

    public function escalateTicket(object $ticket): object
    {
        $ticket->priority = 'high';
        return $ticket;
    }
}

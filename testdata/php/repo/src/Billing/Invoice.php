<?php

declare(strict_types=1);

namespace App\Billing;

use App\Contracts\Billable;
use App\Support\Money;

/**
 * An invoice: numbered lines owed by one customer.
 */
final class Invoice implements Billable
{
    /** Most lines an invoice may hold. */
    public const MAX_LINES = 50;

    /** @var list<array{sku: string, amount: Money}> */
    private array $lines = [];

    public function __construct(
        public readonly string $number,
        private Status $status = Status::Draft,
    ) {
    }

    /**
     * Adds a line; a finalized invoice no longer changes.
     */
    public function addLine(string $sku, Money $amount): void
    {
        if ($this->status !== Status::Draft) {
            throw new \LogicException("invoice {$this->number} is final");
        }
        if (count($this->lines) >= self::MAX_LINES) {
            throw new \OverflowException('too many lines');
        }
        $this->lines[] = ['sku' => $sku, 'amount' => $amount];
    }

    // The sum of the lines.
    public function total(): Money
    {
        return array_reduce(
            $this->lines,
            fn (Money $sum, array $line): Money => $sum->plus($line['amount']),
            Money::zero(),
        );
    }

    public function bill(): Money
    {
        $this->status = Status::Final;
        return $this->total();
    }
}

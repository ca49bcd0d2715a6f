<?php

namespace App\Support;

/**
 * An amount in cents.
 */
final class Money
{
    private function __construct(private int $cents)
    {
    }

    public static function fromCents(int $cents): self
    {
        return new self($cents);
    }

    public static function zero(): static
    {
        return static::fromCents(0);
    }

    public function plus(Money $other): self
    {
        return new self($this->cents + $other->cents);
    }

    public function greaterThan(Money $other): bool
    {
        return $this->cents > $other->cents;
    }

    public function cents(): int
    {
        return $this->cents;
    }
}

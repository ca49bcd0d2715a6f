<?php

namespace App\Models;

/** An invoice prints through the page layout it inherits. */
final class Invoice extends Document
{
    public function __construct(private array $lines)
    {
    }

    public function total(): int
    {
        return array_sum(array_column($this->lines, 'amount'));
    }

    public function print(): string
    {
        return $this->render();
    }

    public function summary(): string
    {
        return 'Invoice of ' . $this->total();
    }

    protected function body(): string
    {
        return (string) $this->total();
    }
}

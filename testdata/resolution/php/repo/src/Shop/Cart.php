<?php

namespace App\Shop;

/** A cart is no document: it renders itself. */
final class Cart
{
    public function __construct(private array $items)
    {
    }

    public function subtotal(): int
    {
        return array_sum(array_column($this->items, 'price'));
    }

    public function render(): string
    {
        return implode(', ', array_column($this->items, 'name'));
    }

    public function print(): string
    {
        return $this->render();
    }
}

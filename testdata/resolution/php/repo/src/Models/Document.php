<?php

namespace App\Models;

/** Anything printable as a page. */
abstract class Document
{
    public function render(): string
    {
        return '<page>' . $this->body() . '</page>';
    }

    abstract protected function body(): string;
}

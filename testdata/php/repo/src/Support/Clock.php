<?php

namespace App\Support;

use DateTimeImmutable;

/** The current time, replaceable in tests. */
class Clock
{
    public function today(): DateTimeImmutable
    {
        return new DateTimeImmutable('today');
    }
}

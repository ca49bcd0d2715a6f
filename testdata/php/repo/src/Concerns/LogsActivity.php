<?php

namespace App\Concerns;

/**
 * Writes what a service did to the activity log.
 */
trait LogsActivity
{
    protected function log(string $message): void
    {
        error_log(static::class . ': ' . $message);
    }
}

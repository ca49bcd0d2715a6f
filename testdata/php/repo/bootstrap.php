<?php

require __DIR__ . '/vendor/autoload.php';
require_once __DIR__ . '/src/Support/helpers.php';

$service = new App\Billing\InvoiceService(new App\Support\Clock());

<?php

namespace App\Reports;

/**
 * Accounts-receivable aging: overdue invoices bucketed by days late.
 */
final class Aging
{
    private const BUCKETS = [[1, 30], [31, 60], [61, 90], [91, 10000]];

    /**
     * Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
     */
    public static function agingReport(array $invoices, \DateTimeImmutable $today): array
    {
        $report = array_fill(0, count(self::BUCKETS), 0);
        foreach ($invoices as $invoice) {
            $daysLate = $invoice->due->diff($today)->days;
            foreach (self::BUCKETS as $i => [$low, $high]) {
                if ($low <= $daysLate && $daysLate <= $high) {
                    $report[$i] += $invoice->total + array_sum($invoice->penalties);
                }
            }
        }
        return $report;
    }

    public static function overdueCustomers(array $invoices, \DateTimeImmutable $today): array
    {
        return array_values(array_unique(array_map(fn ($i) => $i->customerId, array_filter($invoices, fn ($i) => $i->due < $today))));
    }
}

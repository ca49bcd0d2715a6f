package com.example.reports

import com.example.billing.Invoice

private val BUCKETS = listOf(1..30, 31..60, 61..90, 91..10_000)

/** Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance. */
fun agingReport(invoices: List<Invoice>, today: Int): DoubleArray {
    val report = DoubleArray(BUCKETS.size)
    for (invoice in invoices) {
        val daysLate = today - invoice.dueDay
        BUCKETS.forEachIndexed { slot, bucket ->
            if (daysLate in bucket) {
                report[slot] += invoice.total + invoice.penalties.sum()
            }
        }
    }
    return report
}

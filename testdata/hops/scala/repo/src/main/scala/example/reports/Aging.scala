package example.reports

import example.billing.Invoice

/** Accounts-receivable aging: overdue invoices bucketed by days late. */
object Aging {
  private val Buckets = Seq((1, 30), (31, 60), (61, 90), (91, 10000))

  /** Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance. */
  def agingReport(invoices: Seq[Invoice], today: Int): Seq[Double] =
    Buckets.map { case (from, to) =>
      invoices.filter(i => from <= today - i.dueDay && today - i.dueDay <= to).map(i => i.total + i.penalties.sum).sum
    }
}

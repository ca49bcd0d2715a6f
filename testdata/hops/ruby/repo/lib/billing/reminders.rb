# frozen_string_literal: true

require "ledger/penalties"
require "notifications/email"
require "notifications/templates"

module Billing
  # Reminder emails for unpaid invoices past their due date.
  module Reminders
    GRACE_DAYS = 3

    # Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
    def self.send_overdue_reminder(invoice, today, resend: false)
      days_late = (today - invoice.due).to_i
      return nil if days_late <= GRACE_DAYS

      late_fee = Ledger::Penalties.accrue_penalty(invoice, days_late)
      body = Notifications::Templates.render_reminder(invoice, days_late, late_fee)
      Notifications::Email.send_email(invoice.customer_id, "Your invoice is overdue", body)
    end
  end
end

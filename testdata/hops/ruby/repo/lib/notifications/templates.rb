# frozen_string_literal: true

module Notifications
  # Text of the emails customers get.
  module Templates
    def self.render_reminder(invoice, days_late, late_fee)
      "Invoice #{invoice.number} is #{days_late} days overdue. A late fee of #{late_fee} was added."
    end

    def self.render_receipt(payment)
      "We received #{payment.captured} for your order."
    end
  end
end

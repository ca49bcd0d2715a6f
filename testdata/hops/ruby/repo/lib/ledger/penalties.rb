# frozen_string_literal: true

require "bigdecimal"

module Ledger
  # Penalties booked against invoices.
  module Penalties
    DAILY_RATE = BigDecimal("0.0005")

    def self.accrue_penalty(invoice, days)
      amount = (invoice.total * DAILY_RATE * days).round(2)
      invoice.penalties << amount
      amount
    end

    def self.waive_penalties(invoice)
      invoice.penalties.clear
    end
  end
end

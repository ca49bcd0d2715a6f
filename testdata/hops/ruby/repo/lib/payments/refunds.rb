# frozen_string_literal: true

require "payments/captures"

module Payments
  class RefundError < StandardError; end

  # Refunds: money given back through the gateway, never more than was captured.
  module Refunds
    # Refunds `amount`, in whole currency units (not cents).
    def self.issue_refund(gateway, payment, amount)
      raise RefundError, "refund exceeds captured amount" if amount > Captures.remaining_captured_amount(payment)

      gateway.reverse(payment, amount)
      payment.refunded += amount
    end
  end
end

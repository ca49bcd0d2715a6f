# frozen_string_literal: true

module Payments
  # A captured payment: what was taken and what was given back.
  Payment = Struct.new(:token, :processor_ref, :captured, :refunded)

  # Bookkeeping of captured payments: the captured amount and its retries.
  module Captures
    # What can still be given back: the captured amount less what was refunded.
    def self.remaining_captured_amount(payment)
      payment.captured - payment.refunded
    end

    # Seconds to wait before retrying a charge with the same idempotency key.
    def self.retry_schedule(attempt)
      [2**attempt, 300].min
    end
  end
end
